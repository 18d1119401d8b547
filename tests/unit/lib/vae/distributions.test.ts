import { beforeAll, describe, expect, it } from 'vitest';
import { normalLogPdf } from '../../../../src/lib/math/gaussian.ts';
import { klDiagonalToStdNormalPerDim, klNormal } from '../../../../src/lib/math/kl.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import type { Rng } from '../../../../src/lib/math/random.ts';
import { loadNodeBackend, useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import {
  bernoulliLogProb,
  gaussianLogProb,
  klDiagonalGaussians,
  klDiagonalToStdNormalPerRow,
  klPerDimension,
  logProbDiagonalGaussian,
  logProbStandardNormal,
  repeatRows,
  sampleDiagonalGaussian,
} from '../../../../src/lib/vae/distributions.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import type { DiagonalGaussian } from '../../../../src/lib/vae/types.ts';
import { expectRelClose, meanAndVariance } from '../../approx.ts';

beforeAll(async () => {
  await useNodeBackend();
});

const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng();

/** Plain-number parameters of a batch of diagonal Gaussians, [batch][J]. */
interface Params {
  readonly mean: number[][];
  readonly logVar: number[][];
}

function randomParams(rng: Rng, batch: number, dims: number, meanRange = 2, logVarRange: [number, number] = [-2, 1]): Params {
  const draw = (a: number, b: number): number[][] => Array.from({ length: batch }, () => Array.from({ length: dims }, () => uniform(rng, a, b)));
  return { mean: draw(-meanRange, meanRange), logVar: draw(logVarRange[0], logVarRange[1]) };
}

function toTensors(p: Params): DiagonalGaussian {
  return { mean: tf.tensor2d(p.mean), logVar: tf.tensor2d(p.logVar) };
}

/** p's parameters tiled n times along the batch axis (row s·batch + b is example b). */
function tiled(q: DiagonalGaussian, n: number): DiagonalGaussian {
  return { mean: repeatRows(q.mean, n), logVar: repeatRows(q.logVar, n) };
}

function row(xs: number[][], i: number): number[] {
  const r = xs[i];
  if (r === undefined) throw new RangeError(`row ${i}`);
  return r;
}

function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

/** Column b of an [n·batch] vector laid out as row s·batch + b. */
function column(flat: number[], batch: number, b: number): number[] {
  return flat.filter((_, i) => i % batch === b);
}

/** Runs fn and asserts that exactly `returned` tensors were left behind (its results). */
function leavesOnly<T extends tf.TensorContainer>(returned: number, fn: () => T): void {
  tf.dispose(fn()); // burn-in: first-call caches must not count as leaks
  const before = tf.memory().numTensors;
  const out = fn();
  expect(tf.memory().numTensors - before).toBe(returned);
  tf.dispose(out);
  expect(tf.memory().numTensors).toBe(before);
}

describe('sampleDiagonalGaussian', () => {
  it('sampleDiagonalGaussian(q, seed) is reproducible per seed, seed 0 included, and differs across seeds', () => {
    const q = toTensors(randomParams(mulberry32(1), 4, 3));
    const draw = (seed: number): number[] => tf.tidy(() => values(sampleDiagonalGaussian(q, seed)));
    expect(draw(0)).toEqual(draw(0));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(0)).not.toEqual(draw(1));
    const z = sampleDiagonalGaussian(q, 3);
    expect(z.shape).toEqual([4, 3]);
    z.dispose();
    tf.dispose([q.mean, q.logVar]);
  });

  it('sampleDiagonalGaussian(q, seed) has mean μ and variance e^ℓ per dimension', () => {
    const params = randomParams(mulberry32(2), 2, 3);
    const n = 20000;
    tf.tidy(() => {
      const q = toTensors(params);
      const z = values(sampleDiagonalGaussian(tiled(q, n), 11));
      const batch = 2;
      const dims = 3;
      for (let b = 0; b < batch; b++) {
        for (let j = 0; j < dims; j++) {
          const xs = z.filter((_, i) => Math.floor(i / dims) % batch === b && i % dims === j);
          const { mean, variance } = meanAndVariance(xs);
          const v = Math.exp(row(params.logVar, b)[j] ?? Number.NaN);
          // Standard errors: √(v/n) for the mean, ≈ v·√(2/n) for the variance.
          expect(Math.abs(mean - (row(params.mean, b)[j] ?? Number.NaN))).toBeLessThan(4 * Math.sqrt(v / n));
          expect(Math.abs(variance - v)).toBeLessThan(4 * v * Math.sqrt(2 / n));
        }
      }
    });
  });

  it('sampleDiagonalGaussian gives the reparameterised gradient of E[f(z)] for a quadratic f', () => {
    // f(z) = Σ a_j (z_j − c_j)²  ⇒  E_q f = Σ a_j ((μ_j − c_j)² + σ_j²),
    // ∂E/∂μ_j = 2 a_j (μ_j − c_j),  ∂E/∂ℓ_j = a_j σ_j²  (ℓ = log σ²).
    const mu = [0.5, -1.2, 2.0];
    const logVar = [-1.0, 0.7, 0.2];
    const a = [1.5, 0.4, -0.8];
    const c = [0.2, 0.9, -0.5];
    const n = 20000;
    const [gMu, gLogVar] = tf.tidy(() => {
      const f = (m: tf.Tensor, l: tf.Tensor): tf.Scalar => {
        const q = tiled({ mean: m as tf.Tensor2D, logVar: l as tf.Tensor2D }, n);
        const z = sampleDiagonalGaussian(q, 5);
        return tf.mean(tf.sum(tf.mul(tf.square(tf.sub(z, tf.tensor2d([c]))), tf.tensor2d([a])), 1));
      };
      const [dm, dl] = tf.grads(f)([tf.tensor2d([mu]), tf.tensor2d([logVar])]) as [tf.Tensor, tf.Tensor];
      return [values(dm), values(dl)];
    });
    for (let j = 0; j < 3; j++) {
      const [m, l, aj, cj] = [mu[j], logVar[j], a[j], c[j]] as [number, number, number, number];
      const s2 = Math.exp(l);
      const s = Math.sqrt(s2);
      // Per-sample estimators: 2a(μ − c + σε) and aσ[(μ − c)ε + σε²]; their standard deviations:
      const seMu = (2 * Math.abs(aj) * s) / Math.sqrt(n);
      const seLogVar = (Math.abs(aj) * s * Math.sqrt((m - cj) ** 2 + 2 * s2)) / Math.sqrt(n);
      expect(Math.abs((gMu[j] ?? Number.NaN) - 2 * aj * (m - cj))).toBeLessThan(4 * seMu + 1e-4);
      expect(Math.abs((gLogVar[j] ?? Number.NaN) - aj * s2)).toBeLessThan(4 * seLogVar + 1e-4);
    }
  });

  it('sampleDiagonalGaussian(q, seed) on a batch repeated with repeatRows starts with the sample of the batch itself', () => {
    tf.tidy(() => {
      const q = toTensors(randomParams(mulberry32(16), 3, 2));
      const once = values(sampleDiagonalGaussian(q, 9));
      const many = values(sampleDiagonalGaussian(tiled(q, 4), 9));
      expect(many.slice(0, once.length)).toEqual(once);
      expect(many.slice(once.length, 2 * once.length)).not.toEqual(once);
    });
  });

  it('repeatRows(t, n) stacks the rows n times and sums the gradient over the copies', () => {
    tf.tidy(() => {
      const t = tf.tensor2d([
        [1, 2],
        [3, 4],
      ]);
      expect(values(repeatRows(t, 3))).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
      expect(repeatRows(t, 3).shape).toEqual([6, 2]);
      const weights = tf.tensor2d([[1], [2], [3], [4], [5], [6]]);
      // d/dt Σ_i w_i·row_i = Σ over copies of the weights of that row: row 0 gets 1+3+5, row 1 gets 2+4+6.
      const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(repeatRows(x as tf.Tensor2D, 3), weights)))(t);
      expect(values(g)).toEqual([9, 9, 12, 12]);
      expect(() => repeatRows(t, 0)).toThrow(RangeError);
    });
  });

  it('sampleDiagonalGaussian leaves only its sample', () => {
    const q = toTensors(randomParams(mulberry32(3), 2, 2));
    leavesOnly(1, () => sampleDiagonalGaussian(q, 1));
    tf.dispose([q.mean, q.logVar]);
  });
});

