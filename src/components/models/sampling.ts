/**
 * Drawing samples from a pretrained generative model, the one way every model widget does it:
 * prior codes z ~ N(0, I) decoded by the VAE, the VAE-GAN and the GAN's generator; for the CVAE
 * one code per label, the labels cycling 0, 1, …, 9, 0, …; for the plain autoencoder, which has
 * no prior, codes drawn from the Gaussian fitted to its test-set codes (the manifest's
 * `codeStats`; N(0, I) if it has none).
 */
import type { AnyModel } from '~/lib/vae/models';
import * as tf from '~/lib/vae/tf';
import type { PretrainedEntry } from './pretrained';

/**
 * `n` samples of `model` from `seed`, as pixel means in [0, 1]: [n, 784]. The caller disposes
 * the tensor (every intermediate is freed here).
 */
export function sampleTensor(model: AnyModel, entry: Pick<PretrainedEntry, 'codeStats'>, n: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    switch (model.kind) {
      case 'cvae':
        return model.sample(
          Array.from({ length: n }, (_, i) => i % model.numClasses),
          seed,
        );
      case 'autoencoder': {
        const dim = model.latentDim;
        const { mean, std } = entry.codeStats ?? { mean: Array<number>(dim).fill(0), std: Array<number>(dim).fill(1) };
        const z = tf.add(tf.mul(tf.randomNormal([n, dim], 0, 1, 'float32', seed), tf.tensor1d(std)), tf.tensor1d(mean)) as tf.Tensor2D;
        return model.decode(z);
      }
      default:
        return model.sample(n, seed);
    }
  });
}

/**
 * `n` samples of `model` from `seed`, read back to the CPU: n·784 values in [0, 1], row after
 * row (ready for `paintDigits`). Leaves no tensor behind.
 */
export async function sampleImages(model: AnyModel, entry: Pick<PretrainedEntry, 'codeStats'>, n: number, seed: number): Promise<Float32Array> {
  const images = sampleTensor(model, entry, n, seed);
  try {
    return await images.data<'float32'>();
  } finally {
    images.dispose();
  }
}
