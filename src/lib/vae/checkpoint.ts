/**
 * A model's weights as a checkpoint and back: read every variable to the CPU and encode it
 * (`checkpointFromModel`), or decode a checkpoint and assign it to the variables
 * (`applyCheckpoint`). Where checkpoints come from and go to lives next door:
 * `shipped-weights.ts` (the book's files over HTTP), `checkpoint-node.ts` (files on disk, for
 * Node) and `saved-weights.ts` (the reader's own weights in IndexedDB); the format is
 * `weights-manifest.ts` + `weight-codec.ts`.
 *
 *   applyCheckpoint(target, await checkpointFromModel(source, 'float16'));
 */
import { decodeWeights, encodeWeights } from './weight-codec.ts';
import { applyWeights, captureWeights } from './weights.ts';
import type { Checkpoint, WeightDType } from './weights-manifest.ts';
import type { TrainableModel } from './types.ts';

export type { Checkpoint } from './weights-manifest.ts';

/** A model's current weights as a checkpoint: CPU-side copies (`captureWeights`), encoded. */
export async function checkpointFromModel(model: TrainableModel, dtype: WeightDType, meta?: Record<string, unknown>): Promise<Checkpoint> {
  const weights = await captureWeights(model);
  const shapes = new Map([...model.namedVariables()].map(([name, variable]) => [name, [...variable.shape]]));
  return encodeWeights(weights, shapes, dtype, meta);
}

/**
 * Loads a checkpoint into a model: decodes it and assigns every tensor to the variable of the
 * same name. Names and shapes must match the model exactly, else an Error lists every problem
 * and no variable changes (`applyWeights`).
 */
export function applyCheckpoint(model: TrainableModel, checkpoint: Checkpoint): void {
  const entries = [...decodeWeights(checkpoint.manifest, checkpoint.data)];
  applyWeights(model, new Map(entries.map(([name, t]) => [name, t.values])), new Map(entries.map(([name, t]) => [name, t.shape])));
}
