import { describe, expect, it } from 'vitest';
import { normalLogPdf } from '../../../../src/lib/math/gaussian.ts';
import { klDiscrete } from '../../../../src/lib/math/kl.ts';
import {
  averageLogLikelihood,
  componentPdf,
  DEFAULT_MIN_SIGMA,
  eStep,
  fitGaussian,
  fitMixtureBest,
  fitMixtureEM,
  gaussianAsMixture,
  initialMixture,
  logSumExp,
  type Mixture1D,
  mixtureElbo,
  mixtureLogLikelihood,
  mixtureLogPdf,
  mixturePdf,
  mStep,
  uniformResponsibilities,
} from '../../../../src/lib/math/mixture.ts';
import { mulberry32, type Rng, standardNormal } from '../../../../src/lib/math/random.ts';
import { expectRelClose } from '../../approx.ts';

const BIMODAL: Mixture1D = [
  { weight: 0.3, mu: -2, sigma: 0.5 },
  { weight: 0.7, mu: 1.5, sigma: 1.2 },
];

/** Trapezoid rule for ∫ f over [a, b] with `steps` equal panels. */
function trapezoid(f: (x: number) => number, a: number, b: number, steps: number): number {
  const h = (b - a) / steps;
  let sum = 0.5 * (f(a) + f(b));
  for (let i = 1; i < steps; i++) sum += f(a + i * h);
  return sum * h;
}

/** A random data set: 1–40 points from 1–3 random clusters. */
function randomData(rng: Rng): number[] {
  const n = 1 + Math.floor(rng() * 40);
  const centres = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => -4 + 8 * rng());
  return Array.from({ length: n }, () => (centres[Math.floor(rng() * centres.length)] ?? 0) + (0.1 + rng()) * standardNormal(rng));
}

/** A random distribution over k outcomes (normalised uniforms; entries may be tiny but are > 0). */
function randomRow(k: number, rng: Rng): number[] {
  const raw = Array.from({ length: k }, () => rng() + 1e-3);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}

describe('mixture density', () => {
  it('logSumExp(values) is stable for large and −∞ entries', () => {
    expectRelClose(logSumExp([1000, 1000]), 1000 + Math.log(2), 1e-15);
    expectRelClose(logSumExp([-1000, -1000 + Math.log(3)]), -1000 + Math.log(4), 1e-15);
    expect(logSumExp([-Infinity, 0])).toBe(0);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([Infinity, 0])).toBe(Infinity);
    expect(logSumExp([Number.NaN, 0])).toBeNaN();
  });

  it('mixturePdf(·, mixture) integrates to 1', () => {
    for (const mixture of [
      BIMODAL,
      gaussianAsMixture({ mu: 0, sigma: 1 }),
      [
        { weight: 0.2, mu: -3, sigma: 0.1 },
        { weight: 0.5, mu: 0, sigma: 2 },
        { weight: 0.3, mu: 4, sigma: 0.7 },
      ],
    ]) {
      const integral = trapezoid((x) => mixturePdf(x, mixture), -25, 25, 20000);
      expect(Math.abs(integral - 1)).toBeLessThan(1e-9);
    }
  });

  it('mixtureLogPdf(x, mixture) is the log of the weighted sum of component densities', () => {
    for (const x of [-3, -2, 0, 1.5, 4]) {
      const direct = 0.3 * Math.exp(normalLogPdf(x, { mu: -2, sigma: 0.5 })) + 0.7 * Math.exp(normalLogPdf(x, { mu: 1.5, sigma: 1.2 }));
      expectRelClose(mixtureLogPdf(x, BIMODAL), Math.log(direct), 1e-14);
      expectRelClose(componentPdf(x, BIMODAL[0]!) + componentPdf(x, BIMODAL[1]!), direct, 1e-14);
    }
  });

  it('mixtureLogPdf stays finite far in the tails, where the density underflows to 0', () => {
    const far = mixtureLogPdf(200, BIMODAL);
    expect(Number.isFinite(far)).toBe(true);
    expect(far).toBeLessThan(-1e4);
    expect(mixturePdf(200, BIMODAL)).toBe(0);
  });

  it('a component of weight 0 contributes nothing and causes no NaN', () => {
    const mixture = [
      { weight: 0, mu: 0, sigma: 1 },
      { weight: 1, mu: 2, sigma: 1 },
    ];
    expectRelClose(mixtureLogPdf(1, mixture), normalLogPdf(1, { mu: 2, sigma: 1 }), 1e-15);
    expect(componentPdf(1, mixture[0]!)).toBe(0);
  });

  it('mixtureLogLikelihood(data, mixture) sums the log densities; averageLogLikelihood divides by N', () => {
    const data = [-2.1, 0.3, 1.7];
    const sum = data.reduce((s, x) => s + mixtureLogPdf(x, BIMODAL), 0);
    expectRelClose(mixtureLogLikelihood(data, BIMODAL), sum, 1e-15);
    expectRelClose(averageLogLikelihood(data, BIMODAL), sum / 3, 1e-15);
    expect(mixtureLogLikelihood([], BIMODAL)).toBe(0);
    expect(() => averageLogLikelihood([], BIMODAL)).toThrow(RangeError);
  });

  it('rejects invalid mixtures and data with a RangeError', () => {
    expect(() => mixtureLogPdf(0, [])).toThrow(RangeError);
    expect(() => mixtureLogPdf(0, [{ weight: 0.5, mu: 0, sigma: 1 }])).toThrow(/sum to 1/);
    expect(() => mixtureLogPdf(0, [{ weight: 1, mu: 0, sigma: 0 }])).toThrow(RangeError);
    expect(() =>
      mixtureLogPdf(0, [
        { weight: -0.5, mu: 0, sigma: 1 },
        { weight: 1.5, mu: 0, sigma: 1 },
      ]),
    ).toThrow(RangeError);
    expect(() => mixtureLogLikelihood([Number.NaN], BIMODAL)).toThrow(RangeError);
  });
});

