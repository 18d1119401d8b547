/**
 * Helpers shared by the model and trainer tests: a small MNIST subset, a plain training loop
 * over `trainStep`, metric read-back, and a backend choice limited to one backend.
 */
import { type BackendName, chooseBackend, tryBackend } from '../../src/lib/vae/backend.ts';
import { loadNodeBackend } from '../../src/lib/vae/backend-node.ts';
import { makeBatch } from '../../src/lib/vae/batch.ts';
import { batchIndices } from '../../src/lib/vae/data.ts';
import type { MnistSplit } from '../../src/lib/vae/data.ts';
import * as tf from '../../src/lib/vae/tf.ts';
import type { Batch, TrainableModel } from '../../src/lib/vae/types.ts';

/** Reads named scalars back as numbers and disposes them. */
export function readMetrics(metrics: Record<string, tf.Scalar>): Record<string, number> {
  const out = Object.fromEntries(Object.entries(metrics).map(([name, t]) => [name, t.dataSync()[0] ?? Number.NaN]));
  tf.dispose(Object.values(metrics));
  return out;
}

/** The first `count` images of a split as one batch (caller disposes). */
export function firstImages(split: MnistSplit, count: number): Batch {
  return makeBatch(
    split,
    Array.from({ length: count }, (_, i) => i),
  );
}

/** `steps` calls of model.trainStep on shuffled batches of `batchSize`, seeded. */
export function train(model: TrainableModel, split: MnistSplit, steps: number, batchSize: number, seed: number): void {
  const batches = batchIndices(split.count, batchSize, seed);
  for (let step = 0; step < steps; step++) {
    const batch = makeBatch(split, batches.next().value);
    const metrics = model.trainStep(batch, seed + step + 1);
    tf.dispose([batch.x, batch.y, ...Object.values(metrics)]);
  }
}

/** model.evaluate on `batch` with a fixed seed, as numbers. */
export function evaluate(model: TrainableModel, batch: Batch, seed = 7): Record<string, number> {
  return readMetrics(model.evaluate(batch, seed));
}

/** The [rows, cols] values of a 2-D tensor as plain rows (disposes it). */
export function rows(t: tf.Tensor2D): number[][] {
  const values = t.arraySync();
  t.dispose();
  return values;
}

/** The values of a tensor as a flat array (disposes it). */
export function values(t: tf.Tensor): number[] {
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
}

/** A backend choice that tries only `name` (loaded as in Node), for sessions that must run there. */
export const onlyBackend = (name: BackendName) => chooseBackend({ order: [name], tryBackend: (n) => tryBackend(n, loadNodeBackend) });
