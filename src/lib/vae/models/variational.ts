/**
 * The networks of a (conditional) VAE, shared by `Vae`, `Cvae` and `VaeGan`:
 *
 *   encoder  q_φ(z | x, c) = N(μ, diag(e^ℓ)),  [x, c] → MLP → (μ, ℓ) by two linear heads
 *   decoder  p_θ(x | z, c),                    [z, c] → MLP → logits (Bernoulli) or means (Gaussian)
 *
 * c is an optional condition (the one-hot label of a CVAE) concatenated to both inputs; a plain
 * VAE passes none. Gaussian means go through a sigmoid, since MNIST pixels lie in [0, 1].
 * The 'gaussian-learned' likelihood adds one scalar variable, the shared log-variance
 * "decoder.logVar" (initially 0, i.e. σ = 1).
 *
 * Stable variable names: encoder.0…, encoder.mean, encoder.logVar, decoder.0…, decoder.logVar.
 */
import { tfSeed } from '../seed.ts';
import * as tf from '../tf.ts';
import { klPerDimension, sampleDiagonalGaussian } from '../distributions.ts';
import { elboTerms, iwaeBound } from '../losses.ts';
import type { DiagonalGaussian, Likelihood, LossTerms } from '../types.ts';
import { Layer, Mlp } from './mlp.ts';
import type { HiddenActivation } from './mlp.ts';
import { applyAndDispose, computeGradients } from './group-step.ts';
import type { Adam } from './adam.ts';
import { deriveSeeds } from './seeds.ts';

export interface VariationalNetworksConfig {
  /** Variable prefix from `allocateVariablePrefix`. */
  readonly prefix: string;
  readonly inputDim: number;
  /** Width of the condition c (0 for none). */
  readonly conditionDim: number;
  /** Encoder hidden widths; the decoder uses them reversed. */
  readonly hidden: readonly number[];
  readonly activation: HiddenActivation;
  readonly latentDim: number;
  readonly likelihood: Likelihood;
}

/** The seeds of the five initialisations, derived from one model seed. */
function initSeeds(seed: number): { trunk: number; mean: number; logVar: number; decoder: number } {
  const [trunk = 1, mean = 1, logVar = 1, decoder = 1] = deriveSeeds(seed, 4);
  return { trunk, mean, logVar, decoder };
}

export class VariationalNetworks {
  readonly config: VariationalNetworksConfig;
  private readonly trunk: Mlp;
  private readonly meanHead: Layer;
  private readonly logVarHead: Layer;
  private readonly decoder: Mlp;
  /** The shared pixel log-variance of the 'gaussian-learned' likelihood, else undefined. */
  private readonly learnedLogVar: tf.Variable<tf.Rank.R0> | undefined;

  constructor(config: VariationalNetworksConfig, seed: number) {
    this.config = config;
    const { prefix, inputDim, conditionDim, hidden, activation, latentDim, likelihood } = config;
    const seeds = initSeeds(seed);
    this.trunk = new Mlp(prefix, 'encoder', inputDim + conditionDim, hidden, activation, undefined, seeds.trunk);
    this.meanHead = new Layer(prefix, 'encoder.mean', this.trunk.outputDim, latentDim, 'linear', seeds.mean);
    this.logVarHead = new Layer(prefix, 'encoder.logVar', this.trunk.outputDim, latentDim, 'linear', seeds.logVar);
    const output = { units: inputDim, activation: likelihood.kind === 'bernoulli' ? 'linear' : 'sigmoid' } as const;
    this.decoder = new Mlp(prefix, 'decoder', latentDim + conditionDim, [...hidden].reverse(), activation, output, seeds.decoder);
    this.learnedLogVar = likelihood.kind === 'gaussian-learned' ? tf.tidy(() => tf.variable(tf.scalar(0), true, `${prefix}decoder.logVar`)) : undefined;
  }

  /**
   * q(z | x, c). x [batch, inputDim], c [batch, conditionDim] or undefined.
   * @returns mean and logVar [batch, latentDim], owned by the caller.
   */
  encode(x: tf.Tensor2D, c: tf.Tensor2D | undefined): DiagonalGaussian {
    return tf.tidy(() => {
      const h = this.trunk.apply(this.withCondition(x, c));
      return { mean: this.meanHead.apply(h), logVar: this.logVarHead.apply(h) };
    });
  }

  /** The decoder's raw output for z [batch, latentDim]: logits (Bernoulli) or means (Gaussian). */
  decoderOutput(z: tf.Tensor2D, c: tf.Tensor2D | undefined): tf.Tensor2D {
    return tf.tidy(() => this.decoder.apply(this.withCondition(z, c)));
  }

  /** Decoder output → pixel means in [0, 1] for display: σ(logits), or the Gaussian means. */
  toPixels(output: tf.Tensor2D): tf.Tensor2D {
    return this.config.likelihood.kind === 'bernoulli' ? tf.sigmoid(output) : tf.clone(output);
  }

  /** E[x | z, c] in [0, 1]: z [batch, latentDim] → [batch, inputDim]. */
  decode(z: tf.Tensor2D, c: tf.Tensor2D | undefined): tf.Tensor2D {
    return tf.tidy(() => this.toPixels(this.decoderOutput(z, c)));
  }

