/**
 * What the comparison draws, as plain arrays: seeded codes z ~ N(0, I) (drawn on the CPU, so the
 * same draw can be decoded by both models and no tensor outlives a redraw), a model's decoded
 * codes and reconstructions read back from the backend, and real test digits.
 */
import { imageAt, type MnistSplit } from '~/lib/vae/data';
import * as tf from '~/lib/vae/tf';
import { bytesToUnit, DIGIT_PIXELS } from '../models/digits';

/** What both the VAE and the VAE-GAN offer: pixel means for codes, reconstructions through the posterior mean. */
export interface ImageModel {
  readonly latentDim: number;
  decode(z: tf.Tensor2D): tf.Tensor2D;
  reconstruct(x: tf.Tensor2D): tf.Tensor2D;
}

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

/** Decodes `codes` and reconstructs `digits` with `model`; every tensor is freed before it resolves. */
export async function modelViews(model: ImageModel, codes: Float32Array, digits: Float32Array): Promise<ModelViews> {
  const [decoded, pairs] = tf.tidy(() => {
    const z = tf.tensor2d(codes, [codes.length / model.latentDim, model.latentDim]);
    const x = tf.tensor2d(digits, [digits.length / DIGIT_PIXELS, DIGIT_PIXELS]);
    return [model.decode(z), tf.concat([x, model.reconstruct(x)], 0)];
  });
  try {
    const [samples, pairValues] = await Promise.all([decoded.data<'float32'>(), pairs.data<'float32'>()]);
    return { samples, pairs: pairValues };
  } finally {
    decoded.dispose();
    pairs.dispose();
  }
}
