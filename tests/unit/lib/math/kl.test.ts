import { describe, expect, it } from 'vitest';
import type { Normal1D } from '../../../../src/lib/math/gaussian.ts';
import {
  expm1MinusX,
  klDiagonalToStdNormal,
  klDiagonalToStdNormalPerDim,
  klDiscrete,
  klNormal,
  klNormalMonteCarlo,
  klNormalTerms,
} from '../../../../src/lib/math/kl.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import type { Rng } from '../../../../src/lib/math/random.ts';
import { expectRelClose } from '../../approx.ts';

// Reference values were computed with mpmath at 40–50 significant digits, e.g.
//   mp.dps = 40; kl = lambda m1, s1, m2, s2: log(s2/s1) + (s1**2 + (m1-m2)**2)/(2*s2**2) - mpf(1)/2

const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng();

/** σ log-uniform in [1e-6, 1e6], μ uniform in [−1e3, 1e3]. */
function randomNormal(rng: Rng): Normal1D {
  return { mu: uniform(rng, -1e3, 1e3), sigma: 10 ** uniform(rng, -6, 6) };
}

/** A random probability vector of length k (normalised uniform weights). */
function randomSimplexPoint(rng: Rng, k: number): number[] {
  const w = Array.from({ length: k }, () => rng() + 1e-3);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

describe('klDiscrete', () => {
  it('klDiscrete([0.5, 0.5], [0.9, 0.1]) = ½ln(0.5/0.9) + ½ln(0.5/0.1) = 0.51082562376599068…', () => {
    expectRelClose(klDiscrete([0.5, 0.5], [0.9, 0.1]), 0.5108256237659906832, 1e-14);
  });

  it('klDiscrete([0.9, 0.1], [0.5, 0.5]) = 0.9ln(1.8) + 0.1ln(0.2) = 0.36806420716849707… (KL is asymmetric)', () => {
    expectRelClose(klDiscrete([0.9, 0.1], [0.5, 0.5]), 0.3680642071684970699, 1e-14);
  });

  it('klDiscrete([0.2, 0.3, 0.5], [0.1, 0.6, 0.3]) = 0.18609809382700081…', () => {
    // 0.2ln2 + 0.3ln(0.5) + 0.5ln(5/3)
    expectRelClose(klDiscrete([0.2, 0.3, 0.5], [0.1, 0.6, 0.3]), 0.1860980938270008107, 1e-14);
  });

  it('klDiscrete(p, q) treats 0·log(0/q) as 0', () => {
    // 0 + 0.25ln(1) + 0.75ln(3) = 0.82395921650108227…
    expectRelClose(klDiscrete([0, 0.25, 0.75], [0.5, 0.25, 0.25]), 0.8239592165010822685, 1e-14);
    // A point mass against a fair coin: ln 2.
    expectRelClose(klDiscrete([1, 0], [0.5, 0.5]), Math.LN2, 1e-15);
    // Both zero in the same place: that outcome contributes nothing.
    expect(klDiscrete([0, 1], [0, 1])).toBe(0);
  });

  it('klDiscrete(p, q) is Infinity when q gives zero probability to an outcome p can produce', () => {
    expect(klDiscrete([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDiscrete([0.25, 0.25, 0.5], [0.5, 0.5, 0])).toBe(Infinity);
  });

  it('klDiscrete(p, p) is exactly 0, and klDiscrete(p, q) > 0 for q ≠ p', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 200; trial++) {
      const p = randomSimplexPoint(rng, 2 + (trial % 7));
      expect(klDiscrete(p, p)).toBe(0);
      // Move a little mass between two outcomes: true KL ≈ Σ Δ²/(2p) > 0.
      const q = [...p];
      const delta = 1e-4 * Math.min(p[0] ?? 0, p[1] ?? 0);
      q[0] = (q[0] ?? 0) + delta;
      q[1] = (q[1] ?? 0) - delta;
      expect(klDiscrete(p, q)).toBeGreaterThan(0);
    }
  });

  it('klDiscrete(p, q) is non-negative and finite on random full-support pairs', () => {
    const rng = mulberry32(12);
    for (let trial = 0; trial < 1000; trial++) {
      const k = 2 + (trial % 10);
      const d = klDiscrete(randomSimplexPoint(rng, k), randomSimplexPoint(rng, k));
      expect(d).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(d)).toBe(true);
    }
  });

  it('klDiscrete(p, q) accepts vectors that sum to 1 up to rounding (0.1 + 0.2 + 0.7)', () => {
    expect(klDiscrete([0.1, 0.2, 0.7], [0.1, 0.2, 0.7])).toBe(0);
    expect(() => klDiscrete([0.5, 0.5 + 5e-10], [0.5, 0.5])).not.toThrow();
  });

  it('klDiscrete(p, q) throws RangeError for mismatched lengths, negative or non-finite entries, or sums ≠ 1', () => {
    expect(() => klDiscrete([0.5, 0.5], [1 / 3, 1 / 3, 1 / 3])).toThrow(RangeError);
    expect(() => klDiscrete([1.5, -0.5], [0.5, 0.5])).toThrow(RangeError);
    expect(() => klDiscrete([0.5, 0.5], [Number.NaN, 1])).toThrow(RangeError);
    expect(() => klDiscrete([Infinity, 0], [0.5, 0.5])).toThrow(RangeError);
    expect(() => klDiscrete([0.5, 0.6], [0.5, 0.5])).toThrow(RangeError);
    expect(() => klDiscrete([0.5, 0.5], [0.5, 0.5 + 1e-8])).toThrow(RangeError);
    expect(() => klDiscrete([], [])).toThrow(RangeError);
  });
});

