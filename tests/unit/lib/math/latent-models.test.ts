import { describe, expect, it } from 'vitest';
import { type Normal1D, normalLogPdf } from '../../../../src/lib/math/gaussian.ts';
import {
  bestGaussian,
  decomposeEvidence,
  elbo,
  elboTerms,
  expectedLogLikelihood,
  klToPosterior,
  klToPosteriorQuadrature,
  klToPrior,
  linearGaussianPosterior,
  logEvidence,
  logEvidenceQuadrature,
  logJoint,
  logLikelihood,
  logPosterior,
  logPrior,
  MODEL_KINDS,
  MODEL_PRESETS,
  mixturePosterior,
  type LinearGaussianModel,
  type MixturePriorModel,
  type ToyModel,
} from '../../../../src/lib/math/latent-models.ts';
import { logSumExp } from '../../../../src/lib/math/mixture.ts';
import { expectationUnderNormal, uniformGrid } from '../../../../src/lib/math/quadrature.ts';
import { mulberry32, type Rng } from '../../../../src/lib/math/random.ts';
import { expectRelClose } from '../../approx.ts';

// Reference values computed with mpmath (mp.dps = 40, adaptive tanh-sinh quadrature split at the
// posterior modes), e.g. log ∫ N(z; 0, 1) N(1.5; z², 0.5²) dz for the squared model.

const LINEAR = MODEL_PRESETS['linear-gaussian'];
const SQUARED = MODEL_PRESETS.squared;
const MIXTURE = MODEL_PRESETS['mixture-prior'];
const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng();

function randomLinear(rng: Rng): LinearGaussianModel {
  return { kind: 'linear-gaussian', weight: uniform(rng, -3, 3), bias: uniform(rng, -1, 1), noise: uniform(rng, 0.2, 2) };
}
function randomMixture(rng: Rng): MixturePriorModel {
  return { kind: 'mixture-prior', centre: uniform(rng, 0.5, 3), spread: uniform(rng, 0.3, 1.5), noise: uniform(rng, 0.2, 2) };
}
function randomModel(rng: Rng, i: number): ToyModel {
  return [randomLinear, (r: Rng) => ({ kind: 'squared', noise: uniform(r, 0.2, 2) }) as ToyModel, randomMixture][i % 3]!(rng);
}
/** q with mean in the widget's range and σ log-uniform in [0.05, 3]. */
function randomQ(rng: Rng): Normal1D {
  return { mu: uniform(rng, -4, 4), sigma: 0.05 * 60 ** rng() };
}

describe('evidence', () => {
  it('logEvidence(squared, x) matches high-precision quadrature', () => {
    expectRelClose(logEvidence(SQUARED, -2), -9.6612591184225879617, 1e-13);
    expectRelClose(logEvidence(SQUARED, 0), -0.83469271133023128754, 1e-13);
    expectRelClose(logEvidence(SQUARED, 1.5), -1.7251803646291876396, 1e-13);
    expectRelClose(logEvidence(SQUARED, 3), -2.9035789317829772538, 1e-13);
  });

  it('logEvidence(linear, x) = log N(x; b, w² + σ²) and logEvidence(mixture, x) is the exact mixture', () => {
    expectRelClose(logEvidence(LINEAR, 1.5), -1.9305103088617776197, 1e-14);
    expectRelClose(logEvidence(MIXTURE, 0), -4.5723649429247000871, 1e-14);
  });

  it('logEvidenceQuadrature agrees with the exact evidence of random linear and mixture models to 1e-11', () => {
    const rng = mulberry32(21);
    for (let trial = 0; trial < 60; trial++) {
      const model = trial % 2 === 0 ? randomLinear(rng) : randomMixture(rng);
      const x = uniform(rng, -5, 5);
      expect(Math.abs(logEvidenceQuadrature(model, x) - logEvidence(model, x))).toBeLessThan(1e-11);
    }
  });
});

