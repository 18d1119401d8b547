import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import type { Rng } from '../../../../src/lib/math/random.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import {
  bernoulliLogProb,
  gaussianLogProb,
  klDiagonalToStdNormalPerRow,
  klPerDimension,
  logProbDiagonalGaussian,
  logProbStandardNormal,
  sampleDiagonalGaussian,
} from '../../../../src/lib/vae/distributions.ts';
import {
  activeUnits,
  activeUnitsByVariance,
  elboTerms,
  iwaeBound,
  logImportanceWeights,
  logMeanExpPerColumn,
  reconstructionLogLikelihood,
} from '../../../../src/lib/vae/losses.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import type { DiagonalGaussian, Likelihood, LossTerms } from '../../../../src/lib/vae/types.ts';
import { expectRelClose } from '../../approx.ts';

beforeAll(async () => {
  await useNodeBackend();
});

const BATCH = 4;
const LATENT = 3;
const PIXELS = 5;

const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng();

function matrix(rng: Rng, rows: number, cols: number, a: number, b: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => uniform(rng, a, b)));
}

/** A fixed toy problem: grey-level x, a posterior, and a linear "decoder" z ↦ zV + c. */
function toyProblem(seed: number): {
  x: tf.Tensor2D;
  posterior: DiagonalGaussian;
  decode: (z: tf.Tensor2D) => tf.Tensor2D;
  dispose: () => void;
} {
  const rng = mulberry32(seed);
  const x = tf.tensor2d(matrix(rng, BATCH, PIXELS, 0, 1));
  const posterior = { mean: tf.tensor2d(matrix(rng, BATCH, LATENT, -1, 1)), logVar: tf.tensor2d(matrix(rng, BATCH, LATENT, -2, 0)) };
  const v = tf.tensor2d(matrix(rng, LATENT, PIXELS, -1, 1));
  const c = tf.tensor1d(matrix(rng, 1, PIXELS, -0.5, 0.5)[0] ?? []);
  const decode = (z: tf.Tensor2D): tf.Tensor2D => tf.add(tf.matMul(z, v), c);
  const dispose = (): void => tf.dispose([x, posterior.mean, posterior.logVar, v, c]);
  return { x, posterior, decode, dispose };
}

function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

function scalar(t: tf.Tensor): number {
  return values(t)[0] ?? Number.NaN;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, v) => s + v, 0) / xs.length;
}

function leavesOnly<T extends tf.TensorContainer>(returned: number, fn: () => T): void {
  tf.dispose(fn());
  const before = tf.memory().numTensors;
  const out = fn();
  expect(tf.memory().numTensors - before).toBe(returned);
  tf.dispose(out);
  expect(tf.memory().numTensors).toBe(before);
}

function termsAsNumbers(t: LossTerms): { reconstruction: number; kl: number; total: number } {
  return { reconstruction: scalar(t.reconstruction), kl: scalar(t.kl), total: scalar(t.total) };
}

const LIKELIHOODS: readonly Likelihood[] = [{ kind: 'bernoulli' }, { kind: 'gaussian', sigma: 0.3 }, { kind: 'gaussian-learned' }];

describe('reconstructionLogLikelihood', () => {
  it('reconstructionLogLikelihood(x, out, likelihood) switches between Bernoulli logits and a Gaussian mean', () => {
    const p = toyProblem(1);
    tf.tidy(() => {
      const out = p.decode(p.posterior.mean);
      const learned = tf.scalar(-1.3);
      const bern = values(reconstructionLogLikelihood(p.x, out, { kind: 'bernoulli' }));
      const gauss = values(reconstructionLogLikelihood(p.x, out, { kind: 'gaussian', sigma: 0.3 }));
      const gaussLearned = values(reconstructionLogLikelihood(p.x, out, { kind: 'gaussian-learned' }, learned));
      expect(bern).toEqual(values(bernoulliLogProb(p.x, out)));
      expect(gauss).toEqual(values(gaussianLogProb(p.x, out, 2 * Math.log(0.3))));
      expect(gaussLearned).toEqual(values(gaussianLogProb(p.x, out, learned)));
      expect(bern).not.toEqual(gauss);
      expect(gauss).not.toEqual(gaussLearned);
    });
    p.dispose();
  });

  it('reconstructionLogLikelihood throws for gaussian-learned without learnedLogVar and for an invalid sigma', () => {
    const p = toyProblem(2);
    tf.tidy(() => {
      const out = p.decode(p.posterior.mean);
      expect(() => reconstructionLogLikelihood(p.x, out, { kind: 'gaussian-learned' })).toThrow(/learnedLogVar/);
      expect(() => reconstructionLogLikelihood(p.x, out, { kind: 'gaussian', sigma: 0 })).toThrow(RangeError);
      expect(() => reconstructionLogLikelihood(p.x, out, { kind: 'gaussian', sigma: Number.NaN })).toThrow(RangeError);
    });
    p.dispose();
  });
});

