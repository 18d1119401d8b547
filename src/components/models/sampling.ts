/**
 * Samples of a pretrained model read back for drawing: the library's `sampleModel` with the
 * manifest entry's `codeStats` (used by the plain autoencoder, which has no prior).
 */
import type { AnyModel } from '~/lib/vae/models';
import { sampleModel } from '~/lib/vae/sampling';
import type { PretrainedEntry } from './pretrained';

/**
 * `n` samples of `model` from `seed`, read back to the CPU: n·784 values in [0, 1], row after
 * row (ready for `paintDigits`). Leaves no tensor behind.
 */
export async function sampleImages(model: AnyModel, entry: Pick<PretrainedEntry, 'codeStats'>, n: number, seed: number): Promise<Float32Array> {
  const images = sampleModel(model, n, seed, entry.codeStats);
  try {
    return await images.data<'float32'>();
  } finally {
    images.dispose();
  }
}
