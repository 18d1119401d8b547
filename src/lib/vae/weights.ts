/**
 * CPU-side weight snapshots: every variable of a model copied into a Float32Array under its
 * stable name. A snapshot lives outside any backend, so it survives a WebGL context loss or a
 * backend switch, and it is what the trainer restores after a divergence.
 */
import * as tf from './tf';
import type { TrainableModel } from './types';

/** Stable variable name → values (row-major, the variable's shape implied by the model). */
export type WeightSnapshot = Map<string, Float32Array>;

/**
 * Copies every variable of `model` to the CPU (one `data()` read-back per variable, awaited in
 * parallel). The arrays are fresh copies the caller owns; later training does not change them.
 */
export async function captureWeights(model: Pick<TrainableModel, 'namedVariables'>): Promise<WeightSnapshot> {
  const entries = [...model.namedVariables()];
  // data() may hand out a backend's own buffer (the CPU backend does): copy it.
  const values = await Promise.all(entries.map(async ([, variable]) => (await variable.data<'float32'>()).slice()));
  return new Map(entries.map(([name], i) => [name, values[i] ?? new Float32Array(0)]));
}

/**
 * Assigns a snapshot to `model`'s variables. Every variable of the model must be in the snapshot
 * with exactly as many values as its shape holds, and the snapshot may hold no other names;
 * otherwise an Error lists every problem and no variable is changed. Optimiser state is not
 * touched (`model.reinitialize` first to reset it).
 */
export function applyWeights(model: Pick<TrainableModel, 'namedVariables'>, weights: ReadonlyMap<string, Float32Array>): void {
  const variables = model.namedVariables();
  const problems: string[] = [];
  for (const [name, variable] of variables) {
    const values = weights.get(name);
    if (values === undefined) problems.push(`missing ${name} [${variable.shape.join(', ')}]`);
    else if (values.length !== variable.size) {
      problems.push(`${name} has shape [${variable.shape.join(', ')}] (${variable.size} values) but the snapshot holds ${values.length}`);
    }
  }
  for (const name of weights.keys()) if (!variables.has(name)) problems.push(`unexpected ${name} (the model has no such variable)`);
  if (problems.length > 0) throw new Error(`applyWeights: the snapshot does not fit the model: ${problems.join('; ')}`);
  tf.tidy(() => {
    for (const [name, variable] of variables) variable.assign(tf.tensor(weights.get(name) ?? [], variable.shape, 'float32'));
  });
}

/** The first variable holding a NaN or ±Infinity, with that value; undefined if all are finite. */
export function firstNonFinite(weights: ReadonlyMap<string, Float32Array>): { name: string; value: number } | undefined {
  for (const [name, values] of weights) {
    for (const value of values) if (!Number.isFinite(value)) return { name, value };
  }
  return undefined;
}
