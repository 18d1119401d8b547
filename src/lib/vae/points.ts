/**
 * Training data given as points in Rᵈ (e.g. samples of a 2-D toy distribution) as a
 * {@link DataSource} for the trainer, so a GAN with `dataDim` d trains on them through the same
 * trainer, session and training panel as the MNIST models.
 *
 *   const source = new PointSource(sampleMixture2D(ring, 2048, rng), 2);
 *   const trainer = createTrainer({ model: gan, data: source, batchSize: 128, seed: 1 });
 *
 * The points can be replaced by as many others (`replace`), e.g. when the reader switches to
 * another distribution; the trainer keeps batching indices over the same count.
 */
import * as tf from './tf.ts';
import type { DataSource } from './trainer.ts';
import type { Batch } from './types.ts';

export class PointSource implements DataSource {
  readonly count: number;
  readonly dim: number;
  private points: Float32Array;

  /** @param points [count · dim] row-major coordinates (kept, not copied) */
  constructor(points: Float32Array, dim: number) {
    if (!(Number.isInteger(dim) && dim >= 1)) throw new RangeError(`dim must be a positive integer, got ${dim}`);
    if (points.length === 0 || points.length % dim !== 0) throw new RangeError(`need a positive multiple of ${dim} coordinates, got ${points.length}`);
    this.dim = dim;
    this.count = points.length / dim;
    this.points = points;
  }

  /** The current points [count · dim] (do not modify). */
  get values(): Float32Array {
    return this.points;
  }

  /** Swaps in other points, as many as before. */
  replace(points: Float32Array): void {
    if (points.length !== this.count * this.dim) throw new RangeError(`replace: need ${this.count * this.dim} coordinates, got ${points.length}`);
    this.points = points;
  }

  /** x: the points at `indices` [n, dim]; y: zeros [n, 1] (a GAN ignores the labels). */
  batch(indices: ArrayLike<number>): Batch {
    const { dim } = this;
    const n = indices.length;
    const x = new Float32Array(n * dim);
    for (let row = 0; row < n; row++) {
      const index = indices[row] ?? Number.NaN;
      if (!(Number.isInteger(index) && index >= 0 && index < this.count)) throw new RangeError(`index ${index} out of range [0, ${this.count})`);
      x.set(this.points.subarray(index * dim, (index + 1) * dim), row * dim);
    }
    return { x: tf.tensor2d(x, [n, dim]), y: tf.zeros([n, 1]) };
  }
}
