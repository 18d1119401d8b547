/**
 * The tensor work behind the CVAE explorer's views, returning plain numbers: one decode of the
 * chosen code z with every label (the row of ten; the big digit is the row's image of the chosen
 * label) together with the sweep grid of the chosen label, the classifier's reading of the row,
 * and the codes of test digits for the pad.
 * Everything is read back asynchronously, so a GPU backend never stalls the page.
 */
import type { Classifier } from '~/lib/vae/classifier';
import type { MnistSplit } from '~/lib/vae/data';
import type { Cvae } from '~/lib/vae/models';
import * as tf from '~/lib/vae/tf';
import { codesOf, gridPoints, type Codes } from '../latent/codes';
import { DIGIT_PIXELS } from '../models/digits';
import { CODE_COUNT, DIGITS, DOMAIN, SWEEP_SIDE, type ExplorerState } from './state';

export interface DecodedViews {
  /** The ten images of z with labels 0…9, [10 · 784] in [0, 1]. */
  readonly row: Float32Array;
  /** The sweep of the chosen label, SWEEP_SIDE² images, top row first (largest z₂). */
  readonly sweep: Float32Array;
  /** The classifier's digit for each image of the row (undefined without a classifier). */
  readonly readings: number[] | undefined;
}

/** Decodes the row of ten and the sweep for `state`, and classifies the row; frees every tensor before it resolves. */
export async function decodeViews(model: Cvae, classifier: Classifier | undefined, { label, z }: ExplorerState): Promise<DecodedViews> {
  const grid = gridPoints(SWEEP_SIDE, DOMAIN);
  const cells = SWEEP_SIDE * SWEEP_SIDE;
  const [images, predicted] = tf.tidy(() => {
    // Codes [10 + cells, 2]: z repeated ten times, then the grid; labels 0…9, then the chosen one.
    const codes = tf.concat([tf.tile(tf.tensor2d([z[0], z[1]], [1, 2]), [DIGITS.length, 1]), tf.tensor2d(grid, [cells, 2])], 0) as tf.Tensor2D;
    const labels = model.oneHot([...DIGITS, ...Array.from({ length: cells }, () => label)]);
    const decoded = model.decode(codes, labels);
    if (classifier === undefined) return [decoded, undefined] as const;
    const row = tf.slice(decoded, [0, 0], [DIGITS.length, -1]) as tf.Tensor2D;
    return [decoded, tf.argMax(classifier.logits(row), 1) as tf.Tensor1D] as const;
  });
  try {
    const [values, readings] = await Promise.all([images.data<'float32'>(), predicted?.data<'int32'>()]);
    return {
      row: values.subarray(0, DIGITS.length * DIGIT_PIXELS),
      sweep: values.subarray(DIGITS.length * DIGIT_PIXELS),
      readings: readings ? Array.from(readings) : undefined,
    };
  } finally {
    images.dispose();
    predicted?.dispose();
  }
}

/** The posterior means of the first CODE_COUNT test images, each encoded with its own label. */
export function testCodes(model: Cvae, test: MnistSplit): Promise<Codes> {
  return codesOf(test, CODE_COUNT, ({ x, y }) => model.encode(x, y).mean);
}
