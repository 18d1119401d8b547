/**
 * The variational autoencoder (Kingma & Welling 2014): a Gaussian encoder q_φ(z|x), a
 * standard-normal prior p(z) = N(0, I) and a decoder p_θ(x|z), trained by maximising the ELBO
 *
 *   log p(x) ≥ E_q[log p_θ(x|z)] − β·KL(q_φ(z|x) ‖ p(z))      (β = 1: the ELBO; β ≠ 1: β-VAE)
 *
 * with one reparameterised sample per example and Adam. Metrics: {reconstruction, kl, total} in
 * nats per example, averaged over the batch (see `elboTerms`). The networks are described in
 * `./variational`. Every method returns tensors the caller owns.
 */
import type * as tf from '../tf.ts';
import type { DiagonalGaussian, LossTerms } from '../types.ts';
import { resolveVaeSpec } from './spec.ts';
import type { Resolved, VaeSpec } from './spec.ts';
import { VariationalModel } from './variational-model.ts';

export class Vae extends VariationalModel<Resolved<VaeSpec>> {
  readonly kind = 'vae';

  /** Builds the networks from `spec` (defaults: see `VaeSpec`) with weights drawn from `seed`. */
  constructor(spec: VaeSpec, seed: number) {
    super(resolveVaeSpec(spec), 0, seed);
  }

  protected condition(): undefined {
    return undefined;
  }

  /** q(z|x): x [batch, inputDim] → mean, logVar [batch, latentDim]. */
  encode(x: tf.Tensor2D): DiagonalGaussian {
    return this.networks.encode(x, undefined);
  }

  /** Pixel means E[x|z] in [0, 1] (σ of the logits for Bernoulli): z [batch, latentDim] → [batch, inputDim]. */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    return this.networks.decode(z, undefined);
  }

  /** The decoder's raw output: logits (Bernoulli) or means (Gaussian likelihoods). [batch, inputDim] */
  decoderOutput(z: tf.Tensor2D): tf.Tensor2D {
    return this.networks.decoderOutput(z, undefined);
  }

  /** n prior samples z ~ N(0, I) decoded to pixel means. [n, inputDim] */
  sample(n: number, seed: number): tf.Tensor2D {
    return this.networks.sample(n, seed, undefined);
  }

  /** Reconstructions in [0, 1]; with a seed through a posterior sample, without one through its mean. */
  reconstruct(x: tf.Tensor2D, seed?: number): tf.Tensor2D {
    return this.networks.reconstruct(x, undefined, seed);
  }

  /** {reconstruction, kl, total = reconstruction + β·kl} in nats per example; β defaults to `this.beta`. */
  lossTerms(x: tf.Tensor2D, seed: number, beta: number = this.beta): LossTerms {
    return this.networks.lossTerms(x, undefined, seed, beta);
  }

  /** The importance-weighted bound L_k per example (k samples each), [batch] nats. */
  iwae(x: tf.Tensor2D, k: number, seed: number): tf.Tensor1D {
    return this.networks.iwae(x, undefined, k, seed);
  }

  /** KL per latent dimension averaged over the batch, [latentDim] nats (near 0: an inactive unit). */
  klPerDimension(x: tf.Tensor2D): tf.Tensor1D {
    return this.networks.klPerDimension(x, undefined);
  }
}