describe('fitGaussian', () => {
  it('fitGaussian(data) is the sample mean and the divide-by-N standard deviation', () => {
    // mean 2; squared deviations 4, 0, 0, 4 → variance 8/4 = 2.
    const fit = fitGaussian([0, 2, 2, 4]);
    expect(fit.mu).toBe(2);
    expectRelClose(fit.sigma, Math.SQRT2, 1e-15);
  });

  it('the closed-form MLE beats every perturbed parameter pair', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 50; trial++) {
      const data = randomData(rng);
      if (data.length < 2) continue;
      const fit = fitGaussian(data);
      const best = mixtureLogLikelihood(data, gaussianAsMixture(fit));
      for (const [dm, ds] of [
        [0.01, 0],
        [-0.01, 0],
        [0, 0.01],
        [0, -0.01],
        [0.3, 0.2],
        [-0.5, -0.1],
        [1, 1],
      ] as const) {
        const sigma = fit.sigma * (1 + ds);
        const other = mixtureLogLikelihood(data, gaussianAsMixture({ mu: fit.mu + dm * fit.sigma, sigma }));
        expect(other).toBeLessThan(best);
      }
    }
  });

  it('a single point or identical points give σ = minSigma and a finite likelihood', () => {
    expect(fitGaussian([1.5])).toEqual({ mu: 1.5, sigma: DEFAULT_MIN_SIGMA });
    expect(fitGaussian([2, 2, 2], { minSigma: 0.1 })).toEqual({ mu: 2, sigma: 0.1 });
    const ll = averageLogLikelihood([2, 2, 2], gaussianAsMixture(fitGaussian([2, 2, 2], { minSigma: 0.1 })));
    // log N(2; 2, 0.1²) = −log 0.1 − ½ log 2π = 2.302585 − 0.918939.
    expectRelClose(ll, Math.log(10) - 0.5 * Math.log(2 * Math.PI), 1e-14);
    expect(() => fitGaussian([])).toThrow(RangeError);
    expect(() => fitGaussian([1], { minSigma: 0 })).toThrow(RangeError);
  });
});

