/**
 * One MNIST training batch as tensors: the values `batchValues` (`data.ts`) fills, uploaded as
 * one tensor each. Kept apart from `data.ts` so that loading MNIST needs no TensorFlow.js.
 */
import { type BatchOptions, batchValues, type MnistSplit } from './data.ts';
import * as tf from './tf.ts';
import { type Batch, IMAGE_SIZE, NUM_CLASSES } from './types.ts';

export type { BatchOptions } from './data.ts';

/**
 * Builds one batch from the images and labels at `indices` of `split`.
 *
 * @returns x [indices.length, 784] float32 in [0, 1]; y [indices.length, 10] one-hot float32.
 *   The caller owns (disposes) both; nothing else is allocated on the backend.
 */
export function makeBatch(split: MnistSplit, indices: ArrayLike<number>, options: BatchOptions = {}): Batch {
  const { x, y } = batchValues(split, indices, options);
  const n = indices.length;
  return { x: tf.tensor2d(x, [n, IMAGE_SIZE], 'float32'), y: tf.tensor2d(y, [n, NUM_CLASSES], 'float32') };
}
