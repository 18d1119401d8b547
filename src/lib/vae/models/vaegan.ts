/**
 * A VAE-GAN after Larsen et al. 2016, "Autoencoding beyond pixels using a learned similarity
 * metric": a VAE whose decoder doubles as a GAN generator, plus a discriminator D that sees real
 * images (label 1), reconstructions x̃ = Dec(z), z ~ q(z|x), and prior samples x_p = Dec(z_p),
 * z_p ~ N(0, I) (both label 0).
 *
 *   L_dis = −log D(x) − log(1 − D(x̃)) − log(1 − D(x_p))                      (→ D)
 *   L_enc = reconstruction + β·KL(q(z|x) ‖ N(0, I))                            (→ encoder)
 *   L_dec = γ·reconstruction − log D(x̃) − log D(x_p)   (non-saturating)       (→ decoder)
 *
 * Documented simplification: Larsen et al. measure the reconstruction error in the feature space
 * of D's l-th layer (a Gaussian on Dis_l(x)), which is what makes their reconstructions sharp.
 * Here the reconstruction term is the ordinary pixel-space negative log-likelihood of the
 * configured likelihood (Bernoulli by default, as in the VAE), and the adversarial terms alone
 * push the decoder towards realistic images. All three gradients are taken at the same
 * parameters and applied together, as in the paper's Algorithm 1; each network has its own Adam
 * (β₁ = 0.5 by default). D sees pixel means in [0, 1] (σ of the decoder's logits).
 *
 * Metrics: `reconstruction` and `kl` (nats per example, batch means), `discriminator` (L_dis),
 * `generator` (the decoder's adversarial part, −log D(x̃) − log D(x_p), batch means).
 * Stable variable names: encoder.*, decoder.* (as in the VAE) and discriminator.0 ….
 */
import * as tf from '../tf.ts';
import type { Batch, DiagonalGaussian } from '../types.ts';
import { discriminatorLoss, generatorLoss } from './adversarial.ts';
import type { Model } from './base.ts';
import { allocateVariablePrefix, Mlp } from './mlp.ts';
import { applyAndDispose, computeGradients, createAdam } from './group-step.ts';
import type { Adam } from './adam.ts';
import { resolveVaeGanSpec } from './spec.ts';
import type { Resolved, VaeGanSpec } from './spec.ts';
import { deriveSeeds } from './seeds.ts';
import { assertNonNegative } from './validate.ts';
import { VariationalNetworks } from './variational.ts';

export type VaeGanMetric = 'reconstruction' | 'kl' | 'discriminator' | 'generator';

/** Every term of one forward pass: the metrics and the three networks' losses. */
interface VaeGanTerms extends Record<VaeGanMetric, tf.Scalar> {
  readonly encoderLoss: tf.Scalar;
  readonly decoderLoss: tf.Scalar;
}

export class VaeGan implements Model<Resolved<VaeGanSpec>> {
  readonly kind = 'vaegan';
  /** The pixel reconstruction term: the VAE-GAN's one loss that measures fit (see `TrainableModel.monitoredLoss`). */
  readonly monitoredLoss = 'reconstruction';
  private readonly architecture: Resolved<VaeGanSpec>;
  private readonly networks: VariationalNetworks;
  private readonly discriminator: Mlp;
  private readonly encoderOptimizer: Adam;
  private readonly decoderOptimizer: Adam;
  private readonly discriminatorOptimizer: Adam;
  private currentBeta: number;

  constructor(spec: VaeGanSpec, seed: number) {
    this.architecture = resolveVaeGanSpec(spec);
    const { inputDim, hidden, activation, latentDim, likelihood, discriminatorHidden, beta, learningRate } = this.architecture;
    const prefix = allocateVariablePrefix('vaegan');
    const [vaeSeed = 1, discriminatorSeed = 1] = deriveSeeds(seed, 2);
    this.networks = new VariationalNetworks({ prefix, inputDim, conditionDim: 0, hidden, activation, latentDim, likelihood }, vaeSeed);
    this.discriminator = new Mlp(prefix, 'discriminator', inputDim, discriminatorHidden, 'leakyRelu', { units: 1, activation: 'linear' }, discriminatorSeed);
    this.currentBeta = beta;
    this.encoderOptimizer = this.createOptimizer(learningRate);
    this.decoderOptimizer = this.createOptimizer(learningRate);
    this.discriminatorOptimizer = this.createOptimizer(learningRate);
  }

  get spec(): Resolved<VaeGanSpec> {
    return { ...this.architecture, beta: this.currentBeta, learningRate: this.encoderOptimizer.learningRate };
  }

  get latentDim(): number {
    return this.architecture.latentDim;
  }

  get beta(): number {
    return this.currentBeta;
  }

  setBeta(beta: number): void {
    assertNonNegative('beta', beta);
    this.currentBeta = beta;
  }

  setLearningRate(learningRate: number): void {
    for (const optimizer of this.optimizers()) optimizer.setLearningRate(learningRate);
  }