describe('elboTerms', () => {
  it('elboTerms gives total = reconstruction + β·kl for several β, with kl and reconstruction independent of β', () => {
    const p = toyProblem(3);
    tf.tidy(() => {
      const decoderOutput = p.decode(sampleDiagonalGaussian(p.posterior, 1));
      const base = termsAsNumbers(elboTerms({ x: p.x, posterior: p.posterior, decoderOutput, likelihood: { kind: 'bernoulli' } }));
      expect(base.kl).toBeGreaterThan(0.1);
      expectRelClose(base.total, base.reconstruction + base.kl, 1e-6, 1e-5); // β defaults to 1
      for (const beta of [0, 0.25, 1, 4]) {
        const t = termsAsNumbers(elboTerms({ x: p.x, posterior: p.posterior, decoderOutput, likelihood: { kind: 'bernoulli' }, beta }));
        expect(t.reconstruction).toBe(base.reconstruction);
        expect(t.kl).toBe(base.kl);
        expectRelClose(t.total, t.reconstruction + beta * t.kl, 1e-6, 1e-5);
      }
      expect(() => elboTerms({ x: p.x, posterior: p.posterior, decoderOutput, likelihood: { kind: 'bernoulli' }, beta: -1 })).toThrow(RangeError);
    });
    p.dispose();
  });

  it('elboTerms reports nats per example: batch means of −log p(x|z) and of the closed-form KL, not sums', () => {
    const p = toyProblem(4);
    tf.tidy(() => {
      const decoderOutput = p.decode(sampleDiagonalGaussian(p.posterior, 2));
      for (const likelihood of LIKELIHOODS) {
        const learnedLogVar = tf.scalar(-0.5);
        const t = termsAsNumbers(elboTerms({ x: p.x, posterior: p.posterior, decoderOutput, likelihood, learnedLogVar }));
        const perExampleLogLik = values(reconstructionLogLikelihood(p.x, decoderOutput, likelihood, learnedLogVar));
        const perExampleKl = values(klDiagonalToStdNormalPerRow(p.posterior));
        expectRelClose(t.reconstruction, -mean(perExampleLogLik), 1e-6, 1e-5);
        expectRelClose(t.kl, mean(perExampleKl), 1e-6, 1e-6);
        // Doubling the batch (each example twice) leaves per-example values unchanged.
        const twice = termsAsNumbers(
          elboTerms({
            x: tf.concat([p.x, p.x]),
            posterior: { mean: tf.concat([p.posterior.mean, p.posterior.mean]), logVar: tf.concat([p.posterior.logVar, p.posterior.logVar]) },
            decoderOutput: tf.concat([decoderOutput, decoderOutput]),
            likelihood,
            learnedLogVar,
          }),
        );
        expectRelClose(twice.reconstruction, t.reconstruction, 1e-6, 1e-5);
        expectRelClose(twice.kl, t.kl, 1e-6, 1e-6);
      }
    });
    p.dispose();
  });

  it('elboTerms switches the likelihood, and gaussian-learned without learnedLogVar throws', () => {
    const p = toyProblem(5);
    tf.tidy(() => {
      const decoderOutput = p.decode(sampleDiagonalGaussian(p.posterior, 3));
      const args = { x: p.x, posterior: p.posterior, decoderOutput };
      const bern = termsAsNumbers(elboTerms({ ...args, likelihood: { kind: 'bernoulli' } }));
      const gauss = termsAsNumbers(elboTerms({ ...args, likelihood: { kind: 'gaussian', sigma: 0.3 } }));
      // Gaussian, σ fixed: reconstruction = mean squared-error sum / (2σ²) + D(log σ + ½ log 2π).
      const sq = values(tf.sum(tf.squaredDifference(p.x, decoderOutput), 1));
      expectRelClose(gauss.reconstruction, mean(sq) / (2 * 0.09) + PIXELS * (Math.log(0.3) + 0.5 * Math.log(2 * Math.PI)), 1e-5, 1e-5);
      expect(bern.reconstruction).not.toBeCloseTo(gauss.reconstruction, 2);
      expect(bern.kl).toBe(gauss.kl);
      expect(() => elboTerms({ ...args, likelihood: { kind: 'gaussian-learned' } })).toThrow(/learnedLogVar/);
      // With learnedLogVar = 2 log σ the learned variant equals the fixed one.
      const learned = termsAsNumbers(elboTerms({ ...args, likelihood: { kind: 'gaussian-learned' }, learnedLogVar: tf.scalar(2 * Math.log(0.3)) }));
      expectRelClose(learned.reconstruction, gauss.reconstruction, 1e-5, 1e-5);
    });
    p.dispose();
  });

  it('elboTerms is differentiable in the posterior, the decoder output and the learned log-variance', () => {
    const p = toyProblem(6);
    tf.tidy(() => {
      const out = p.decode(p.posterior.mean);
      const grads = tf.grads(
        (m: tf.Tensor, o: tf.Tensor, lv: tf.Tensor) =>
          elboTerms({
            x: p.x,
            posterior: { mean: m as tf.Tensor2D, logVar: p.posterior.logVar },
            decoderOutput: o as tf.Tensor2D,
            likelihood: { kind: 'gaussian-learned' },
            learnedLogVar: lv,
          }).total,
      )([p.posterior.mean, out, tf.scalar(0)]);
      // ∂kl/∂μ = μ / batch (mean over the batch of ½Σμ²).
      const gMean = values(grads[0] as tf.Tensor);
      values(p.posterior.mean).forEach((m, i) => expectRelClose(gMean[i] ?? Number.NaN, m / BATCH, 1e-5, 1e-7));
      for (const g of grads) expect(values(g).every(Number.isFinite)).toBe(true);
    });
    p.dispose();
  });

  it('elboTerms leaves only its three scalars', () => {
    const p = toyProblem(7);
    const out = p.decode(p.posterior.mean);
    const learnedLogVar = tf.scalar(0.1);
    for (const likelihood of LIKELIHOODS) {
      leavesOnly(3, () => {
        const { reconstruction, kl, total } = elboTerms({ x: p.x, posterior: p.posterior, decoderOutput: out, likelihood, beta: 2, learnedLogVar });
        return [reconstruction, kl, total];
      });
    }
    tf.dispose([out, learnedLogVar]);
    p.dispose();
  });
});