describe('posterior', () => {
  it('linearGaussianPosterior(model, x) is N(0.8x, 0.2) for w = 1, b = 0, σ = ½', () => {
    const post = linearGaussianPosterior(LINEAR, 1.5);
    expectRelClose(post.mu, 1.2, 1e-15);
    expectRelClose(post.sigma, Math.sqrt(0.2), 1e-15);
  });

  it('logPosterior(model, x, z) = log p(x, z) − log p(x) (Bayes) for all models, and integrates to 1', () => {
    const rng = mulberry32(22);
    for (let trial = 0; trial < 30; trial++) {
      const model = randomModel(rng, trial);
      const x = uniform(rng, -4, 4);
      const zs = Array.from({ length: 20 }, () => uniform(rng, -4, 4));
      const evidence = logEvidence(model, x);
      logPosterior(model, x, zs).forEach((value, i) => {
        expect(Math.abs(value - (logJoint(model, x, zs[i]!) - evidence))).toBeLessThan(1e-10);
      });
      // On a grid of its own (not the one the evidence was computed on): a fine trapezoid sum.
      const half = model.kind === 'mixture-prior' ? model.centre + 12 * model.spread : 12;
      const grid = uniformGrid(-half, half, 20001);
      const total = logSumExp(logPosterior(model, x, grid)) + Math.log((2 * half) / 20000);
      expect(Math.abs(total)).toBeLessThan(1e-10);
    }
  });

  it('mixturePosterior(model, x) puts almost all weight on the component nearer to x', () => {
    const [left, right] = mixturePosterior(MIXTURE, 1);
    // weights ∝ N(1; ∓2, ½): ratio e^{-8}
    expectRelClose(left!.weight / right!.weight, Math.exp(-8), 1e-12);
    expectRelClose(left!.weight + right!.weight, 1, 1e-15);
    expectRelClose(right!.mu, 1.5, 1e-15);
    expectRelClose(right!.sigma, Math.sqrt(0.125), 1e-15);
  });
});

describe('ELBO terms', () => {
  it('expectedLogLikelihood(model, x, q) (closed form) equals quadrature of log p(x | z) under q', () => {
    const rng = mulberry32(23);
    for (let trial = 0; trial < 90; trial++) {
      const model = randomModel(rng, trial);
      const x = uniform(rng, -4, 4);
      const q = randomQ(rng);
      const byQuadrature = expectationUnderNormal((z) => logLikelihood(model, x, z), q, 1e-6);
      expectRelClose(expectedLogLikelihood(model, x, q), byQuadrature, 1e-11, 1e-11);
    }
  });

  it('klToPrior(mixture, q) matches high-precision quadrature, and is the closed form for N(0, 1) priors', () => {
    expectRelClose(klToPrior(MIXTURE, { mu: 0.5, sigma: 1 }), 2.799180895077493632, 1e-11);
    // Very wide, typical and very narrow q: the quadrature step adapts to s.
    expectRelClose(klToPrior(MIXTURE, { mu: 0.3, sigma: 3 }), 5.3228951856235357819, 1e-11);
    expectRelClose(klToPrior(MIXTURE, { mu: -1, sigma: 0.35 }), 2.7887688593134540714, 1e-11);
    expectRelClose(klToPrior(MIXTURE, { mu: 4, sigma: 0.05 }), 10.500732273553990993, 1e-11);
    expectRelClose(klToPrior(MIXTURE, { mu: 0, sigma: 0.05 }), 9.7329442597481834136, 1e-11);
    // D_KL(N(0,1) ‖ N(0,1)) = 0 exactly; D_KL(N(1, 0.5²) ‖ N(0, 1)) = ½(1 + 0.25 − log 0.25 − 1)
    expect(klToPrior(LINEAR, { mu: 0, sigma: 1 })).toBe(0);
    expectRelClose(klToPrior(SQUARED, { mu: 1, sigma: 0.5 }), 0.5 * (1.25 - Math.log(0.25) - 1), 1e-14);
  });

  it('elboTerms(model, x, q): ℒ = E_q[log p(x | z)] − D_KL(q ‖ p(z)) = E_q[log p(x, z) − log q(z)]', () => {
    const rng = mulberry32(24);
    for (let trial = 0; trial < 60; trial++) {
      const model = randomModel(rng, trial);
      const x = uniform(rng, -4, 4);
      const q = randomQ(rng);
      const terms = elboTerms(model, x, q);
      expect(terms.elbo).toBe(terms.reconstruction - terms.klPrior);
      // On the finest grid, whatever the model (a tiny feature width forces 4096 panels).
      const direct = expectationUnderNormal((z) => logJoint(model, x, z) - normalLogPdf(z, q), q, 1e-6);
      expectRelClose(terms.elbo, direct, 1e-10, 1e-10);
    }
  });
});

