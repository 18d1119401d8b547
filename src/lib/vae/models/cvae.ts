/**
 * The conditional VAE (Sohn et al. 2015, in its simplest form): the VAE of `./vae` with the
 * label y, one-hot [batch, numClasses], concatenated to the encoder's input [x, y] and to the
 * decoder's input [z, y]. The prior stays N(0, I), independent of y:
 *
 *   log p(x|y) ≥ E_{q(z|x,y)}[log p_θ(x|z,y)] − β·KL(q_φ(z|x,y) ‖ N(0, I))
 *
 * Because the decoder is told the digit, z is free to encode the style (slant, thickness), and
 * `sample([3, 3, 3], seed)` draws threes. `Batch.y` is the condition. Metrics as for the VAE.
 * Every method returns tensors the caller owns.
 */
import * as tf from '../tf.ts';
import type { Batch, DiagonalGaussian, LossTerms } from '../types.ts';
import { resolveCvaeSpec } from './spec.ts';
import type { CvaeSpec, Resolved } from './spec.ts';
import { VariationalModel } from './variational-model.ts';

export class Cvae extends VariationalModel<Resolved<CvaeSpec>> {
  readonly kind = 'cvae';

  /** Builds the networks from `spec` (defaults: see `CvaeSpec`) with weights drawn from `seed`. */
  constructor(spec: CvaeSpec, seed: number) {
    const architecture = resolveCvaeSpec(spec);
    super(architecture, architecture.numClasses, seed);
  }

  get numClasses(): number {
    return this.architecture.numClasses;
  }

  protected condition(batch: Batch): tf.Tensor2D {
    return batch.y;
  }

  /** One-hot rows [labels.length, numClasses] for integer labels 0 … numClasses − 1. */
  oneHot(labels: readonly number[]): tf.Tensor2D {
    for (const label of labels) {
      if (!(Number.isInteger(label) && label >= 0 && label < this.numClasses)) {
        throw new RangeError(`labels must be integers in 0…${this.numClasses - 1}, got ${label}`);
      }
    }
    return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d([...labels], 'int32'), this.numClasses), 'float32') as tf.Tensor2D);
  }

  /** q(z|x, y): x [batch, inputDim], y [batch, numClasses] one-hot → mean, logVar [batch, latentDim]. */
  encode(x: tf.Tensor2D, y: tf.Tensor2D): DiagonalGaussian {
    return this.networks.encode(x, y);
  }

  /** Pixel means in [0, 1] for z [batch, latentDim] and labels y [batch, numClasses]. */
  decode(z: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    return this.networks.decode(z, y);
  }

  /** The decoder's raw output: logits (Bernoulli) or means (Gaussian). */
  decoderOutput(z: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    return this.networks.decoderOutput(z, y);
  }

  /**
   * One prior sample z ~ N(0, I) per label, decoded with that label. `labels` are digits
   * (e.g. [0, 1, …, 9]) or one-hot rows [n, numClasses]. [n, inputDim]
   */
  sample(labels: readonly number[] | tf.Tensor2D, seed: number): tf.Tensor2D {
    return tf.tidy(() => {
      const y = labels instanceof tf.Tensor ? labels : this.oneHot(labels);
      return this.networks.sample(y.shape[0], seed, y);
    });
  }

  /** Reconstructions in [0, 1]; with a seed through a posterior sample, without one through its mean. */
  reconstruct(x: tf.Tensor2D, y: tf.Tensor2D, seed?: number): tf.Tensor2D {
    return this.networks.reconstruct(x, y, seed);
  }

  /** {reconstruction, kl, total} in nats per example; β defaults to `this.beta`. */
  lossTerms(x: tf.Tensor2D, y: tf.Tensor2D, seed: number, beta: number = this.beta): LossTerms {
    return this.networks.lossTerms(x, y, seed, beta);
  }

  /** The importance-weighted bound on log p(x|y) per example, [batch] nats. */
  iwae(x: tf.Tensor2D, y: tf.Tensor2D, k: number, seed: number): tf.Tensor1D {
    return this.networks.iwae(x, y, k, seed);
  }

  /** KL per latent dimension averaged over the batch, [latentDim] nats. */
  klPerDimension(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    return this.networks.klPerDimension(x, y);
  }
}