  /** n draws z ~ N(0, I) decoded to pixel means. c: [n, conditionDim] or undefined. [n, inputDim] */
  sample(n: number, seed: number, c: tf.Tensor2D | undefined): tf.Tensor2D {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`sample: n must be a positive integer, got ${n}`);
    return tf.tidy(() => {
      const [s = 1] = deriveSeeds(seed, 1);
      return this.decode(tf.randomNormal([n, this.config.latentDim], 0, 1, 'float32', tfSeed(s)), c);
    });
  }

  /**
   * Reconstructions in [0, 1]: x → q(z|x, c) → z → decoder. With a seed, z is a posterior
   * sample; without one, z is the posterior mean (a deterministic reconstruction).
   */
  reconstruct(x: tf.Tensor2D, c: tf.Tensor2D | undefined, seed?: number): tf.Tensor2D {
    return tf.tidy(() => {
      const q = this.encode(x, c);
      return this.decode(seed === undefined ? q.mean : sampleDiagonalGaussian(q, seed), c);
    });
  }

  /**
   * The ELBO's terms in nats per example (batch means) with one reparameterised sample
   * z = μ + σ ⊙ ε per example, ε drawn from `seed`: total = reconstruction + β·kl (see
   * `elboTerms`). Also returns the decoder output so that the VAE-GAN can reuse it.
   */
  lossTermsWithOutput(x: tf.Tensor2D, c: tf.Tensor2D | undefined, seed: number, beta: number): LossTerms & { output: tf.Tensor2D } {
    return tf.tidy(() => {
      const posterior = this.encode(x, c);
      const output = this.decoderOutput(sampleDiagonalGaussian(posterior, seed), c);
      const terms = elboTerms({ x, posterior, decoderOutput: output, likelihood: this.config.likelihood, beta, ...this.logVarArg() });
      return { ...terms, output };
    });
  }

  /** {@link lossTermsWithOutput} without the decoder output. Three caller-owned scalars. */
  lossTerms(x: tf.Tensor2D, c: tf.Tensor2D | undefined, seed: number, beta: number): LossTerms {
    return tf.tidy(() => {
      const { reconstruction, kl, total } = this.lossTermsWithOutput(x, c, seed, beta);
      return { reconstruction, kl, total };
    });
  }

  /**
   * The IWAE bound L_k per example (see `iwaeBound`), [batch]. The condition is tiled to the
   * rows of each chunk of samples (row s·batch + b belongs to example b).
   */
  iwae(x: tf.Tensor2D, c: tf.Tensor2D | undefined, k: number, seed: number): tf.Tensor1D {
    return tf.tidy(() => {
      const [batch] = x.shape;
      const decode = (z: tf.Tensor2D): tf.Tensor2D => this.decoderOutput(z, c === undefined ? undefined : tf.tile(c, [z.shape[0] / batch, 1]));
      return iwaeBound({ x, posterior: this.encode(x, c), decode, likelihood: this.config.likelihood, k, seed, ...this.logVarArg() });
    });
  }

  /** KL(q(z_j|x) ‖ N(0, 1)) per latent dimension, averaged over the batch: [latentDim] nats. */
  klPerDimension(x: tf.Tensor2D, c: tf.Tensor2D | undefined): tf.Tensor1D {
    return tf.tidy(() => tf.mean(klPerDimension(this.encode(x, c)), 0) as tf.Tensor1D);
  }

  encoderVariables(): [string, tf.Variable][] {
    return [...this.trunk.variables(), ...this.meanHead.variables(), ...this.logVarHead.variables()];
  }

  decoderVariables(): [string, tf.Variable][] {
    return [...this.decoder.variables(), ...(this.learnedLogVar ? [['decoder.logVar', this.learnedLogVar] as [string, tf.Variable]] : [])];
  }

  /** Re-draws every weight exactly as the constructor does for `seed`. */
  reinitialize(seed: number): void {
    const seeds = initSeeds(seed);
    this.trunk.reinitialize(seeds.trunk);
    this.meanHead.reinitialize(seeds.mean);
    this.logVarHead.reinitialize(seeds.logVar);
    this.decoder.reinitialize(seeds.decoder);
    if (this.learnedLogVar) tf.tidy(() => this.learnedLogVar?.assign(tf.scalar(0)));
  }

  dispose(): void {
    this.trunk.dispose();
    this.meanHead.dispose();
    this.logVarHead.dispose();
    this.decoder.dispose();
    this.learnedLogVar?.dispose();
  }

  private withCondition(input: tf.Tensor2D, c: tf.Tensor2D | undefined): tf.Tensor2D {
    if (this.config.conditionDim === 0) {
      if (c !== undefined) throw new Error('This model takes no condition');
      return input;
    }
    if (c === undefined) throw new Error(`This model needs a condition [batch, ${this.config.conditionDim}]`);
    return tf.concat([input, c], 1);
  }

  private logVarArg(): { learnedLogVar?: tf.Tensor } {
    return this.learnedLogVar ? { learnedLogVar: this.learnedLogVar } : {};
  }
}

/** The metrics of the VAE and the CVAE: the ELBO's terms in nats per example. */
export type ElboMetric = 'reconstruction' | 'kl' | 'total';

/**
 * One Adam step on the β-weighted negative ELBO (`total`) over all of the networks' variables.
 * Returns the terms of the forward pass, i.e. at the parameters *before* the update.
 */
export function variationalTrainStep(
  networks: VariationalNetworks,
  optimizer: Adam,
  x: tf.Tensor2D,
  c: tf.Tensor2D | undefined,
  seed: number,
  beta: number,
): Record<ElboMetric, tf.Scalar> {
  const variables = [...networks.encoderVariables(), ...networks.decoderVariables()].map(([, v]) => v);
  const { grads, metrics } = computeGradients(variables, () => {
    const terms = networks.lossTerms(x, c, seed, beta);
    return { loss: terms.total, metrics: terms };
  });
  applyAndDispose(optimizer, grads);
  return metrics;
}