describe('log p(x) = ℒ(q) + D_KL(q ‖ p(z | x))', () => {
  it('holds for many random q, x and model parameters, with the KL by quadrature', () => {
    const rng = mulberry32(25);
    for (let trial = 0; trial < 300; trial++) {
      const model = randomModel(rng, trial);
      const x = uniform(rng, -4, 4);
      const q = randomQ(rng);
      const d = decomposeEvidence(model, x, q);
      expect(d.gap).toBeGreaterThanOrEqual(0);
      expect(d.elbo).toBeLessThanOrEqual(d.logEvidence + 1e-12);
      expectRelClose(d.elbo + d.gap, d.logEvidence, 1e-10, 1e-9);
    }
  });

  it('the linear-Gaussian KL in closed form agrees with quadrature', () => {
    const rng = mulberry32(26);
    for (let trial = 0; trial < 100; trial++) {
      const model = randomLinear(rng);
      const x = uniform(rng, -4, 4);
      const q = randomQ(rng);
      expectRelClose(klToPosterior(model, x, q), klToPosteriorQuadrature(model, x, q), 1e-9, 1e-10);
    }
  });

  it('klToPosterior(squared, 1.5, N(1, 0.3²)) matches high-precision quadrature', () => {
    expectRelClose(klToPosterior(SQUARED, 1.5, { mu: 1, sigma: 0.3 }), 0.83818379234147578536, 1e-11);
  });

  it('the gap vanishes when q is the linear-Gaussian posterior, and ℒ = log p(x) there', () => {
    for (const x of [-4, -1, 0, 1.5, 4]) {
      const d = decomposeEvidence(LINEAR, x, linearGaussianPosterior(LINEAR, x));
      expect(d.gap).toBe(0);
      expectRelClose(d.elbo, d.logEvidence, 1e-14, 1e-14);
    }
  });

  it('with q = p(z) the regulariser is 0 and the gap is D_KL(p(z) ‖ p(z | x)) (x = 1.5: 4.79528…)', () => {
    const d = decomposeEvidence(LINEAR, 1.5, { mu: 0, sigma: 1 });
    expect(d.klPrior).toBe(0);
    expectRelClose(d.gap, 4.7952810437829498127, 1e-14);
  });

  it('is finite, with a non-negative gap, at every corner of the widget ranges', () => {
    for (const kind of MODEL_KINDS) {
      for (const x of [-4, 4]) {
        for (const mu of [-4, 4]) {
          for (const sigma of [0.05, 3]) {
            const d = decomposeEvidence(MODEL_PRESETS[kind], x, { mu, sigma });
            for (const v of Object.values(d)) expect(Number.isFinite(v)).toBe(true);
            expect(d.gap).toBeGreaterThanOrEqual(0);
            expectRelClose(d.elbo + d.gap, d.logEvidence, 1e-10, 1e-9);
          }
        }
      }
    }
  });
});

