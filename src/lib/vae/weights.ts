/**
 * CPU-side weight snapshots: every variable of a model copied into a Float32Array under its
 * stable name. A snapshot lives outside any backend, so it survives a WebGL context loss or a
 * backend switch, and it is what the trainer restores after a divergence.
 */
import * as tf from './tf.ts';
import type { TrainableModel } from './types.ts';

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
 * Everything that stops `weights` from fitting `variables`, one phrase each: a variable missing
 * from the snapshot, a wrong number of values (or, where `shapes` are given, a wrong shape), and
 * a name the model does not have. Empty when the snapshot fits.
 */
export function weightProblems(
  variables: ReadonlyMap<string, tf.Variable>,
  weights: ReadonlyMap<string, Float32Array>,
  shapes?: ReadonlyMap<string, readonly number[]>,
): string[] {
  const problems: string[] = [];
  for (const [name, variable] of variables) {
    const values = weights.get(name);
    const shape = shapes?.get(name);
    if (values === undefined) problems.push(`missing "${name}" [${variable.shape.join(', ')}]`);
    else if (shape !== undefined && (shape.length !== variable.shape.length || shape.some((d, i) => d !== variable.shape[i]))) {
      problems.push(`"${name}" has shape [${shape.join(', ')}] but the model needs [${variable.shape.join(', ')}]`);
    } else if (values.length !== variable.size) {
      problems.push(`"${name}" has ${values.length} values but the model needs ${variable.size} [${variable.shape.join(', ')}]`);
    }
  }
  for (const name of weights.keys()) if (!variables.has(name)) problems.push(`unexpected "${name}" (the model has no such variable)`);
  return problems;
}

/**
 * Assigns a snapshot to `model`'s variables. Every variable of the model must be in the snapshot
 * with exactly as many values as its shape holds, and the snapshot may hold no other names;
 * otherwise an Error lists every problem and no variable is changed. Optimiser state is not
 * touched (`model.reinitialize` first to reset it).
 */
export function applyWeights(
  model: Pick<TrainableModel, 'namedVariables' | 'kind'>,
  weights: ReadonlyMap<string, Float32Array>,
  shapes?: ReadonlyMap<string, readonly number[]>,
): void {
  const variables = model.namedVariables();
  const problems = weightProblems(variables, weights, shapes);
  if (problems.length > 0) throw new Error(`These weights do not fit the ${model.kind} model: ${problems.join('; ')}.`);
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
