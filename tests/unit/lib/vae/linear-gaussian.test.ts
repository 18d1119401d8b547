/**
 * The library's bounds on a model whose evidence and posterior are known exactly:
 * p(z) = N(0, I₂), p(x|z) = N(Wz + b, σ² I₃) (see linear-gaussian.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import type { Rng } from '../../../../src/lib/math/random.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { iwaeBound, logImportanceWeights } from '../../../../src/lib/vae/losses.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import type { DiagonalGaussian, Likelihood } from '../../../../src/lib/vae/types.ts';
import { expectRelClose, meanAndVariance } from '../../approx.ts';
import { analyticElbo, exactPosterior, klDiagonalToFull, logEvidence, logNormalFull, transpose } from '../../linear-gaussian.ts';
import type { DiagonalGaussianNumbers, LinearGaussianModel } from '../../linear-gaussian.ts';

beforeAll(async () => {
  await useNodeBackend();
});

/** Non-orthogonal columns: the exact posterior has correlated coordinates, so a diagonal q cannot match it. */
const CORRELATED: LinearGaussianModel = {
  w: [
    [1.0, 0.5],
    [-0.3, 0.8],
    [0.6, -0.4],
  ],
  b: [0.2, -0.1, 0.3],
  sigma: 0.7,
};

/** Orthogonal columns (1, 1, ½) and (1, −1, 0): WᵀW is diagonal, and so is the exact posterior. */
const ORTHOGONAL: LinearGaussianModel = {
  w: [
    [1, 1],
    [1, -1],
    [0.5, 0],
  ],
  b: [0.1, 0.2, -0.3],
  sigma: 0.5,
};

const X = [1.0, -0.5, 0.8];

const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng();

function likelihoodOf(model: LinearGaussianModel): Likelihood {
  return { kind: 'gaussian', sigma: model.sigma };
}

/** The model's decoder as tensors: z [n, J] ↦ zWᵀ + b [n, D]. */
function decoderOf(model: LinearGaussianModel): (z: tf.Tensor2D) => tf.Tensor2D {
  return (z) => tf.add(tf.matMul(z, tf.tensor2d(transpose(model.w))), tf.tensor1d(model.b));
}

/** Stacks plain-number diagonal Gaussians into a batch of tensors. */
function toTensors(qs: readonly DiagonalGaussianNumbers[]): DiagonalGaussian {
  return { mean: tf.tensor2d(qs.map((q) => q.mean)), logVar: tf.tensor2d(qs.map((q) => q.logVar)) };
}

function repeatedX(x: readonly number[], n: number): tf.Tensor2D {
  return tf.tensor2d(Array.from({ length: n }, () => [...x]));
}

/** The column b of a [K, batch] tensor's data. */
function column(flat: ArrayLike<number>, batch: number, b: number): number[] {
  return Array.from(flat).filter((_, i) => i % batch === b);
}

/** A mean-field q near the posterior: its mean shifted by `shift`, its variances the posterior's diagonal scaled by `scale`. */
function nearPosterior(model: LinearGaussianModel, x: readonly number[], shift: number, scale: number): DiagonalGaussianNumbers {
  const post = exactPosterior(model, x);
  return {
    mean: post.mean.map((m, j) => m + (j === 0 ? shift : -shift)),
    logVar: post.cov.map((r, j) => Math.log(scale * (r[j] ?? Number.NaN))),
  };
}

describe('the linear-Gaussian reference (plain numbers)', () => {
  it('logEvidence(x) satisfies Bayes’ rule log p(x) = log p(x|z) + log p(z) − log p(z|x) at any z', () => {
    const rng = mulberry32(1);
    const logPx = logEvidence(CORRELATED, X);
    const post = exactPosterior(CORRELATED, X);
    for (let trial = 0; trial < 5; trial++) {
      const z = [uniform(rng, -2, 2), uniform(rng, -2, 2)];
      const predicted = CORRELATED.w.map((r, i) => (r[0] ?? 0) * (z[0] ?? 0) + (r[1] ?? 0) * (z[1] ?? 0) + (CORRELATED.b[i] ?? 0));
      const s2 = CORRELATED.sigma ** 2;
      const logLik = logNormalFull(X, {
        mean: predicted,
        cov: [
          [s2, 0, 0],
          [0, s2, 0],
          [0, 0, s2],
        ],
      });
      const logPrior = logNormalFull(z, {
        mean: [0, 0],
        cov: [
          [1, 0],
          [0, 1],
        ],
      });
      expectRelClose(logLik + logPrior - logNormalFull(z, post), logPx, 1e-12, 1e-12);
    }
  });

  it('analyticElbo(q) + klDiagonalToFull(q, p(z|x)) = logEvidence(x) for random diagonal q', () => {
    const rng = mulberry32(2);
    const logPx = logEvidence(CORRELATED, X);
    const post = exactPosterior(CORRELATED, X);
    for (let trial = 0; trial < 5; trial++) {
      const q = { mean: [uniform(rng, -1, 1), uniform(rng, -1, 1)], logVar: [uniform(rng, -3, 0), uniform(rng, -3, 0)] };
      const kl = klDiagonalToFull(q, post);
      expect(kl).toBeGreaterThan(0);
      expectRelClose(analyticElbo(CORRELATED, X, q) + kl, logPx, 1e-12, 1e-12);
    }
  });
});

