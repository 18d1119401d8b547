/**
 * The deterministic autoencoder: x → encoder MLP → code h [batch, latentDim] (linear) →
 * decoder MLP → logits → σ → x̂ ∈ [0, 1]. No prior, no sampling: the baseline against which
 * the book introduces the VAE (why can't we sample from this one's code space?).
 *
 * Loss per image, averaged over the batch (metric `loss`):
 *   'bce': −Σ_d [x_d log x̂_d + (1 − x_d) log(1 − x̂_d)], from the logits (stable);
 *   'mse': Σ_d (x_d − x̂_d)².
 *
 * Denoising (Vincent et al. 2008) when `noise` > 0: the encoder sees a corrupted x̃ and the loss
 * compares x̂ with the *clean* x. 'gaussian': x̃ = clip(x + noise·ε, 0, 1), ε ~ N(0, I);
 * 'mask': each pixel is set to 0 with probability `noise`. The corruption is drawn from the
 * step's seed, in `trainStep` and in `evaluate` alike (so both report the training objective).
 * `setNoise(level)` changes the level of a live model (the corruption kind stays); `spec`
 * reports the current level, so a model rebuilt from it (e.g. on another backend) keeps it.
 *
 * Stable variable names: encoder.0 … encoder.n (the last is the code layer), decoder.0 … decoder.n.
 */
import { tfSeed } from '../seed.ts';
import * as tf from '../tf.ts';
import { bernoulliLogProb } from '../distributions.ts';
import type { Batch } from '../types.ts';
import type { Model } from './base.ts';
import { allocateVariablePrefix, Mlp } from './mlp.ts';
import { applyAndDispose, computeGradients, createAdam } from './group-step.ts';
import type { Adam } from './adam.ts';
import { resolveAutoencoderSpec } from './spec.ts';
import type { AutoencoderSpec, Resolved } from './spec.ts';
import { deriveSeeds } from './seeds.ts';

export type AutoencoderMetric = 'loss';

export class Autoencoder implements Model<Resolved<AutoencoderSpec>> {
  readonly kind = 'autoencoder';
  readonly monitoredLoss = 'loss';
  private architecture: Resolved<AutoencoderSpec>;
  private readonly encoder: Mlp;
  private readonly decoder: Mlp;
  private readonly optimizer: Adam;

  constructor(spec: AutoencoderSpec, seed: number) {
    this.architecture = resolveAutoencoderSpec(spec);
    const { inputDim, hidden, activation, latentDim, learningRate } = this.architecture;
    const prefix = allocateVariablePrefix('autoencoder');
    const [encoderSeed = 1, decoderSeed = 1] = deriveSeeds(seed, 2);
    this.encoder = new Mlp(prefix, 'encoder', inputDim, hidden, activation, { units: latentDim, activation: 'linear' }, encoderSeed);
    this.decoder = new Mlp(prefix, 'decoder', latentDim, [...hidden].reverse(), activation, { units: inputDim, activation: 'linear' }, decoderSeed);
    this.optimizer = createAdam({ learningRate, beta1: 0.9 });
  }

  get spec(): Resolved<AutoencoderSpec> {
    return { ...this.architecture, learningRate: this.optimizer.learningRate };
  }

  get latentDim(): number {
    return this.architecture.latentDim;
  }

  setLearningRate(learningRate: number): void {
    this.optimizer.setLearningRate(learningRate);
  }

  /** Sets the corruption level (see the module doc; 0 turns denoising off). Weights and optimiser are kept. */
  setNoise(level: number): void {
    this.architecture = resolveAutoencoderSpec({ ...this.architecture, noise: level });
  }

  /** The code: x [batch, inputDim] → [batch, latentDim]. */
  encode(x: tf.Tensor2D): tf.Tensor2D {
    return this.encoder.apply(x);
  }

  /** Pixel probabilities in [0, 1]: code [batch, latentDim] → [batch, inputDim]. */
  decode(code: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(this.decoder.apply(code)));
  }

  /** decode(encode(x)) of the clean input (no corruption). [batch, inputDim] */
  reconstruct(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.decode(this.encode(x)));
  }

  /**
   * The denoising corruption x̃ of x (see the module doc), drawn from `seed`; a copy of x when
   * `noise` is 0. [batch, inputDim]
   */
  corrupt(x: tf.Tensor2D, seed: number): tf.Tensor2D {
    const { noise, corruption } = this.architecture;
    if (noise === 0) return tf.clone(x);
    const [s = 1] = deriveSeeds(seed, 1);
    return tf.tidy(() => {
      if (corruption === 'gaussian') return tf.clipByValue(tf.add(x, tf.randomNormal(x.shape, 0, noise, 'float32', tfSeed(s))), 0, 1);
      const keep = tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', tfSeed(s)), noise);
      return tf.mul(x, tf.cast(keep, 'float32'));
    });
  }

  /** The loss (see the module doc) of reconstructing x from its corruption drawn from `seed`. Scalar. */
  loss(x: tf.Tensor2D, seed: number): tf.Scalar {
    return tf.tidy(() => {
      const logits = this.decoder.apply(this.encode(this.corrupt(x, seed)));
      if (this.architecture.loss === 'bce') return tf.neg(tf.mean(bernoulliLogProb(x, logits))) as tf.Scalar;
      return tf.mean(tf.sum(tf.squaredDifference(x, tf.sigmoid(logits)), 1)) as tf.Scalar;
    });
  }

  trainStep(batch: Batch, seed: number): Record<AutoencoderMetric, tf.Scalar> {
    const variables = [...this.namedVariables().values()];
    const { grads, metrics } = computeGradients(variables, () => {
      const loss = this.loss(batch.x, seed);
      return { loss, metrics: { loss } };
    });
    applyAndDispose(this.optimizer, grads);
    return metrics;
  }

  evaluate(batch: Batch, seed: number): Record<AutoencoderMetric, tf.Scalar> {
    return { loss: this.loss(batch.x, seed) };
  }

  namedVariables(): ReadonlyMap<string, tf.Variable> {
    return new Map([...this.encoder.variables(), ...this.decoder.variables()]);
  }

  /** Weights as the constructor draws them for `seed`, and a fresh optimiser state (same learning rate). */
  reinitialize(seed: number): void {
    const [encoderSeed = 1, decoderSeed = 1] = deriveSeeds(seed, 2);
    this.encoder.reinitialize(encoderSeed);
    this.decoder.reinitialize(decoderSeed);
    this.optimizer.reset();
  }

  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
    this.optimizer.dispose();
  }
}
