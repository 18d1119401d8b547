/**
 * What the comparison draws, as plain arrays: seeded codes z ~ N(0, I) (drawn on the CPU, so the
 * same draw can be decoded by both models and no tensor outlives a redraw), a model's decoded
 * codes and reconstructions read back from the backend, and real test digits.
 */
import { imageAt, type MnistSplit } from '../../lib/vae/data.ts';
import type { RemoteModel } from '../model-worker/remote-model.ts';
import { decodeCodes, reconstructImages } from '../model-worker/readout.ts';
import { bytesToUnit, DIGIT_PIXELS } from '../page-services/digits.ts';

/** The first `count` test digits as grey levels in [0, 1], one image after another. */
export function testDigits(split: MnistSplit, count: number): Float32Array {
  const out = new Float32Array(count * DIGIT_PIXELS);
  for (let i = 0; i < count; i++) out.set(bytesToUnit(imageAt(split, i)), i * DIGIT_PIXELS);
  return out;
}

export interface ModelViews {
  /** The codes decoded: [count · 784]. */
  readonly samples: Float32Array;
  /** The digits, then their reconstructions: [2 · digits · 784]. */
  readonly pairs: Float32Array;
}

/** Decodes `codes` and reconstructs `digits` with `model` (the VAE or the VAE-GAN). */
export async function modelViews(model: RemoteModel, codes: Float32Array, digits: Float32Array): Promise<ModelViews> {
  const [samples, reconstructed] = await Promise.all([decodeCodes(model, codes), reconstructImages(model, digits)]);
  const pairs = new Float32Array(digits.length + reconstructed.length);
  pairs.set(digits);
  pairs.set(reconstructed, digits.length);
  return { samples, pairs };
}