describe('bounds from the library on the linear-Gaussian model', () => {
  it('ELBO(q) + KL(q ‖ p(z|x)) = log p(x) for random diagonal q (Monte Carlo ELBO from the library)', () => {
    const rng = mulberry32(3);
    const qs = Array.from({ length: 3 }, () => ({
      mean: [uniform(rng, -1, 1), uniform(rng, -1, 1)],
      logVar: [uniform(rng, -3, 0), uniform(rng, -3, 0)],
    }));
    const logPx = logEvidence(CORRELATED, X);
    const post = exactPosterior(CORRELATED, X);
    const n = 20000;
    // k single-sample ELBO estimates log p(x|z) + log p(z) − log q(z|x) per q: [n, 3].
    const weights = tf.tidy(() =>
      logImportanceWeights({
        x: repeatedX(X, qs.length),
        posterior: toTensors(qs),
        decode: decoderOf(CORRELATED),
        likelihood: likelihoodOf(CORRELATED),
        k: n,
        seed: 17,
      }).dataSync(),
    );
    qs.forEach((q, b) => {
      const { mean, variance } = meanAndVariance(column(weights, qs.length, b));
      const standardError = Math.sqrt(variance / n);
      const kl = klDiagonalToFull(q, post);
      expect(kl).toBeGreaterThan(0.05); // q is really not the posterior
      expect(Math.abs(mean + kl - logPx)).toBeLessThan(4 * standardError + 1e-4);
      expect(Math.abs(mean - analyticElbo(CORRELATED, X, q))).toBeLessThan(4 * standardError + 1e-4);
    });
  });

  it('the ELBO equals log p(x) when q is the exact posterior, even from a single sample', () => {
    const rng = mulberry32(4);
    const xs = Array.from({ length: 6 }, () => [uniform(rng, -2, 2), uniform(rng, -2, 2), uniform(rng, -2, 2)]);
    const posteriors = xs.map((x) => {
      const post = exactPosterior(ORTHOGONAL, x);
      expect(Math.abs(post.cov[0]?.[1] ?? Number.NaN)).toBeLessThan(1e-15); // diagonal: q can be exact
      return { mean: post.mean, logVar: post.cov.map((r, j) => Math.log(r[j] ?? Number.NaN)) };
    });
    posteriors.forEach((q, i) => expect(klDiagonalToFull(q, exactPosterior(ORTHOGONAL, xs[i] ?? []))).toBeLessThan(1e-12));
    for (const seed of [0, 1, 2]) {
      // Every importance weight p(x, z)/q(z|x) equals p(x) when q = p(z|x).
      const single = tf.tidy(() =>
        Array.from(
          iwaeBound({
            x: tf.tensor2d(xs),
            posterior: toTensors(posteriors),
            decode: decoderOf(ORTHOGONAL),
            likelihood: likelihoodOf(ORTHOGONAL),
            k: 1,
            seed,
          }).dataSync(),
        ),
      );
      xs.forEach((x, i) => expectRelClose(single[i] ?? Number.NaN, logEvidence(ORTHOGONAL, x), 2e-6, 2e-5));
    }
  });

  it('the IWAE bound increases with K and approaches log p(x)', () => {
    const q = nearPosterior(CORRELATED, X, 0.4, 2);
    const logPx = logEvidence(CORRELATED, X);
    const elbo = analyticElbo(CORRELATED, X, q);
    expect(logPx - elbo).toBeGreaterThan(0.1); // a visibly loose ELBO
    const repeats = 200; // independent estimates per K, as a batch of copies of x
    const estimates = [1, 5, 50, 500].map((k, i) => {
      const values = tf.tidy(() =>
        Array.from(
          iwaeBound({
            x: repeatedX(X, repeats),
            posterior: toTensors(Array.from({ length: repeats }, () => q)),
            decode: decoderOf(CORRELATED),
            likelihood: likelihoodOf(CORRELATED),
            k,
            seed: 100 + i,
          }).dataSync(),
        ),
      );
      const { mean, variance } = meanAndVariance(values);
      return { k, mean, standardError: Math.sqrt(variance / repeats) };
    });
    for (const e of estimates) expect(e.mean).toBeLessThanOrEqual(logPx + 4 * e.standardError + 1e-4);
    for (let i = 1; i < estimates.length; i++) {
      const [prev, next] = [estimates[i - 1], estimates[i]] as [(typeof estimates)[number], (typeof estimates)[number]];
      expect(next.mean).toBeGreaterThanOrEqual(prev.mean - 4 * Math.hypot(prev.standardError, next.standardError));
    }
    const first = estimates[0];
    const last = estimates[estimates.length - 1];
    expect(Math.abs((first?.mean ?? Number.NaN) - elbo)).toBeLessThan(4 * (first?.standardError ?? 0) + 1e-4);
    expect(Math.abs((last?.mean ?? Number.NaN) - logPx)).toBeLessThan(0.005 + 4 * (last?.standardError ?? Number.NaN));
  });
});