describe('log-densities', () => {
  it('logProbDiagonalGaussian(z, q) matches Σ_j log N(z_j; μ_j, e^{ℓ_j}) written by hand', () => {
    const rng = mulberry32(4);
    const params = randomParams(rng, 5, 4);
    const z = randomParams(rng, 5, 4, 3).mean;
    const got = tf.tidy(() => values(logProbDiagonalGaussian(tf.tensor2d(z), toTensors(params))));
    expect(got).toHaveLength(5);
    for (let b = 0; b < 5; b++) {
      let expected = 0;
      for (let j = 0; j < 4; j++) {
        const sigma = Math.exp(0.5 * (row(params.logVar, b)[j] ?? Number.NaN));
        expected += normalLogPdf(row(z, b)[j] ?? Number.NaN, { mu: row(params.mean, b)[j] ?? Number.NaN, sigma });
      }
      expectRelClose(got[b] ?? Number.NaN, expected, 1e-5, 1e-5);
    }
  });

  it('logProbStandardNormal(z) equals logProbDiagonalGaussian with mean 0 and logVar 0', () => {
    const z = randomParams(mulberry32(5), 6, 3, 4).mean;
    const [std, diag] = tf.tidy(() => {
      const zt = tf.tensor2d(z);
      const q = { mean: tf.zerosLike(zt), logVar: tf.zerosLike(zt) };
      return [values(logProbStandardNormal(zt)), values(logProbDiagonalGaussian(zt, q))];
    });
    for (let b = 0; b < 6; b++) {
      const expected = row(z, b).reduce((s, v) => s + normalLogPdf(v, { mu: 0, sigma: 1 }), 0);
      expectRelClose(std[b] ?? Number.NaN, expected, 1e-6, 1e-6);
      expectRelClose(diag[b] ?? Number.NaN, std[b] ?? Number.NaN, 1e-6, 1e-6);
    }
  });

  it('gaussianLogProb(x, m, 2 log σ) = −Σ(x − m)²/(2σ²) − D(log σ + ½ log 2π)', () => {
    const rng = mulberry32(6);
    const x = randomParams(rng, 3, 5).mean;
    const m = randomParams(rng, 3, 5).mean;
    for (const sigma of [0.1, 1, 3]) {
      const got = tf.tidy(() => values(gaussianLogProb(tf.tensor2d(x), tf.tensor2d(m), 2 * Math.log(sigma))));
      for (let b = 0; b < 3; b++) {
        const sq = row(x, b).reduce((s, v, d) => s + (v - (row(m, b)[d] ?? Number.NaN)) ** 2, 0);
        const expected = -sq / (2 * sigma * sigma) - 5 * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI));
        expectRelClose(got[b] ?? Number.NaN, expected, 1e-5, 1e-5);
      }
    }
  });

  it('gaussianLogProb accepts a learned log-variance tensor broadcast as a scalar, per pixel or per entry', () => {
    const rng = mulberry32(7);
    const x = randomParams(rng, 2, 3).mean;
    const m = randomParams(rng, 2, 3).mean;
    const perEntry = randomParams(rng, 2, 3).logVar;
    const perPixel = row(perEntry, 0);
    const expected = (lv: (b: number, d: number) => number): number[] =>
      [0, 1].map((b) => row(x, b).reduce((s, v, d) => s + normalLogPdf(v, { mu: row(m, b)[d] ?? Number.NaN, sigma: Math.exp(0.5 * lv(b, d)) }), 0));
    tf.tidy(() => {
      const xt = tf.tensor2d(x);
      const mt = tf.tensor2d(m);
      const cases: [tf.Tensor, number[]][] = [
        [tf.scalar(-0.7), expected(() => -0.7)],
        [tf.tensor1d(perPixel), expected((_, d) => perPixel[d] ?? Number.NaN)],
        [tf.tensor2d(perEntry), expected((b, d) => row(perEntry, b)[d] ?? Number.NaN)],
      ];
      for (const [logVar, want] of cases) {
        const got = values(gaussianLogProb(xt, mt, logVar));
        want.forEach((w, b) => expectRelClose(got[b] ?? Number.NaN, w, 1e-5, 1e-5));
      }
      // A number and a scalar tensor give the same value.
      const fromNumber = values(gaussianLogProb(xt, mt, -0.7));
      values(gaussianLogProb(xt, mt, tf.scalar(-0.7))).forEach((v, b) => expectRelClose(v, fromNumber[b] ?? Number.NaN, 1e-6, 1e-6));
    });
  });

  it('gaussianLogProb is differentiable in a learned log-variance: ∂/∂v = −½ Σ (1 − (x − m)² e^{−v})', () => {
    const x = [[0.2, 0.9, -0.4]];
    const m = [[0.0, 0.5, 0.1]];
    const v = -0.3;
    const got = tf.tidy(() => {
      const g = tf.grad((lv: tf.Tensor) => tf.sum(gaussianLogProb(tf.tensor2d(x), tf.tensor2d(m), lv)))(tf.scalar(v));
      return values(g)[0] ?? Number.NaN;
    });
    const expected = row(x, 0).reduce((s, xi, d) => s - 0.5 * (1 - (xi - (row(m, 0)[d] ?? Number.NaN)) ** 2 * Math.exp(-v)), 0);
    expectRelClose(got, expected, 1e-5, 1e-6);
  });

  it('−bernoulliLogProb(x, l) equals the binary cross-entropy for binary and grey-level x', () => {
    const rng = mulberry32(8);
    const logits = Array.from({ length: 3 }, () => Array.from({ length: 6 }, () => uniform(rng, -6, 6)));
    const binary = logits.map((r) => r.map(() => (rng() < 0.5 ? 0 : 1)));
    const grey = logits.map((r) => r.map(() => rng()));
    for (const x of [binary, grey]) {
      const got = tf.tidy(() => values(bernoulliLogProb(tf.tensor2d(x), tf.tensor2d(logits))));
      for (let b = 0; b < 3; b++) {
        let bce = 0;
        row(x, b).forEach((xi, d) => {
          const p = 1 / (1 + Math.exp(-(row(logits, b)[d] ?? Number.NaN)));
          bce -= xi * Math.log(p) + (1 - xi) * Math.log(1 - p);
        });
        expectRelClose(-(got[b] ?? Number.NaN), bce, 1e-5, 1e-5);
      }
    }
  });

  it('bernoulliLogProb stays finite and exact for logits of ±50', () => {
    // x·l − softplus(l) = x·l − max(l, 0) − log1p(e^{−|l|}) exactly; naive log σ(l) gives −∞ at l = −50 in float32.
    const logits = [[50, -50, 50, -50, 50, -50]];
    const x = [[1, 0, 0, 1, 0.5, 0.5]];
    const got = tf.tidy(() => values(bernoulliLogProb(tf.tensor2d(x), tf.tensor2d(logits))))[0] ?? Number.NaN;
    const expected = row(x, 0).reduce((s, xi, d) => {
      const l = row(logits, 0)[d] ?? Number.NaN;
      return s + xi * l - Math.max(l, 0) - Math.log1p(Math.exp(-Math.abs(l)));
    }, 0);
    expect(Number.isFinite(got)).toBe(true);
    expectRelClose(got, expected, 1e-6, 1e-5); // = −50·4 = −200 for the mismatched pixels and the grey ones
    const grads = tf.tidy(() => values(tf.grad((l: tf.Tensor) => tf.sum(bernoulliLogProb(tf.tensor2d(x), l as tf.Tensor2D)))(tf.tensor2d(logits))));
    expect(grads.every(Number.isFinite)).toBe(true);
  });

  it('bernoulliLogProb over 784 pixels with logits up to ±30 matches a float64 sum of x·l − softplus(l), on WASM and CPU', async () => {
    const rng = mulberry32(10);
    const logits = Array.from({ length: 4 }, () => Array.from({ length: 784 }, () => uniform(rng, -30, 30)));
    const x = logits.map((r) => r.map(() => (rng() < 0.3 ? rng() : rng() < 0.5 ? 0 : 1)));
    await loadNodeBackend('cpu');
    for (const backend of ['wasm', 'cpu']) {
      expect(await tf.setBackend(backend)).toBe(true);
      const got = tf.tidy(() => values(bernoulliLogProb(tf.tensor2d(x), tf.tensor2d(logits))));
      for (let b = 0; b < 4; b++) {
        const want = row(x, b).reduce((s, xi, d) => {
          const l = row(logits, b)[d] ?? Number.NaN;
          return s + xi * l - Math.max(l, 0) - Math.log1p(Math.exp(-Math.abs(l)));
        }, 0);
        expectRelClose(got[b] ?? Number.NaN, want, 1e-6, 1e-3);
      }
    }
    await tf.setBackend('wasm');
  });

  it('bernoulliLogProb has the gradients of x·l − softplus(l): x − σ(l) for the logits and l for x', () => {
    const rng = mulberry32(11);
    const l0 = tf.tensor2d(Array.from({ length: 3 }, () => Array.from({ length: 10 }, () => uniform(rng, -8, 8))));
    const x0 = tf.tensor2d(Array.from({ length: 3 }, () => Array.from({ length: 10 }, () => rng())));
    const weights = tf.tensor1d([0.5, -1, 2]);
    const fast = tf.grads((x: tf.Tensor, l: tf.Tensor) => tf.sum(tf.mul(bernoulliLogProb(x as tf.Tensor2D, l as tf.Tensor2D), weights)));
    const plain = tf.grads((x: tf.Tensor, l: tf.Tensor) => tf.sum(tf.mul(tf.sum(tf.sub(tf.mul(x, l), tf.softplus(l)), 1), weights)));
    const [gx, gl] = fast([x0, l0]);
    const [px, pl] = plain([x0, l0]);
    for (const [got, want] of [
      [gx, px],
      [gl, pl],
    ] as const) {
      const w = values(want as tf.Tensor);
      values(got as tf.Tensor).forEach((g, i) => expect(g).toBeCloseTo(w[i] ?? Number.NaN, 5));
    }
    tf.dispose([l0, x0, weights, gx, gl, px, pl] as tf.Tensor[]);
  });

  it('sampleDiagonalGaussian and klDiagonalToStdNormalPerRow have the gradients of their plain formulas', () => {
    const q = toTensors(randomParams(mulberry32(12), 5, 3));
    const weights = tf.tensor2d([
      [0.3, -1.2, 2],
      [1, 0.5, -0.7],
      [0.1, 0.2, 0.3],
      [-2, 1, 0],
      [0.4, -0.4, 1.5],
    ]);
    const rowWeights = tf.tensor1d([1, -0.5, 2, 0.25, -1]);
    const objective = (z: tf.Tensor, kl: tf.Tensor) => tf.add(tf.sum(tf.mul(z, weights)), tf.sum(tf.mul(kl, rowWeights))) as tf.Scalar;
    const fast = tf.grads((mean: tf.Tensor, logVar: tf.Tensor) => {
      const p = { mean: mean as tf.Tensor2D, logVar: logVar as tf.Tensor2D };
      return objective(sampleDiagonalGaussian(p, 4), klDiagonalToStdNormalPerRow(p));
    });
    const plain = tf.grads((mean: tf.Tensor, logVar: tf.Tensor) => {
      const epsilon = tf.randomNormal(mean.shape, 0, 1, 'float32', 4);
      const z = tf.add(mean, tf.mul(tf.exp(tf.mul(logVar, 0.5)), epsilon));
      const kl = tf.mul(tf.sum(tf.sub(tf.add(tf.square(mean), tf.exp(logVar)), tf.add(logVar, 1)), 1), 0.5);
      return objective(z, kl);
    });
    const got = fast([q.mean, q.logVar]);
    const want = plain([q.mean, q.logVar]);
    got.forEach((g, k) => {
      const w = values(want[k] as tf.Tensor);
      values(g).forEach((v, i) => expect(v).toBeCloseTo(w[i] ?? Number.NaN, 5));
    });
    tf.dispose([...got, ...want, q.mean, q.logVar, weights, rowWeights]);
  });

  it('the log-densities leave only their results', () => {
    tf.tidy(() => {
      const q = toTensors(randomParams(mulberry32(9), 3, 4));
      const z = tf.randomNormal([3, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
      leavesOnly(1, () => logProbDiagonalGaussian(z, q));
      leavesOnly(1, () => logProbStandardNormal(z));
      leavesOnly(1, () => bernoulliLogProb(z, q.mean));
      leavesOnly(1, () => gaussianLogProb(z, q.mean, 0.3));
      leavesOnly(1, () => gaussianLogProb(z, q.mean, q.logVar));
    });
  });
});