  /** q(z|x): mean, logVar [batch, latentDim]. */
  encode(x: tf.Tensor2D): DiagonalGaussian {
    return this.networks.encode(x, undefined);
  }

  /** Pixel means in [0, 1]: z [batch, latentDim] → [batch, inputDim]. */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    return this.networks.decode(z, undefined);
  }

  /** n prior samples decoded to pixel means. [n, inputDim] */
  sample(n: number, seed: number): tf.Tensor2D {
    return this.networks.sample(n, seed, undefined);
  }

  /** Reconstructions in [0, 1]; with a seed through a posterior sample, without one through its mean. */
  reconstruct(x: tf.Tensor2D, seed?: number): tf.Tensor2D {
    return this.networks.reconstruct(x, undefined, seed);
  }

  /** D(x) = P(real | x) in (0, 1). [batch] */
  discriminate(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.reshape(tf.sigmoid(this.discriminator.apply(x)), [x.shape[0]]) as tf.Tensor1D);
  }

  /**
   * One forward pass on x: a posterior sample per example and a batch of prior samples, both
   * drawn from `seed`, and every loss of the module doc. Caller-owned scalars.
   */
  terms(x: tf.Tensor2D, seed: number): VaeGanTerms {
    const [posteriorSeed = 1, priorSeed = 1] = deriveSeeds(seed, 2);
    const { gamma } = this.architecture;
    return tf.tidy(() => {
      const { reconstruction, kl, total, output } = this.networks.lossTermsWithOutput(x, undefined, posteriorSeed, this.currentBeta);
      const reconstructionLogits = this.discriminator.apply(this.networks.toPixels(output));
      const priorLogits = this.discriminator.apply(this.sample(x.shape[0], priorSeed));
      const generator = tf.add(generatorLoss(reconstructionLogits, 'non-saturating'), generatorLoss(priorLogits, 'non-saturating')) as tf.Scalar;
      return {
        reconstruction,
        kl,
        discriminator: discriminatorLoss(this.discriminator.apply(x), [reconstructionLogits, priorLogits]),
        generator,
        encoderLoss: total,
        decoderLoss: tf.add(tf.mul(reconstruction, gamma), generator) as tf.Scalar,
      };
    });
  }

  trainStep(batch: Batch, seed: number): Record<VaeGanMetric, tf.Scalar> {
    const encoderVariables = this.networks.encoderVariables().map(([, v]) => v);
    const decoderVariables = this.networks.decoderVariables().map(([, v]) => v);
    const discriminatorVariables = this.discriminator.variables().map(([, v]) => v);
    // One tape per network (each minimises its own loss); the same seed gives each pass the same
    // z and z_p, so the three gradients belong to one forward pass, taken before any update.
    const d = computeGradients(discriminatorVariables, () => {
      const t = this.terms(batch.x, seed);
      return { loss: t.discriminator, metrics: { discriminator: t.discriminator, generator: t.generator } };
    });
    const e = computeGradients(encoderVariables, () => {
      const t = this.terms(batch.x, seed);
      return { loss: t.encoderLoss, metrics: { reconstruction: t.reconstruction, kl: t.kl } };
    });
    const g = computeGradients(decoderVariables, () => ({ loss: this.terms(batch.x, seed).decoderLoss, metrics: {} }));
    applyAndDispose(this.discriminatorOptimizer, d.grads);
    applyAndDispose(this.encoderOptimizer, e.grads);
    applyAndDispose(this.decoderOptimizer, g.grads);
    return { ...e.metrics, ...d.metrics };
  }

  evaluate(batch: Batch, seed: number): Record<VaeGanMetric, tf.Scalar> {
    return tf.tidy(() => {
      const { reconstruction, kl, discriminator, generator } = this.terms(batch.x, seed);
      return { reconstruction, kl, discriminator, generator };
    });
  }

  namedVariables(): ReadonlyMap<string, tf.Variable> {
    return new Map([...this.networks.encoderVariables(), ...this.networks.decoderVariables(), ...this.discriminator.variables()]);
  }

  /** Weights as the constructor draws them for `seed`, and fresh optimiser states (same learning rate). */
  reinitialize(seed: number): void {
    const [vaeSeed = 1, discriminatorSeed = 1] = deriveSeeds(seed, 2);
    this.networks.reinitialize(vaeSeed);
    this.discriminator.reinitialize(discriminatorSeed);
    for (const optimizer of this.optimizers()) optimizer.reset();
  }

  dispose(): void {
    this.networks.dispose();
    this.discriminator.dispose();
    for (const optimizer of this.optimizers()) optimizer.dispose();
  }

  private optimizers(): readonly Adam[] {
    return [this.encoderOptimizer, this.decoderOptimizer, this.discriminatorOptimizer];
  }

  private createOptimizer(learningRate: number): Adam {
    return createAdam({ learningRate, beta1: this.architecture.beta1 });
  }
}
