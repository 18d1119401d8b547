/**
 * Seeded randomness for the interactive widgets.
 *
 * Every function that needs randomness takes an {@link Rng} argument instead of
 * calling `Math.random`, so a figure can be re-drawn identically from a seed and
 * tests can pin their results.
 */

/** A source of uniform variates on the half-open interval [0, 1). */
export type Rng = () => number;

/** 2^32: maps an unsigned 32-bit integer onto [0, 1) with 32 bits of resolution. */
const TWO_POW_32 = 4294967296;

/**
 * Mulberry32, a tiny 32-bit-state PRNG (Tommy Ettinger's construction).
 *
 * It is not cryptographic and has a period of only 2^32, but it is fast, has
 * good enough statistical quality for illustrations and Monte Carlo demos, and
 * its whole state is one integer, so a seed fully determines the stream.
 * The state lives in the returned closure; separate generators never interact.
 *
 * @param seed Any number; it is reduced to an unsigned 32-bit integer with
 *   `>>> 0`, so `-1` and `2 ** 32 - 1` give the same stream.
 * @returns A generator whose outputs are multiples of 2^-32 in [0, 1).
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/**
 * One draw from N(0, 1) by the Box–Muller transform.
 *
 * With U₁, U₂ independent uniforms, √(−2 ln U₁)·cos(2πU₂) is standard normal.
 * The logarithm needs U₁ ∈ (0, 1], while an {@link Rng} may return exactly 0,
 * so we use U₁ = 1 − rng(), which maps [0, 1) onto (0, 1]: the result is
 * always finite (|z| ≤ √(−2 ln 2^-53) ≈ 8.6 for any double-precision uniform).
 *
 * Box–Muller produces two normals per pair of uniforms; we deliberately discard
 * the sine partner because caching it would make this function stateful.
 * The price is two uniforms per normal, which is irrelevant at widget scale.
 */
export function standardNormal(rng: Rng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