describe('EM', () => {
  it('eStep(data, mixture) gives rows that are the posteriors p(z = k | x) and sum to 1', () => {
    const data = [-2, 0, 3];
    const { responsibilities, logLikelihood } = eStep(data, BIMODAL);
    expectRelClose(logLikelihood, mixtureLogLikelihood(data, BIMODAL), 1e-15);
    responsibilities.forEach((row, n) => {
      const x = data[n]!;
      const joint = BIMODAL.map((c) => componentPdf(x, c));
      const evidence = joint[0]! + joint[1]!;
      expectRelClose(row[0]!, joint[0]! / evidence, 1e-12);
      expect(Math.abs(row[0]! + row[1]! - 1)).toBeLessThan(1e-15);
    });
  });

  it('mStep(data, responsibilities) is the responsibility-weighted mean, variance and share', () => {
    const data = [0, 1, 4];
    const r = [
      [1, 0],
      [0.5, 0.5],
      [0, 1],
    ];
    const [a, b] = mStep(data, r);
    // Component 1: N₁ = 1.5, μ₁ = (0 + 0.5)/1.5 = 1/3, σ₁² = (1·(1/3)² + 0.5·(2/3)²)/1.5 = 2/9.
    expectRelClose(a!.weight, 0.5, 1e-15);
    expectRelClose(a!.mu, 1 / 3, 1e-15);
    expectRelClose(a!.sigma, Math.sqrt(2 / 9), 1e-14);
    // Component 2: N₂ = 1.5, μ₂ = (0.5 + 4)/1.5 = 3, σ₂² = (0.5·4 + 1·1)/1.5 = 2.
    expectRelClose(b!.mu, 3, 1e-15);
    expectRelClose(b!.sigma, Math.SQRT2, 1e-14);
  });

  it('the ELBO equals the log-likelihood right after an E-step and is below it for any other q', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 100; trial++) {
      const data = randomData(rng);
      const k = 1 + Math.floor(rng() * 4);
      const mixture = initialMixture(data, k, rng, { minSigma: 0.05 });
      const { responsibilities, logLikelihood } = eStep(data, mixture);
      expectRelClose(mixtureElbo(data, mixture, responsibilities), logLikelihood, 1e-12, 1e-12);

      const q = data.map(() => randomRow(k, rng));
      const elbo = mixtureElbo(data, mixture, q);
      expect(elbo).toBeLessThanOrEqual(logLikelihood + 1e-12);
      // The gap is exactly Σ_n D_KL(q_n ‖ p(z_n | x_n)).
      const gap = q.reduce((s, row, n) => s + klDiscrete(row, responsibilities[n]!), 0);
      expectRelClose(logLikelihood - elbo, gap, 1e-9, 1e-10);
    }
  });

  it('EM never decreases the log-likelihood (300 seeded data sets and starts)', () => {
    const rng = mulberry32(2024);
    for (let trial = 0; trial < 300; trial++) {
      const data = randomData(rng);
      const k = 1 + Math.floor(rng() * 4);
      const minSigma = [1e-3, 0.05, 0.1][trial % 3]!;
      const start = initialMixture(data, k, rng, { minSigma });
      const { trace, mixture, logLikelihood } = fitMixtureEM(data, start, { minSigma, maxIterations: 60 });
      for (let i = 1; i < trace.length; i++) {
        expect(trace[i]!).toBeGreaterThanOrEqual(trace[i - 1]! - 1e-9 * Math.max(1, Math.abs(trace[i - 1]!)));
      }
      expect(Number.isFinite(logLikelihood)).toBe(true);
      for (const c of mixture) {
        expect(c.sigma).toBeGreaterThanOrEqual(minSigma);
        expect(Number.isFinite(c.mu) && Number.isFinite(c.weight)).toBe(true);
      }
    }
  });

  it('each half step is monotone in the ELBO: the E-step and the M-step each raise L(q, θ)', () => {
    const rng = mulberry32(9);
    for (let trial = 0; trial < 100; trial++) {
      const data = randomData(rng);
      const k = 2 + Math.floor(rng() * 2);
      let mixture = initialMixture(data, k, rng, { minSigma: 0.1 });
      let q: number[][] = uniformResponsibilities(data.length, k);
      let elbo = mixtureElbo(data, mixture, q);
      for (let step = 0; step < 10; step++) {
        q = eStep(data, mixture).responsibilities;
        const afterE = mixtureElbo(data, mixture, q);
        expect(afterE).toBeGreaterThanOrEqual(elbo - 1e-9);
        mixture = mStep(data, q, { minSigma: 0.1, previous: mixture });
        elbo = mixtureElbo(data, mixture, q);
        expect(elbo).toBeGreaterThanOrEqual(afterE - 1e-9);
      }
    }
  });

  it('EM separates two well-separated clusters', () => {
    const rng = mulberry32(3);
    const data = [...Array.from({ length: 200 }, () => -3 + 0.5 * standardNormal(rng)), ...Array.from({ length: 100 }, () => 2 + standardNormal(rng))];
    const result = fitMixtureEM(data, [
      { weight: 0.5, mu: -1, sigma: 2 },
      { weight: 0.5, mu: 1, sigma: 2 },
    ]);
    expect(result.converged).toBe(true);
    const [left, right] = [...result.mixture].sort((a, b) => a.mu - b.mu);
    expect(left!.mu).toBeCloseTo(-3, 0);
    expect(left!.weight).toBeCloseTo(2 / 3, 1);
    expect(right!.mu).toBeCloseTo(2, 0);
    expect(right!.sigma).toBeCloseTo(1, 0);
  });

  it('a component collapsing onto one point stops at the variance floor without NaN', () => {
    const data = [0, 5, 5.1, 4.9, 5.05];
    const start = [
      { weight: 0.2, mu: 0, sigma: 0.5 },
      { weight: 0.8, mu: 5, sigma: 1 },
    ];
    const result = fitMixtureEM(data, start, { minSigma: 0.1 });
    const lonely = result.mixture.find((c) => Math.abs(c.mu) < 1e-6);
    expect(lonely?.sigma).toBe(0.1);
    expect(Number.isFinite(result.logLikelihood)).toBe(true);
  });

  it('degenerate data (one point, identical points) never produce NaN', () => {
    for (const data of [[1.5], [2, 2, 2, 2], [-1, -1]]) {
      for (const k of [1, 2, 3]) {
        const start = initialMixture(data, k, mulberry32(k));
        const result = fitMixtureEM(data, start, { minSigma: 0.1 });
        expect(Number.isFinite(result.logLikelihood)).toBe(true);
        const { responsibilities } = eStep(data, result.mixture);
        expect(Number.isFinite(mixtureElbo(data, result.mixture, responsibilities))).toBe(true);
        for (const c of result.mixture) expect(c.sigma).toBe(0.1);
      }
    }
  });

  it('mStep keeps a component that received no responsibility and gives it weight 0', () => {
    const previous = [
      { weight: 0.5, mu: -9, sigma: 0.3 },
      { weight: 0.5, mu: 1, sigma: 1 },
    ];
    const [dead, alive] = mStep(
      [0, 2],
      [
        [0, 1],
        [0, 1],
      ],
      { previous },
    );
    expect(dead).toEqual({ weight: 0, mu: -9, sigma: 0.3 });
    expect(alive).toEqual({ weight: 1, mu: 1, sigma: 1 });
    // The mixture is still valid, and the ELBO of q with no mass on the dead component is finite.
    expect(
      Number.isFinite(
        mixtureElbo(
          [0, 2],
          [dead!, alive!],
          [
            [0, 1],
            [0, 1],
          ],
        ),
      ),
    ).toBe(true);
  });

  it('initialMixture(data, k, rng) is seeded and picks data points as means', () => {
    const data = [-3, -1, 0, 2, 4];
    const a = initialMixture(data, 3, mulberry32(1));
    expect(initialMixture(data, 3, mulberry32(1))).toEqual(a);
    expect(new Set(a.map((c) => c.mu)).size).toBe(3);
    for (const c of a) {
      expect(data).toContain(c.mu);
      expect(c.weight).toBeCloseTo(1 / 3, 15);
      expect(c.sigma).toBeCloseTo(fitGaussian(data).sigma, 15);
    }
    expect(initialMixture([7], 2, mulberry32(1)).map((c) => c.mu)).toEqual([7, 7]);
  });

  it('fitMixtureBest(data, starts) returns the best run and is never worse than any start', () => {
    const data = [-2.4, -2.1, -1.9, -1.5, 1.1, 1.4, 1.8, 2.2, 2.9];
    const poor: Mixture1D = [
      { weight: 0.5, mu: 0, sigma: 1 },
      { weight: 0.5, mu: 0, sigma: 1 },
    ];
    const symmetric = fitMixtureEM(data, poor);
    const best = fitMixtureBest(data, [poor, initialMixture(data, 2, mulberry32(1)), initialMixture(data, 2, mulberry32(2))]);
    // Identical components stay identical under EM: the symmetric start is stuck at a single Gaussian.
    expectRelClose(symmetric.logLikelihood, mixtureLogLikelihood(data, gaussianAsMixture(fitGaussian(data))), 1e-9);
    expect(best.logLikelihood).toBeGreaterThan(symmetric.logLikelihood + 1);
    expect(() => fitMixtureBest(data, [])).toThrow(RangeError);
  });
});
