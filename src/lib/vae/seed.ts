/** Seeds for TensorFlow.js random ops. */

/**
 * The seed to hand to a TensorFlow.js random op (`tf.randomNormal`, `tf.randomUniform`, …)
 * for a caller's `seed`. Every random op in the library goes through this.
 *
 * TensorFlow.js treats a falsy seed as "no seed" (`seed ? seed : Math.random()`), so seed 0 —
 * the natural seed of step 0 — would silently draw a different ε on every call. 0 is therefore
 * mapped to `Number.MIN_VALUE` (seeded as the string "5e-324", which no integer seed produces);
 * every other seed is passed through unchanged.
 */
export function tfSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return seed === 0 ? Number.MIN_VALUE : seed;
}
