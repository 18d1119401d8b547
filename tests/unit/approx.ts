import { expect } from 'vitest';

/**
 * Asserts |actual − expected| ≤ rtol·|expected| (plus an optional absolute floor),
 * with a message that shows both numbers at full precision.
 */
export function expectRelClose(actual: number, expected: number, rtol: number, atol = 0): void {
  const error = Math.abs(actual - expected);
  const bound = rtol * Math.abs(expected) + atol;
  expect(error <= bound, `expected ${actual} to be within rtol=${rtol}, atol=${atol} of ${expected} (error ${error})`).toBe(true);
}

/** Sample mean and unbiased sample variance (two-pass, for test reference values). */
export function meanAndVariance(xs: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i] ?? Number.NaN;
  const mean = sum / xs.length;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i] ?? Number.NaN) - mean;
    ss += d * d;
  }
  return { mean, variance: ss / (xs.length - 1) };
}
