/**
 * Seed derivation for the models: one integer seed in, as many independent seeds out as a model
 * needs (one per layer, one per random draw inside a training step).
 */
import { mulberry32 } from '../../math/random.ts';

/** The largest seed handed out: 2^31 − 1, so a seed is a plain positive int32. */
const MAX_SEED = 0x7fffffff;

/**
 * A deterministic stream of seeds in [1, 2^31 − 1] drawn from mulberry32(`seed`).
 *
 * Each seed is a plain positive integer, so it is also a valid mulberry32 seed and (through
 * `tfSeed` in `../seed`, which every TensorFlow.js random op goes through) a tfjs seed.
 */
export function seedStream(seed: number): () => number {
  const rng = mulberry32(seed);
  return () => 1 + Math.floor(rng() * (MAX_SEED - 1));
}

/** The first `count` seeds of {@link seedStream}(`seed`). */
export function deriveSeeds(seed: number, count: number): number[] {
  const next = seedStream(seed);
  return Array.from({ length: count }, () => next());
}
