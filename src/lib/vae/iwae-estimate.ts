/**
 * Repeated evaluations of the importance-weighted bound for one image, to estimate L_K (an
 * expectation) by an average with a standard error. One evaluation of `iwae(x, K, seed)` is a
 * single random draw of log (1/K) Σ_k w_k; comparing single draws at different K says little,
 * because their spread (several nats for a VAE at K = 1) exceeds the differences between the
 * L_K. Here the image is tiled `repeats` times, so one call of the model draws `repeats`
 * independent K-sample estimates at once (K · repeats decoder rows, decoded in bounded chunks by
 * `logImportanceWeights`).
 */
import * as tf from './tf.ts';

/** What is needed of a model: the VAE's `iwae` (L_K per example, [batch] nats). */
export interface IwaeModel {
  iwae(x: tf.Tensor2D, k: number, seed: number): tf.Tensor1D;
}

/**
 * `repeats` independent draws of the K-sample IWAE estimator for one image, in nats. All
 * tensors are freed before the promise resolves.
 *
 * @param image one example, its `inputDim` values (for MNIST 784 grey levels in [0, 1])
 * @param k importance samples per draw, an integer ≥ 1
 * @param repeats independent draws, an integer ≥ 1
 * @param seed the draws are a deterministic function of the seed (on a given backend)
 */
export async function iwaeDraws(model: IwaeModel, image: ArrayLike<number>, k: number, repeats: number, seed: number): Promise<Float32Array> {
  if (!(Number.isInteger(repeats) && repeats >= 1)) throw new RangeError(`repeats must be an integer >= 1, got ${repeats}`);
  const bounds = tf.tidy(() => {
    const row = tf.tensor2d(Float32Array.from(image), [1, image.length], 'float32');
    return model.iwae(tf.tile(row, [repeats, 1]) as tf.Tensor2D, k, seed);
  });
  try {
    return await bounds.data<'float32'>();
  } finally {
    bounds.dispose();
  }
}