describe('expm1MinusX', () => {
  it('expm1MinusX(u) = e^u − 1 − u to full precision, including near 0 where naive evaluation cancels', () => {
    const reference: [number, number][] = [
      [1e-8, 5.0000000166666667083e-17],
      [-1e-8, 4.999999983333333375e-17],
      [0.5, 0.14872127070012814685],
      [0.999, 0.71656490531856668733],
      [-0.999, 0.36724750461366292121],
      [1, 0.71828182845904523536],
      [-1, 0.3678794411714423216],
      [1.001, 0.72000146988157876593],
      [-1.001, 0.36851174560869355004],
      [-3, 2.049787068367863943],
      [40, 235385266837019944.41],
      [-40, 39.000000000000000004],
    ];
    for (const [u, expected] of reference) expectRelClose(expm1MinusX(u), expected, 2e-15);
    expect(expm1MinusX(0)).toBe(0);
  });

  it('expm1MinusX(u) is continuous across the series/expm1 switch at |u| = 1', () => {
    for (const u of [1, -1]) {
      const below = expm1MinusX(u * (1 - 2 ** -52));
      const at = expm1MinusX(u);
      expectRelClose(below, at, 1e-14);
    }
  });
});

describe('klNormal', () => {
  const std: Normal1D = { mu: 0, sigma: 1 };

  it('klNormal(N(0,1), N(1,1)) = ½', () => {
    expectRelClose(klNormal(std, { mu: 1, sigma: 1 }), 0.5, 1e-15);
  });

  it('klNormal(N(0,1), N(0,2²)) = ln 2 + 1/8 − ½ = 0.31814718055994531…', () => {
    expectRelClose(klNormal(std, { mu: 0, sigma: 2 }), 0.3181471805599453094, 1e-14);
  });

  it('klNormal(N(1,0.5²), N(0,1)) = −ln 0.5 + (0.25 + 1)/2 − ½ = 0.81814718055994531…', () => {
    expectRelClose(klNormal({ mu: 1, sigma: 0.5 }, std), 0.8181471805599453094, 1e-14);
  });

  it('klNormal(p, q) ≠ klNormal(q, p) in general: KL(N(0,1)‖N(1,0.5²)) = 2.80685281944005469…', () => {
    // ln 0.5 + (1 + 1)/(2·0.25) − ½
    const forward = klNormal(std, { mu: 1, sigma: 0.5 });
    expectRelClose(forward, 2.806852819440054691, 1e-14);
    expect(Math.abs(forward - klNormal({ mu: 1, sigma: 0.5 }, std))).toBeGreaterThan(1);
  });

  it('klNormal(p, q) with σ₁ = σ₂ equals (μ₁ − μ₂)²/(2σ²) and is symmetric', () => {
    const rng = mulberry32(21);
    for (let trial = 0; trial < 1000; trial++) {
      const sigma = 10 ** uniform(rng, -3, 3);
      const p = { mu: uniform(rng, -10, 10), sigma };
      const q = { mu: uniform(rng, -10, 10), sigma };
      const kl = klNormal(p, q);
      expectRelClose(kl, (p.mu - q.mu) ** 2 / (2 * sigma * sigma), 1e-14);
      expect(klNormal(q, p)).toBe(kl);
    }
  });

  it('klNormalTerms(p, q).total equals klNormal(p, q) up to 1e-12 of the size of the summed terms', () => {
    // `total` is the literal sum logRatio + spread − ½, so its rounding error scales with the
    // terms, not with their (possibly much smaller) sum; relative to klNormal alone it can be
    // far worse when p ≈ q. The bound below is 1e-12 relative on random inputs where KL is O(1)+.
    const rng = mulberry32(22);
    for (let trial = 0; trial < 10_000; trial++) {
      const p = randomNormal(rng);
      const q = randomNormal(rng);
      const terms = klNormalTerms(p, q);
      const scale = Math.abs(terms.logRatio) + terms.spread + 0.5;
      expect(Math.abs(terms.total - klNormal(p, q))).toBeLessThanOrEqual(1e-12 * scale);
      expect(terms.total).toBe(terms.logRatio + terms.spread - 0.5);
    }
  });

  it('klNormalTerms(p, q) splits KL(N(1,0.5²)‖N(0,1)) into log σ₂/σ₁ = ln 2 and spread = 0.625', () => {
    const terms = klNormalTerms({ mu: 1, sigma: 0.5 }, std);
    expectRelClose(terms.logRatio, Math.LN2, 1e-15);
    expectRelClose(terms.spread, 0.625, 1e-15);
    expectRelClose(terms.total, 0.8181471805599453094, 1e-14);
  });

  it('klNormalTerms(p, q) keeps extreme σ ratios finite (log σ₂ − log σ₁ instead of log(σ₂/σ₁))', () => {
    const terms = klNormalTerms({ mu: 0, sigma: 1e300 }, { mu: 0, sigma: 1e-300 });
    expectRelClose(terms.logRatio, -600 * Math.LN10, 1e-14);
    expect(terms.spread).toBe(Infinity); // (σ₁/σ₂)² = 1e1200 really is beyond double range
  });

  it('klNormal(p, p) is exactly 0 and klNormal(p, q) ≥ 0 and finite on 10000 random pairs', () => {
    const rng = mulberry32(23);
    for (let trial = 0; trial < 10_000; trial++) {
      const p = randomNormal(rng);
      const q = randomNormal(rng);
      expect(klNormal(p, p)).toBe(0);
      const kl = klNormal(p, q);
      expect(kl).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(kl)).toBe(true);
    }
  });

  it('klNormal(N(0,(1e-8)²), N(0,1)) = −ln(1e-8) + 1e-16/2 − ½ = 17.92068074395236552…', () => {
    expectRelClose(klNormal({ mu: 0, sigma: 1e-8 }, std), 17.92068074395236552, 1e-14);
  });

  it('klNormal(N(0,1), N(0,(1e-8)²)) = ln(1e-8) + 1e16/2 − ½ ≈ 4.99999999999998108e15, finite', () => {
    const kl = klNormal(std, { mu: 0, sigma: 1e-8 });
    expect(Number.isFinite(kl)).toBe(true);
    expectRelClose(kl, 4999999999999981.079, 1e-14);
  });

  it('klNormal handles σ = 1e6 on either side', () => {
    // ln(1e-6) + 1e12/2 − ½ = 499999999985.68448944…
    expectRelClose(klNormal({ mu: 0, sigma: 1e6 }, std), 499999999985.6844894, 1e-14);
    // ln(1e6) + 1e-12/2 − ½ = 13.315510557964774…
    expectRelClose(klNormal(std, { mu: 0, sigma: 1e6 }), 13.3155105579647741, 1e-14);
    // ln 2 + (1e12 + 25)/(8e12) − ½ = 0.31814718056307031…
    expectRelClose(klNormal({ mu: 3, sigma: 1e6 }, { mu: -2, sigma: 2e6 }), 0.3181471805630703094, 1e-14);
  });

  it('klNormal(N(0,1), N(1e-8,1)) = 5e-17 to full relative accuracy (no cancellation)', () => {
    expectRelClose(klNormal(std, { mu: 1e-8, sigma: 1 }), 5e-17, 1e-14);
  });

  it('klNormal(p, q) is accurate when σ₁ and σ₂ differ only in the last bits', () => {
    const sigma = 1 + 2 ** -40;
    // mpmath: KL(N(0,1)‖N(0,(1+2^-40)²)) and the reverse, both ≈ (2^-40)² ≈ 8.27e-25.
    expectRelClose(klNormal(std, { mu: 0, sigma }), 8.2718061255177381423e-25, 1e-12);
    expectRelClose(klNormal({ mu: 0, sigma }, std), 8.2718061255277690274e-25, 1e-12);
    // KL(N(2^-20, (1−2^-30)²)‖N(0,1)) mixes both kinds of small difference.
    expectRelClose(klNormal({ mu: 2 ** -20, sigma: 1 - 2 ** -30 }, std), 4.5474821824820237663e-13, 1e-12);
    // The textbook sum cannot resolve this: its rounding error (~1e-16) dwarfs the answer.
    const naive = klNormalTerms(std, { mu: 0, sigma }).total;
    expect(Math.abs(naive - 8.27e-25)).toBeLessThan(1e-15);
  });

  it('klNormal(p, q) throws RangeError for σ ≤ 0 or non-finite parameters', () => {
    expect(() => klNormal({ mu: 0, sigma: 0 }, std)).toThrow(RangeError);
    expect(() => klNormal(std, { mu: 0, sigma: -1 })).toThrow(RangeError);
    expect(() => klNormal({ mu: Number.NaN, sigma: 1 }, std)).toThrow(RangeError);
    expect(() => klNormalTerms(std, { mu: 0, sigma: Infinity })).toThrow(RangeError);
  });
});

