/**
 * The shared vocabulary of the model library. Shapes are given as [batch, …]; every tensor a
 * function returns is owned by the caller (dispose it, or call inside `tf.tidy`) unless the
 * JSDoc says otherwise. The library is DOM-free: it runs in Node (WASM backend) and in browsers.
 */
import type * as tf from '@tensorflow/tfjs-core';

/** Pixels per MNIST image (28 × 28) and the number of classes. */
export const IMAGE_SIZE = 784;
export const NUM_CLASSES = 10;

/** A diagonal Gaussian q = N(mean, diag(exp(logVar))), one row per example: both [batch, J]. */
export interface DiagonalGaussian {
  readonly mean: tf.Tensor2D;
  readonly logVar: tf.Tensor2D;
}

/** Loss terms in nats per example, averaged over the batch. total = reconstruction + β·kl. */
export interface LossTerms<T = tf.Scalar> {
  readonly reconstruction: T;
  readonly kl: T;
  readonly total: T;
}

/** A training batch: images in [0, 1] (optionally binarised) and one-hot labels. */
export interface Batch {
  /** [batch, 784] */
  readonly x: tf.Tensor2D;
  /** [batch, 10] one-hot */
  readonly y: tf.Tensor2D;
}

/** Pixel likelihood p_θ(x|z): Bernoulli with logits (→ binary cross-entropy) or Gaussian. */
export type Likelihood =
  | { readonly kind: 'bernoulli' }
  /** Gaussian with a fixed standard deviation (→ squared error / (2σ²) + constant). */
  | { readonly kind: 'gaussian'; readonly sigma: number }
  /** Gaussian with one learned log-variance shared by all pixels. */
  | { readonly kind: 'gaussian-learned' };

/**
 * What the step-wise trainer needs from a model. The model owns its variables and its
 * optimiser(s); `trainStep` applies one update (a GAN: k discriminator steps and one generator
 * step) and returns its metrics as scalars that the trainer reads back only every N steps.
 */
export interface TrainableModel {
  /** Short identifier, e.g. 'vae', 'gan'. */
  readonly kind: string;
  /**
   * The metric a runaway guard watches: a loss that training minimises and that measures fit
   * (absent for adversarial models, whose losses say nothing about quality). One of the metric
   * names `trainStep` returns, e.g. 'total' for a VAE, 'loss' for an autoencoder.
   */
  readonly monitoredLoss?: string;
  /**
   * One optimisation step on `batch`. `seed` makes the step's randomness reproducible.
   * Returns named scalar metrics (e.g. {reconstruction, kl, total}); the caller disposes them.
   */
  trainStep(batch: Batch, seed: number): Record<string, tf.Scalar>;
  /** Metrics on held-out data without updating (same names as trainStep); caller disposes. */
  evaluate(batch: Batch, seed: number): Record<string, tf.Scalar>;
  /** The model's trainable variables by stable name (for checkpoints and NaN recovery). Not copies. */
  namedVariables(): ReadonlyMap<string, tf.Variable>;
  /** Re-initialises every variable (and optimiser state) from `seed`. */
  reinitialize(seed: number): void;
  /** Frees variables and optimiser state. The model is unusable afterwards. */
  dispose(): void;
}
