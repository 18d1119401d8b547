/**
 * Samples from any generative model of the library, the one way the book draws them: prior codes
 * z ~ N(0, I) decoded by the VAE and the VAE-GAN, the GAN's generator on its noise, the CVAE with
 * one code per label (labels cycling 0, 1, …, 9, 0, …), and, for the plain autoencoder, which has
 * no prior, codes drawn from a Gaussian fitted to its codes of real data (`codeStats`; N(0, I)
 * without it).
 */
import type { AnyModel } from './models/index.ts';
import * as tf from './tf.ts';

/** Per-dimension mean and standard deviation of an autoencoder's codes (e.g. of the test set). */
export interface CodeStats {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/**
 * The labels a CVAE's `n` samples are drawn for: 0, 1, …, numClasses − 1, 0, 1, … in turn (so
 * sample i shows digit i mod numClasses). Whoever scores the samples against their labels uses
 * this too.
 */
export function sampleLabels(n: number, numClasses: number): number[] {
  return Array.from({ length: n }, (_, i) => i % numClasses);
}

/**
 * `n` samples of `model` from `seed`, as pixel means in [0, 1]: [n, inputDim]. The caller
 * disposes the result (every intermediate is freed here).
 */
export function sampleModel(model: AnyModel, n: number, seed: number, codeStats?: CodeStats): tf.Tensor2D {
  return tf.tidy(() => {
    switch (model.kind) {
      case 'cvae':
        return model.sample(sampleLabels(n, model.numClasses), seed);
      case 'autoencoder': {
        const dim = model.latentDim;
        const { mean, std } = codeStats ?? { mean: Array<number>(dim).fill(0), std: Array<number>(dim).fill(1) };
        const z = tf.add(tf.mul(tf.randomNormal([n, dim], 0, 1, 'float32', seed), tf.tensor1d([...std])), tf.tensor1d([...mean])) as tf.Tensor2D;
        return model.decode(z);
      }
      default:
        return model.sample(n, seed);
    }
  });
}