describe('klNormalMonteCarlo', () => {
  const pairs: [Normal1D, Normal1D][] = [
    [
      { mu: 0, sigma: 1 },
      { mu: 1, sigma: 1 },
    ],
    [
      { mu: 0, sigma: 1 },
      { mu: 0, sigma: 2 },
    ],
    [
      { mu: 1, sigma: 0.5 },
      { mu: 0, sigma: 1 },
    ],
    [
      { mu: 0, sigma: 1 },
      { mu: 1, sigma: 0.5 },
    ],
    [
      { mu: -3, sigma: 2 },
      { mu: 2, sigma: 3 },
    ],
    [
      { mu: 100, sigma: 1e-3 },
      { mu: 100.002, sigma: 2e-3 },
    ],
  ];

  it.each(pairs)('klNormal(p, q) matches a Monte Carlo estimate within four standard errors (p = %o)', (p, q) => {
    const mc = klNormalMonteCarlo(p, q, 20_000, mulberry32(31));
    expect(mc.n).toBe(20_000);
    expect(mc.standardError).toBeGreaterThan(0);
    expect(Math.abs(mc.estimate - klNormal(p, q))).toBeLessThan(4 * mc.standardError);
  });

  it('klNormalMonteCarlo standard error shrinks like 1/√n (n → 100n divides it by ≈ 10)', () => {
    const p = { mu: 0, sigma: 1 };
    const q = { mu: 1, sigma: 2 };
    const small = klNormalMonteCarlo(p, q, 1_000, mulberry32(32));
    const large = klNormalMonteCarlo(p, q, 100_000, mulberry32(33));
    const ratio = small.standardError / large.standardError;
    expect(ratio).toBeGreaterThan(8);
    expect(ratio).toBeLessThan(12);
  });

  it('klNormalMonteCarlo(p, q, n, rng) is deterministic for a fixed seed', () => {
    const p = { mu: 0.3, sigma: 1.7 };
    const q = { mu: -1, sigma: 0.9 };
    expect(klNormalMonteCarlo(p, q, 500, mulberry32(34))).toEqual(klNormalMonteCarlo(p, q, 500, mulberry32(34)));
  });

  it('klNormalMonteCarlo(p, p, n, rng) is exactly 0 with zero standard error', () => {
    const p = { mu: 2, sigma: 0.7 };
    expect(klNormalMonteCarlo(p, p, 100, mulberry32(35))).toEqual({ estimate: 0, standardError: 0, n: 100 });
  });

  it('klNormalMonteCarlo(p, q, n, rng) throws RangeError unless n is an integer ≥ 2', () => {
    const p = { mu: 0, sigma: 1 };
    for (const n of [1, 0, -5, 2.5, Number.NaN, Infinity]) {
      expect(() => klNormalMonteCarlo(p, p, n, mulberry32(1))).toThrow(RangeError);
    }
  });
});

