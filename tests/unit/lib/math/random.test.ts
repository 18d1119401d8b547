import { describe, expect, it } from 'vitest';
import { mulberry32, standardNormal } from '../../../../src/lib/math/random.ts';
import type { Rng } from '../../../../src/lib/math/random.ts';
import { meanAndVariance } from '../../approx.ts';

function take(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng());
}

describe('mulberry32', () => {
  it('mulberry32(seed) produces the same stream every time for the same seed', () => {
    expect(take(mulberry32(42), 100)).toEqual(take(mulberry32(42), 100));
  });

  it('mulberry32(seed) produces different streams for different seeds', () => {
    const a = take(mulberry32(1), 20);
    const b = take(mulberry32(2), 20);
    expect(a).not.toEqual(b);
    // Not just a shifted copy: no value of the first stream reappears in the second.
    expect(a.filter((x) => b.includes(x))).toEqual([]);
  });

  it('mulberry32(seed) coerces the seed to an unsigned 32-bit integer', () => {
    expect(take(mulberry32(-1), 10)).toEqual(take(mulberry32(2 ** 32 - 1), 10));
    expect(take(mulberry32(2 ** 32 + 5), 10)).toEqual(take(mulberry32(5), 10));
    expect(take(mulberry32(7.9), 10)).toEqual(take(mulberry32(7), 10));
  });

  it('mulberry32(seed) returns multiples of 2^-32 in [0, 1)', () => {
    for (const seed of [0, 1, 123456789, 0xffffffff]) {
      const bad = take(mulberry32(seed), 10_000).filter((x) => !(x >= 0 && x < 1 && Number.isInteger(x * 2 ** 32)));
      expect(bad).toEqual([]);
    }
  });

  it('mulberry32(seed) fills ten equal bins uniformly (chi-square test at the 0.1% level)', () => {
    const n = 100_000;
    const counts = new Array<number>(10).fill(0);
    const rng = mulberry32(2024);
    for (let i = 0; i < n; i++) {
      const bin = Math.floor(rng() * 10);
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    const expected = n / 10;
    const chiSquare = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    // 99.9th percentile of the chi-square distribution with 9 degrees of freedom.
    expect(chiSquare).toBeLessThan(27.877);
  });
});

describe('standardNormal', () => {
  const n = 100_000;
  const samples = Array.from(
    { length: n },
    (
      (rng) => () =>
        standardNormal(rng)
    )(mulberry32(7)),
  );
  const { mean, variance } = meanAndVariance(samples);

  it('standardNormal(rng) has mean 0 within four standard errors (SE = 1/√n)', () => {
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('standardNormal(rng) has variance 1 within four standard errors (SE = √(2/n) for a normal)', () => {
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('standardNormal(rng) puts Φ(1) ≈ 0.8413 of its mass below 1 (binomial SE)', () => {
    const phi1 = 0.8413447460685429; // Φ(1) = ½(1 + erf(1/√2))
    const fraction = samples.filter((z) => z <= 1).length / n;
    expect(Math.abs(fraction - phi1)).toBeLessThan(4 * Math.sqrt((phi1 * (1 - phi1)) / n));
  });

  it('standardNormal(rng) is finite even when rng returns 0 or the largest double below 1', () => {
    const extremes = [0, 2 ** -53, 0.5, 1 - 2 ** -32, 1 - 2 ** -53];
    for (const a of extremes) {
      for (const b of extremes) {
        const values = [a, b];
        let i = 0;
        const rng: Rng = () => values[i++ % 2] ?? 0;
        const z = standardNormal(rng);
        expect(Number.isFinite(z), `u = (${a}, ${b}) gave ${z}`).toBe(true);
      }
    }
    // u₁ = 1 − 0 = 1 gives radius √(−2 ln 1) = 0 (possibly −0, hence the abs).
    expect(Math.abs(standardNormal(() => 0))).toBe(0);
  });

  it('standardNormal(rng) is always finite over a long seeded stream', () => {
    expect(samples.every(Number.isFinite)).toBe(true);
  });
});