describe('bestGaussian', () => {
  it('bestGaussian(linear, x) finds the exact posterior and closes the gap', () => {
    for (const x of [-4, 0, 1.5, 4]) {
      const { q, elbo: best } = bestGaussian(LINEAR, x, { mu: -3, sigma: 2.5 });
      const post = linearGaussianPosterior(LINEAR, x);
      expect(q.mu).toBeCloseTo(post.mu, 6);
      expect(q.sigma).toBeCloseTo(post.sigma, 6);
      expect(decomposeEvidence(LINEAR, x, q).gap).toBeLessThan(1e-10);
      expectRelClose(best, logEvidence(LINEAR, x), 1e-10);
    }
  });

  it('bestGaussian(squared, x) leaves a positive gap: about 0.737 nats at x = 1.5, where the posterior has two modes', () => {
    const { q } = bestGaussian(SQUARED, 1.5, { mu: 0, sigma: 1 });
    const gap = decomposeEvidence(SQUARED, 1.5, q).gap;
    expect(gap).toBeGreaterThan(0.7);
    expect(gap).toBeLessThan(Math.LN2 + 0.05);
    for (const x of [-2, 0, 3]) expect(decomposeEvidence(SQUARED, x, bestGaussian(SQUARED, x).q).gap).toBeGreaterThan(1e-4);
  });

  it('bestGaussian(mixture, 0) leaves a gap close to log 2: q can cover only one of two equal modes', () => {
    const gap = decomposeEvidence(MIXTURE, 0, bestGaussian(MIXTURE, 0).q).gap;
    expect(gap).toBeGreaterThan(0.6);
    expect(gap).toBeLessThan(Math.LN2);
  });

  it('bestGaussian(model, x) has a higher ELBO than every perturbation of it', () => {
    for (const kind of MODEL_KINDS) {
      for (const x of [-1, 0.5, 2]) {
        const { q, elbo: best } = bestGaussian(MODEL_PRESETS[kind], x);
        expectRelClose(best, elbo(MODEL_PRESETS[kind], x, q), 1e-14, 1e-14);
        for (const [dm, ds] of [
          [1e-3, 0],
          [-1e-3, 0],
          [0, 1e-3],
          [0, -1e-3],
          [0.05, 0.05],
          [-0.05, -0.02],
          [0.2, -0.02],
        ] as const) {
          const perturbed = { mu: q.mu + dm, sigma: q.sigma + ds };
          expect(elbo(MODEL_PRESETS[kind], x, perturbed)).toBeLessThan(best);
        }
      }
    }
  });

  it('bestGaussian(squared, x, from) picks the mirror-image optimum on the side of `from`', () => {
    expect(bestGaussian(SQUARED, 1.5, { mu: 1, sigma: 1 }).q.mu).toBeGreaterThan(1);
    expect(bestGaussian(SQUARED, 1.5, { mu: -1, sigma: 1 }).q.mu).toBeLessThan(-1);
  });
});

describe('model checks', () => {
  it('invalid parameters are rejected instead of producing NaN', () => {
    expect(() => logEvidence({ kind: 'squared', noise: 0 }, 1)).toThrow(RangeError);
    expect(() => logEvidence({ kind: 'mixture-prior', centre: 1, spread: -1, noise: 1 }, 1)).toThrow(RangeError);
    expect(() => logEvidence({ kind: 'linear-gaussian', weight: Number.NaN, bias: 0, noise: 1 }, 1)).toThrow(RangeError);
    expect(() => elbo(LINEAR, 1, { mu: 0, sigma: 0 })).toThrow(RangeError);
  });

  it('logPrior(mixture, z) is the log of the two-component mixture density', () => {
    const z = 0.7;
    const expected = Math.log(0.5 * Math.exp(normalLogPdf(z, { mu: -2, sigma: 0.5 })) + 0.5 * Math.exp(normalLogPdf(z, { mu: 2, sigma: 0.5 })));
    expectRelClose(logPrior(MIXTURE, z), expected, 1e-14);
  });
});