describe('KL divergences', () => {
  it('klPerDimension(q) and klDiagonalToStdNormalPerRow(q) match src/lib/math/kl for random parameters', () => {
    const params = randomParams(mulberry32(10), 8, 5, 3, [-4, 3]);
    const [perDim, total] = tf.tidy(() => {
      const q = toTensors(params);
      return [values(klPerDimension(q)), values(klDiagonalToStdNormalPerRow(q))];
    });
    for (let b = 0; b < 8; b++) {
      const expected = klDiagonalToStdNormalPerDim(row(params.mean, b), row(params.logVar, b));
      expected.forEach((e, j) => expectRelClose(perDim[b * 5 + j] ?? Number.NaN, e, 1e-5, 1e-6));
      const sumOfKlNormal = row(params.mean, b).reduce(
        (s, mu, j) => s + klNormal({ mu, sigma: Math.exp(0.5 * (row(params.logVar, b)[j] ?? Number.NaN)) }, { mu: 0, sigma: 1 }),
        0,
      );
      expectRelClose(total[b] ?? Number.NaN, sumOfKlNormal, 1e-5, 1e-6);
    }
  });

  it('klPerDimension(q) is exactly 0 at the prior and accurate and non-negative next to it', () => {
    const logVar = [[0, 1e-4, -1e-4, 3e-3, -3e-3, 1e-6]];
    const got = tf.tidy(() => values(klPerDimension({ mean: tf.zerosLike(tf.tensor2d(logVar)), logVar: tf.tensor2d(logVar) })));
    expect(got[0]).toBe(0);
    row(logVar, 0).forEach((l, j) => {
      const exact = 0.5 * (Math.expm1(l) - l); // ≈ ℓ²/4
      expect(got[j]).toBeGreaterThanOrEqual(0);
      expectRelClose(got[j] ?? Number.NaN, exact, 0.02, 1e-13);
    });
  });

  it('klDiagonalToStdNormalPerRow(q) matches a Monte Carlo estimate E_q[log q(z) − log p(z)]', () => {
    const params = randomParams(mulberry32(11), 3, 4);
    const n = 20000;
    const [closed, logRatios] = tf.tidy(() => {
      const q = toTensors(params);
      const qn = tiled(q, n);
      const z = sampleDiagonalGaussian(qn, 21);
      return [values(klDiagonalToStdNormalPerRow(q)), values(tf.sub(logProbDiagonalGaussian(z, qn), logProbStandardNormal(z)))];
    });
    for (let b = 0; b < 3; b++) {
      const { mean, variance } = meanAndVariance(column(logRatios, 3, b));
      expect(Math.abs(mean - (closed[b] ?? Number.NaN))).toBeLessThan(4 * Math.sqrt(variance / n) + 1e-4);
    }
  });

  it('klDiagonalGaussians(q, p) matches Σ_j klNormal and a Monte Carlo estimate', () => {
    const rng = mulberry32(12);
    const qp = randomParams(rng, 3, 4);
    const pp = randomParams(rng, 3, 4, 1, [-1, 1]);
    const n = 20000;
    const [closed, logRatios] = tf.tidy(() => {
      const q = toTensors(qp);
      const p = toTensors(pp);
      const qn = tiled(q, n);
      const z = sampleDiagonalGaussian(qn, 22);
      return [values(klDiagonalGaussians(q, p)), values(tf.sub(logProbDiagonalGaussian(z, qn), logProbDiagonalGaussian(z, tiled(p, n))))];
    });
    for (let b = 0; b < 3; b++) {
      const reference = row(qp.mean, b).reduce((s, mu, j) => {
        const sq = Math.exp(0.5 * (row(qp.logVar, b)[j] ?? Number.NaN));
        const sp = Math.exp(0.5 * (row(pp.logVar, b)[j] ?? Number.NaN));
        return s + klNormal({ mu, sigma: sq }, { mu: row(pp.mean, b)[j] ?? Number.NaN, sigma: sp });
      }, 0);
      expectRelClose(closed[b] ?? Number.NaN, reference, 1e-5, 1e-6);
      const { mean, variance } = meanAndVariance(column(logRatios, 3, b));
      expect(Math.abs(mean - reference)).toBeLessThan(4 * Math.sqrt(variance / n) + 1e-4);
    }
  });

  it('klDiagonalGaussians(q, N(0, I)) equals klDiagonalToStdNormalPerRow(q), and KL(q ‖ q) is exactly 0', () => {
    const params = randomParams(mulberry32(13), 4, 3);
    tf.tidy(() => {
      const q = toTensors(params);
      const prior = { mean: tf.zeros([1, 3]) as tf.Tensor2D, logVar: tf.zeros([1, 3]) as tf.Tensor2D };
      const general = values(klDiagonalGaussians(q, prior));
      const special = values(klDiagonalToStdNormalPerRow(q));
      general.forEach((g, b) => expectRelClose(g, special[b] ?? Number.NaN, 1e-6, 1e-7));
      expect(values(klDiagonalGaussians(q, q))).toEqual([0, 0, 0, 0]);
    });
  });

  it('klDiagonalGaussians(q, p) stays accurate and non-negative when q ≈ p', () => {
    // Equal means, log-variances differing by u: KL = ½(e^u − 1 − u) ≈ u²/4. One example per u,
    // so that rounding errors of different entries cannot cancel in a sum.
    const pLogVar = [0.5, -1.25, 0, 2];
    const qLogVar = [0.5 + 1e-4, -1.25 - 3e-4, 1e-5, 2 + 1e-3];
    const got = tf.tidy(() => {
      const mean = tf.zeros([4, 1]) as tf.Tensor2D;
      const column2d = (xs: number[]): tf.Tensor2D => tf.tensor2d(xs, [xs.length, 1]);
      return values(klDiagonalGaussians({ mean, logVar: column2d(qLogVar) }, { mean, logVar: column2d(pLogVar) }));
    });
    qLogVar.forEach((lq, b) => {
      // Reference from the float32-rounded inputs the library actually sees.
      const u = Math.fround(lq) - Math.fround(pLogVar[b] ?? Number.NaN);
      expect(got[b]).toBeGreaterThan(0);
      expectRelClose(got[b] ?? Number.NaN, 0.5 * (Math.expm1(u) - u), 0.02);
    });
  });

  it('the KL functions leave only their results', () => {
    tf.tidy(() => {
      const q = toTensors(randomParams(mulberry32(14), 3, 4));
      const p = toTensors(randomParams(mulberry32(15), 3, 4));
      leavesOnly(1, () => klPerDimension(q));
      leavesOnly(1, () => klDiagonalToStdNormalPerRow(q));
      leavesOnly(1, () => klDiagonalGaussians(q, p));
    });
  });
});
