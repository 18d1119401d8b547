import { describe, expect, it } from 'vitest';
import { jensenLog, normalizeWeights } from '../../../../src/lib/math/jensen.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { expectRelClose } from '../../approx.ts';

describe('normalizeWeights', () => {
  it('normalizeWeights(w) divides by the sum', () => {
    expect(Array.from(normalizeWeights([1, 3]))).toEqual([0.25, 0.75]);
  });

  it('normalizeWeights(w) treats negative, NaN and infinite weights as 0, and all-zero weights as uniform', () => {
    expect(Array.from(normalizeWeights([-1, 2, Number.NaN, Infinity]))).toEqual([0, 1, 0, 0]);
    expect(Array.from(normalizeWeights([0, 0, 0, 0]))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(normalizeWeights([]))).toEqual([]);
  });
});

describe('jensenLog', () => {
  it('jensenLog([1, 9], [½, ½]): log 5 against ½(log 1 + log 9) = log 3, gap log(5/3)', () => {
    const r = jensenLog([1, 9], [1, 1]);
    expect(r.mean).toBe(5);
    expectRelClose(r.logOfMean, Math.log(5), 1e-15);
    expectRelClose(r.meanOfLog, Math.log(3), 1e-15);
    expectRelClose(r.gap, Math.log(5 / 3), 1e-14); // 0.5108256237659907
  });

  it('jensenLog(xs, w): log E[x] − E[log x] equals the reported gap, which is ≥ 0, on random inputs', () => {
    const rng = mulberry32(3);
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + (trial % 6);
      const xs = Array.from({ length: n }, () => 0.1 + 9.9 * rng());
      const w = Array.from({ length: n }, () => rng());
      const r = jensenLog(xs, w);
      expect(r.gap).toBeGreaterThanOrEqual(0);
      expect(Math.abs(r.logOfMean - r.meanOfLog - r.gap)).toBeLessThan(1e-13);
      expect(r.logOfMean).toBeGreaterThanOrEqual(r.meanOfLog - 1e-15);
    }
  });

  it('jensenLog is exactly 0 for a point mass: all weight on one point, or all points equal', () => {
    expect(jensenLog([0.3, 7, 2], [0, 1, 0]).gap).toBe(0);
    expect(jensenLog([0.3, 0.3, 0.3], [1, 1, 1]).gap).toBe(0);
    expect(jensenLog([0.3, 0.3, 0.3], [1, 1, 1]).mean).toBe(0.3);
    expect(jensenLog([2.7], [0.4]).gap).toBe(0);
    // A point that carries no weight does not matter.
    expect(jensenLog([5, 5, 0.1], [0.5, 0.5, 0]).gap).toBe(0);
  });

  it('jensenLog is > 0 whenever two distinct points carry weight, even when they are close', () => {
    expect(jensenLog([1, 1 + 1e-6], [1, 1]).gap).toBeGreaterThan(0);
    // gap ≈ w(1 − w)δ²/2 for nearby points: here ¼·1e-12/2.
    expectRelClose(jensenLog([1, 1 + 1e-6], [1, 1]).gap, 1.25e-13, 1e-5);
    expect(jensenLog([0.1, 10], [1e-9, 1]).gap).toBeGreaterThan(0);
  });

  it('jensenLog never gives NaN or Infinity at the ends of the widget ranges', () => {
    for (const xs of [
      [0.1, 10],
      [0.1, 0.1, 10, 10],
      [10, 10],
    ]) {
      for (const w of [xs.map(() => 0), xs.map(() => 1), xs.map((_, i) => (i === 0 ? 1 : 0))]) {
        const r = jensenLog(xs, w);
        for (const v of [r.mean, r.logOfMean, r.meanOfLog, r.gap]) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('jensenLog rejects points that are not positive and mismatched lengths', () => {
    expect(() => jensenLog([], [])).toThrow(RangeError);
    expect(() => jensenLog([1, 0], [1, 1])).toThrow(RangeError);
    expect(() => jensenLog([1, Number.NaN], [1, 1])).toThrow(RangeError);
    expect(() => jensenLog([1, 2], [1])).toThrow(RangeError);
  });
});