describe('klDiagonalToStdNormal', () => {
  it('klDiagonalToStdNormal(μ, ℓ) equals Σⱼ klNormal(N(μⱼ, e^{ℓⱼ}), N(0, 1)) on random vectors', () => {
    const rng = mulberry32(41);
    for (let trial = 0; trial < 200; trial++) {
      const d = 1 + (trial % 32);
      const mu = Float64Array.from({ length: d }, () => uniform(rng, -3, 3));
      const logVar = Float64Array.from({ length: d }, () => uniform(rng, -8, 4));
      let expected = 0;
      for (let j = 0; j < d; j++) {
        expected += klNormal({ mu: mu[j] ?? 0, sigma: Math.exp((logVar[j] ?? 0) / 2) }, { mu: 0, sigma: 1 });
      }
      expectRelClose(klDiagonalToStdNormal(mu, logVar), expected, 1e-12);
    }
  });

  it('klDiagonalToStdNormalPerDim(μ, ℓ) gives ½(μ² + e^ℓ − ℓ − 1) per dimension, accurately near ℓ = 0', () => {
    // mpmath: [0.30893972058572116, 0.57436063535006407, 2.5000000083333333542e-17]
    const perDim = klDiagonalToStdNormalPerDim([0.5, -1, 0], [-1, 0.5, 1e-8]);
    expectRelClose(perDim[0] ?? Number.NaN, 0.3089397205857211608, 1e-14);
    expectRelClose(perDim[1] ?? Number.NaN, 0.5743606353500640734, 1e-14);
    expectRelClose(perDim[2] ?? Number.NaN, 2.5000000083333333542e-17, 1e-14);
  });

  it('klDiagonalToStdNormal(0, 0) is exactly 0: the posterior equals the prior', () => {
    expect(klDiagonalToStdNormal([0, 0, 0, 0], [0, 0, 0, 0])).toBe(0);
    expect(klDiagonalToStdNormal([], [])).toBe(0);
  });

  it('klDiagonalToStdNormalPerDim(μ, ℓ) is non-negative and sums to klDiagonalToStdNormal(μ, ℓ)', () => {
    const rng = mulberry32(42);
    for (let trial = 0; trial < 200; trial++) {
      const d = 1 + (trial % 16);
      const mu = Array.from({ length: d }, () => uniform(rng, -1, 1) * 10 ** uniform(rng, -9, 1));
      const logVar = Array.from({ length: d }, () => uniform(rng, -1, 1) * 10 ** uniform(rng, -9, 1));
      const perDim = klDiagonalToStdNormalPerDim(mu, logVar);
      expect(perDim.length).toBe(d);
      expect(perDim.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
      expect(klDiagonalToStdNormal(mu, logVar)).toBe(perDim.reduce((a, b) => a + b, 0));
    }
  });

  it('klDiagonalToStdNormal(μ, ℓ) throws RangeError when μ and ℓ have different lengths', () => {
    expect(() => klDiagonalToStdNormal([0, 1], [0])).toThrow(RangeError);
    expect(() => klDiagonalToStdNormalPerDim(new Float64Array(3), new Float64Array(2))).toThrow(RangeError);
  });
});