describe('logMeanExpPerColumn', () => {
  it('logMeanExpPerColumn(v) equals log((1/K) Σ_k e^{v_k}) per column', () => {
    const v = [
      [0.5, -3, 2],
      [1.5, -2, 2],
      [-0.7, -4, 2],
    ];
    const got = tf.tidy(() => values(logMeanExpPerColumn(tf.tensor2d(v))));
    for (let b = 0; b < 3; b++) {
      const expected = Math.log(mean(v.map((r) => Math.exp(r[b] ?? Number.NaN))));
      expectRelClose(got[b] ?? Number.NaN, expected, 1e-6, 1e-6);
    }
  });

  it('logMeanExpPerColumn is stable for log-weights of ±1000 and gives −∞ for a column of −∞', () => {
    const got = tf.tidy(() =>
      values(
        logMeanExpPerColumn(
          tf.tensor2d([
            [-1000, 1000, Number.NEGATIVE_INFINITY, 0],
            [-1001, 999, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
          ]),
        ),
      ),
    );
    const lme = (a: number, b: number): number => Math.max(a, b) + Math.log((1 + Math.exp(-Math.abs(a - b))) / 2);
    expectRelClose(got[0] ?? Number.NaN, lme(-1000, -1001), 1e-6);
    expectRelClose(got[1] ?? Number.NaN, lme(1000, 999), 1e-6);
    expect(got[2]).toBe(Number.NEGATIVE_INFINITY);
    expectRelClose(got[3] ?? Number.NaN, -Math.log(2), 1e-6);
  });

  it('logMeanExpPerColumn has the normalised importance weights (a softmax over k) as its gradient', () => {
    const v = [[1], [2], [4]];
    const g = tf.tidy(() => values(tf.grad((t: tf.Tensor) => tf.sum(logMeanExpPerColumn(t as tf.Tensor2D)))(tf.tensor2d(v))));
    const w = v.map((r) => Math.exp(r[0] ?? Number.NaN));
    const z = w.reduce((s, x) => s + x, 0);
    w.forEach((wi, k) => expectRelClose(g[k] ?? Number.NaN, wi / z, 1e-5, 1e-7));
  });

  it('logMeanExpPerColumn leaves only its result', () => {
    const v = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    leavesOnly(1, () => logMeanExpPerColumn(v));
    v.dispose();
  });
});

describe('iwaeBound', () => {
  it('iwaeBound with k = 1 is the single-sample ELBO estimate log p(x|z) + log p(z) − log q(z|x) at z = sampleDiagonalGaussian(q, seed)', () => {
    const p = toyProblem(8);
    tf.tidy(() => {
      for (const likelihood of LIKELIHOODS) {
        const learnedLogVar = tf.scalar(-1);
        const bound = values(iwaeBound({ x: p.x, posterior: p.posterior, decode: p.decode, likelihood, k: 1, seed: 42, learnedLogVar }));
        const z = sampleDiagonalGaussian(p.posterior, 42);
        const single = values(
          tf.sub(
            tf.add(reconstructionLogLikelihood(p.x, p.decode(z), likelihood, learnedLogVar), logProbStandardNormal(z)),
            logProbDiagonalGaussian(z, p.posterior),
          ),
        );
        single.forEach((s, b) => expectRelClose(bound[b] ?? Number.NaN, s, 1e-6, 1e-5));
      }
    });
    p.dispose();
  });

  it('iwaeBound(args) equals logMeanExpPerColumn(logImportanceWeights(args)), which is [K, batch] and the same for any chunk size when K fits one chunk', () => {
    const p = toyProblem(9);
    tf.tidy(() => {
      const args = { x: p.x, posterior: p.posterior, decode: p.decode, likelihood: { kind: 'bernoulli' } as const, k: 7, seed: 5 };
      const w = logImportanceWeights(args);
      expect(w.shape).toEqual([7, BATCH]);
      expect(values(iwaeBound(args))).toEqual(values(logMeanExpPerColumn(w)));
      expect(values(logImportanceWeights({ ...args, maxRowsPerChunk: 7 * BATCH }))).toEqual(values(w));
      // Chunked draws (one sample per chunk) use other seeds but the same first sample.
      const chunked = values(logImportanceWeights({ ...args, maxRowsPerChunk: 1 }));
      expect(chunked.slice(0, BATCH)).toEqual(values(w).slice(0, BATCH));
      expect(chunked.slice(BATCH)).not.toEqual(values(w).slice(BATCH));
    });
    p.dispose();
  });

  it('iwaeBound with K = 5000 at batch 100 decodes in bounded chunks', () => {
    const rng = mulberry32(10);
    const batch = 100;
    const rowsSeen: number[] = [];
    tf.tidy(() => {
      const x = tf.tensor2d(matrix(rng, batch, PIXELS, 0, 1));
      const posterior = { mean: tf.tensor2d(matrix(rng, batch, LATENT, -1, 1)), logVar: tf.tensor2d(matrix(rng, batch, LATENT, -1, 0)) };
      const v = tf.tensor2d(matrix(rng, LATENT, PIXELS, -1, 1));
      const decode = (z: tf.Tensor2D): tf.Tensor2D => {
        rowsSeen.push(z.shape[0]);
        return tf.matMul(z, v);
      };
      const before = tf.memory().numTensors;
      const bound = iwaeBound({ x, posterior, decode, likelihood: { kind: 'bernoulli' }, k: 5000, seed: 3 });
      expect(tf.memory().numTensors - before).toBe(1);
      expect(bound.shape).toEqual([batch]);
      expect(values(bound).every(Number.isFinite)).toBe(true);
    });
    expect(rowsSeen.reduce((s, r) => s + r, 0)).toBe(5000 * batch);
    expect(Math.max(...rowsSeen)).toBeLessThanOrEqual(2048);
  });

  it('iwaeBound is differentiable in the posterior (for IWAE training)', () => {
    const p = toyProblem(11);
    tf.tidy(() => {
      const f = (m: tf.Tensor, l: tf.Tensor): tf.Scalar =>
        tf.mean(
          iwaeBound({
            x: p.x,
            posterior: { mean: m as tf.Tensor2D, logVar: l as tf.Tensor2D },
            decode: p.decode,
            likelihood: { kind: 'bernoulli' },
            k: 5,
            seed: 1,
            maxRowsPerChunk: 2 * BATCH,
          }),
        );
      const [gm, gl] = tf.grads(f)([p.posterior.mean, p.posterior.logVar]) as [tf.Tensor, tf.Tensor];
      expect(gm.shape).toEqual([BATCH, LATENT]);
      expect(values(gm).every(Number.isFinite) && values(gl).every(Number.isFinite)).toBe(true);
      expect(values(gm).some((g) => g !== 0)).toBe(true);
    });
    p.dispose();
  });

  it('iwaeBound validates k and the likelihood inputs, and leaves only its result', () => {
    const p = toyProblem(12);
    const base = { x: p.x, posterior: p.posterior, decode: p.decode, seed: 1 };
    expect(() => iwaeBound({ ...base, likelihood: { kind: 'bernoulli' }, k: 0 })).toThrow(RangeError);
    expect(() => iwaeBound({ ...base, likelihood: { kind: 'bernoulli' }, k: 2.5 })).toThrow(RangeError);
    expect(() => iwaeBound({ ...base, likelihood: { kind: 'gaussian-learned' }, k: 3 })).toThrow(/learnedLogVar/);
    leavesOnly(1, () => iwaeBound({ ...base, likelihood: { kind: 'bernoulli' }, k: 9, maxRowsPerChunk: 2 * BATCH }));
    leavesOnly(1, () => logImportanceWeights({ ...base, likelihood: { kind: 'gaussian', sigma: 0.5 }, k: 3 }));
    p.dispose();
  });
});

describe('active units', () => {
  it('activeUnits(klPerDim) counts the dimensions whose mean KL exceeds the threshold', () => {
    // Column means: 0.5, 0.005, 0.02, 0 → two active at 0.01, one at 0.1, none at 1.
    const kl = tf.tensor2d([
      [0.9, 0.01, 0.03, 0],
      [0.1, 0, 0.01, 0],
    ]);
    expect(activeUnits(kl)).toBe(2);
    expect(activeUnits(kl, 0.1)).toBe(1);
    expect(activeUnits(kl, 1)).toBe(0);
    leavesOnly(0, () => activeUnits(kl));
    kl.dispose();
  });

  it('activeUnits(klPerDimension(q)) finds the units whose posterior differs from the prior', () => {
    const rng = mulberry32(13);
    const n = 50;
    // Units 0 and 2 carry information; unit 1 has q = N(0, 1) exactly; unit 3 is nearly collapsed.
    const mean = Array.from({ length: n }, () => [uniform(rng, -2, 2), 0, uniform(rng, -1, 1), uniform(rng, -0.01, 0.01)]);
    const logVar = Array.from({ length: n }, () => [-3, 0, -1, uniform(rng, -0.01, 0.01)]);
    tf.tidy(() => {
      const q = { mean: tf.tensor2d(mean), logVar: tf.tensor2d(logVar) };
      expect(activeUnits(klPerDimension(q))).toBe(2);
      expect(activeUnitsByVariance(q.mean)).toBe(2);
    });
  });

  it('activeUnitsByVariance(means) counts the dimensions whose posterior mean varies across the data (Burda et al.)', () => {
    // Column variances (population): 1, 0, 0.0025·(…) small, 0.25.
    const means = tf.tensor2d([
      [1, 5, 0.05, 0.5],
      [-1, 5, -0.05, -0.5],
      [1, 5, 0.05, 0.5],
      [-1, 5, -0.05, -0.5],
    ]);
    expect(activeUnitsByVariance(means)).toBe(2);
    expect(activeUnitsByVariance(means, 0.001)).toBe(3);
    expect(activeUnitsByVariance(means, 0.5)).toBe(1);
    leavesOnly(0, () => activeUnitsByVariance(means));
    means.dispose();
  });
});
