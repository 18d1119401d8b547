/**
 * PCA in plain numbers (src/lib/math/pca.ts) and chapter 5's claim that a linear autoencoder
 * trained with squared error spans the principal subspace.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import type { MnistSplit } from '../../../../src/lib/vae/data.ts';
import { orthonormalizeColumns, principalAngles, symmetricEigen } from '../../../../src/lib/math/linalg.ts';
import { pca, pcaRounds, type Pca } from '../../../../src/lib/math/pca.ts';
import { mulberry32, standardNormal, type Rng } from '../../../../src/lib/math/random.ts';
import { expectRelClose } from '../../approx.ts';

/** A random d × d rotation (orthonormal columns), row-major. */
function randomRotation(d: number, rng: Rng): Float64Array {
  const r = Float64Array.from({ length: d * d }, () => standardNormal(rng));
  orthonormalizeColumns(r, d, d);
  return r;
}

/** n rows x = μ + R diag(σ) ε with ε ~ N(0, I): population covariance R diag(σ²) Rᵀ. */
function gaussianData(n: number, mean: readonly number[], sd: readonly number[], rotation: Float64Array, rng: Rng): Float64Array {
  const d = mean.length;
  const out = new Float64Array(n * d);
  const e = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) e[t] = (sd[t] ?? 0) * standardNormal(rng);
    for (let j = 0; j < d; j++) {
      let s = mean[j] ?? 0;
      for (let t = 0; t < d; t++) s += (rotation[j * d + t] ?? 0) * (e[t] ?? 0);
      out[i * d + j] = s;
    }
  }
  return out;
}

/** Sample covariance (÷ n − 1) of n rows of d values, row-major d × d. */
function sampleCovariance(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (x[i * d + j] ?? 0) / n;
  const c = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = (x[i * d + a] ?? 0) - (mean[a] ?? 0);
      for (let b = 0; b < d; b++) c[a * d + b] = (c[a * d + b] ?? 0) + (xa * ((x[i * d + b] ?? 0) - (mean[b] ?? 0))) / (n - 1);
    }
  }
  return c;
}

const dot = (a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number) => {
  let s = 0;
  for (let j = 0; j < d; j++) s += (a[ao + j] ?? 0) * (b[bo + j] ?? 0);
  return s;
};

describe('symmetricEigen', () => {
  it('symmetricEigen(A, n) returns the eigenvalues in decreasing order and unit eigenvectors with A v = λ v', () => {
    // A = [[2, 1, 0], [1, 2, 0], [0, 0, 5]]: eigenvalues 5, 3, 1.
    const a = [2, 1, 0, 1, 2, 0, 0, 0, 5];
    const { values, vectors } = symmetricEigen(a, 3);
    expect(Array.from(values)).toEqual([expect.closeTo(5, 12), expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    for (let i = 0; i < 3; i++) {
      for (let r = 0; r < 3; r++) {
        const av = dot(a, r * 3, vectors, i * 3, 3);
        expect(av).toBeCloseTo((values[i] ?? 0) * (vectors[i * 3 + r] ?? 0), 12);
      }
      expect(dot(vectors, i * 3, vectors, i * 3, 3)).toBeCloseTo(1, 12);
    }
  });
});

describe('pca', () => {
  const d = 6;
  const n = 20_000;
  const sd = [3, 2, 1, 0.5, 0.3, 0.1];
  const mean = [1, -2, 0.5, 3, 0, -1];
  const rotation = randomRotation(d, mulberry32(11));
  const data = gaussianData(n, mean, sd, rotation, mulberry32(12));
  const k = 3;
  const result = pca(data, n, d, { components: k, oversample: 2 });

  it('pca(data, n, d, {components}) matches the eigen-decomposition of the sample covariance (up to sign)', () => {
    const exact = symmetricEigen(sampleCovariance(data, n, d), d);
    expect(result.residual).toBeLessThanOrEqual(1e-9);
    for (let c = 0; c < k; c++) {
      expectRelClose(result.variances[c] ?? 0, exact.values[c] ?? 0, 1e-9);
      expect(Math.abs(dot(result.components, c * d, exact.vectors, c * d, d))).toBeCloseTo(1, 9);
    }
    let trace = 0;
    for (let j = 0; j < d; j++) trace += sampleCovariance(data, n, d)[j * d + j] ?? 0;
    expectRelClose(result.totalVariance, trace, 1e-12);
    for (let c = 0; c < k; c++) expectRelClose(result.explainedRatio[c] ?? 0, (result.variances[c] ?? 0) / trace, 1e-12);
  });

  it('pca recovers the known population covariance: variances σᵢ² and directions (columns of R) within sampling error', () => {
    for (let c = 0; c < k; c++) {
      expectRelClose(result.variances[c] ?? 0, (sd[c] ?? 0) ** 2, 0.04);
      let cos = 0;
      for (let j = 0; j < d; j++) cos += (result.components[c * d + j] ?? 0) * (rotation[j * d + c] ?? 0);
      expect(Math.abs(cos)).toBeGreaterThan(0.999);
    }
    const population = sd.reduce((s, v) => s + v * v, 0);
    expectRelClose(result.totalVariance, population, 0.03);
    for (let j = 0; j < d; j++) expect(result.mean[j]).toBeCloseTo(mean[j] ?? 0, 1);
  });

  it('the projections are centred and uncorrelated, with variances λᵢ; components are unit rows, orthogonal, largest entry positive', () => {
    for (let a = 0; a < k; a++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += (result.projections[i * k + a] ?? 0) / n;
      expect(Math.abs(m)).toBeLessThan(1e-10);
      for (let b = a; b < k; b++) {
        let c = 0;
        for (let i = 0; i < n; i++) c += ((result.projections[i * k + a] ?? 0) * (result.projections[i * k + b] ?? 0)) / (n - 1);
        if (a === b) expectRelClose(c, result.variances[a] ?? 0, 1e-10);
        else expect(Math.abs(c)).toBeLessThan(1e-9);
        expect(dot(result.components, a * d, result.components, b * d, d)).toBeCloseTo(a === b ? 1 : 0, 12);
      }
      const row = Array.from(result.components.subarray(a * d, (a + 1) * d));
      const largest = row.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
    // A projection is (x − μ)·u.
    for (const i of [0, 17, n - 1]) {
      const centred = Array.from({ length: d }, (_, j) => (data[i * d + j] ?? 0) - (result.mean[j] ?? 0));
      for (let c = 0; c < k; c++) expect(result.projections[i * k + c]).toBeCloseTo(dot(centred, 0, result.components, c * d, d), 10);
    }
  });

  it('the mean squared reconstruction error from k components is (n − 1)/n times the variance left out', () => {
    let error = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        let xHat = result.mean[j] ?? 0;
        for (let c = 0; c < k; c++) xHat += (result.projections[i * k + c] ?? 0) * (result.components[c * d + j] ?? 0);
        error += ((data[i * d + j] ?? 0) - xHat) ** 2 / n;
      }
    }
    const kept = result.variances.reduce((s, v) => s + v, 0);
    expectRelClose(error, ((n - 1) / n) * (result.totalVariance - kept), 1e-9);
  });

  it('pcaRounds yields one residual per round and returns the same result as pca; scale multiplies the data', () => {
    const rounds = pcaRounds(data, n, d, { components: k, oversample: 2 });
    let yielded = 0;
    let last: IteratorResult<number, Pca>;
    for (last = rounds.next(); !last.done; last = rounds.next()) yielded++;
    expect(last.value.iterations).toBe(yielded + 1);
    expect(Array.from(last.value.components)).toEqual(Array.from(result.components));

    const scaled = pca(
      data.map((v) => v * 10),
      n,
      d,
      { components: 2, oversample: 2 },
    );
    const viaOption = pca(data, n, d, { components: 2, oversample: 2, scale: 10 });
    for (let c = 0; c < 2; c++) expectRelClose(viaOption.variances[c] ?? 0, scaled.variances[c] ?? 0, 1e-10);
    expectRelClose(viaOption.variances[0] ?? 0, 100 * (result.variances[0] ?? 0), 1e-10);
  });

  it('pca rejects bad shapes and component counts', () => {
    expect(() => pca(data, n, d, { components: 0 })).toThrow(RangeError);
    expect(() => pca(data, n, d, { components: d + 1 })).toThrow(RangeError);
    expect(() => pca(data, 1, d, { components: 1 })).toThrow(RangeError);
    expect(() => pca(data, n + 1, d, { components: 1 })).toThrow(RangeError);
  });
});

describe('principalAngles', () => {
  it('principalAngles(A, B) between span{e₁, e₂} and span{e₁, cos t e₂ + sin t e₃} is [0, t], for any basis of each', () => {
    const t = 0.3;
    const a = [1, 0, 0, 0, 0, 1, 0, 0]; // e₁, e₂ in ℝ⁴
    const b = [2, 0, 0, 0, 1, Math.cos(t), Math.sin(t), 0]; // 2e₁ and e₁ + (cos t e₂ + sin t e₃): not orthonormal
    const angles = principalAngles(a, 2, b, 2, 4);
    expect(angles[0]).toBeCloseTo(0, 7);
    expect(angles[1]).toBeCloseTo(t, 10);
    expect(principalAngles(a, 2, [0, 0, 0, 1], 1, 4)[0]).toBeCloseTo(Math.PI / 2, 12);
  });
});

/**
 * A linear autoencoder x̂ = W₂(W₁x + b₁) + b₂ (code size k), trained by plain full-batch gradient
 * descent on the mean squared error (1/n) Σ ‖x̂ − x‖², from small random weights.
 */
function trainLinearAutoencoder(x: Float64Array, n: number, d: number, k: number, steps: number, rate: number, seed: number) {
  const rng = mulberry32(seed);
  const w1 = Float64Array.from({ length: k * d }, () => 0.1 * standardNormal(rng)); // [k × d]
  const w2 = Float64Array.from({ length: d * k }, () => 0.1 * standardNormal(rng)); // [d × k]
  const b1 = new Float64Array(k);
  const b2 = new Float64Array(d);
  const h = new Float64Array(k);
  const e = new Float64Array(d);
  const dh = new Float64Array(k);
  let loss = 0;
  for (let step = 0; step <= steps; step++) {
    const g1 = new Float64Array(k * d);
    const g2 = new Float64Array(d * k);
    const gb1 = new Float64Array(k);
    const gb2 = new Float64Array(d);
    loss = 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) h[c] = (b1[c] ?? 0) + dot(w1, c * d, x, i * d, d);
      for (let j = 0; j < d; j++) {
        let xHat = b2[j] ?? 0;
        for (let c = 0; c < k; c++) xHat += (w2[j * k + c] ?? 0) * (h[c] ?? 0);
        e[j] = xHat - (x[i * d + j] ?? 0);
        loss += (e[j] ?? 0) ** 2 / n;
      }
      // ∂/∂x̂ of (1/n)‖x̂ − x‖² is (2/n) e; back through W₂ to the code.
      dh.fill(0);
      for (let j = 0; j < d; j++) {
        const ej = (2 / n) * (e[j] ?? 0);
        gb2[j] = (gb2[j] ?? 0) + ej;
        for (let c = 0; c < k; c++) {
          g2[j * k + c] = (g2[j * k + c] ?? 0) + ej * (h[c] ?? 0);
          dh[c] = (dh[c] ?? 0) + ej * (w2[j * k + c] ?? 0);
        }
      }
      for (let c = 0; c < k; c++) {
        gb1[c] = (gb1[c] ?? 0) + (dh[c] ?? 0);
        for (let j = 0; j < d; j++) g1[c * d + j] = (g1[c * d + j] ?? 0) + (dh[c] ?? 0) * (x[i * d + j] ?? 0);
      }
    }
    if (step === steps) break; // `loss` is that of the final weights
    for (let t = 0; t < w1.length; t++) w1[t] = (w1[t] ?? 0) - rate * (g1[t] ?? 0);
    for (let t = 0; t < w2.length; t++) w2[t] = (w2[t] ?? 0) - rate * (g2[t] ?? 0);
    for (let t = 0; t < k; t++) b1[t] = (b1[t] ?? 0) - rate * (gb1[t] ?? 0);
    for (let t = 0; t < d; t++) b2[t] = (b2[t] ?? 0) - rate * (gb2[t] ?? 0);
  }
  return { w1, w2, b1, b2, loss };
}

/** The columns of a row-major [d × k] matrix as k rows of d. */
const columnsAsRows = (w: Float64Array, d: number, k: number) => Float64Array.from({ length: k * d }, (_, t) => w[(t % d) * k + Math.floor(t / d)] ?? 0);

describe('a linear autoencoder trained with squared error spans the principal subspace (Baldi & Hornik 1989)', () => {
  const d = 8;
  const n = 400;
  const k = 2;
  const sd = [2, 1.5, 0.5, 0.5, 0.45, 0.4, 0.35, 0.3];
  const mean = [0.5, -0.5, 1, 0, 0.2, -0.3, 0.4, 0.1];
  const data = gaussianData(n, mean, sd, randomRotation(d, mulberry32(21)), mulberry32(22));
  const principal = pca(data, n, d, { components: k });
  const ae = trainLinearAutoencoder(data, n, d, k, 3000, 0.03, 23);

  it('the decoder columns and the encoder rows span the same subspace as the top-k principal directions (angles ≈ 0)', () => {
    const decoderAngles = principalAngles(columnsAsRows(ae.w2, d, k), k, principal.components, k, d);
    const encoderAngles = principalAngles(ae.w1, k, principal.components, k, d);
    for (const angle of [...decoderAngles, ...encoderAngles]) expect(angle).toBeLessThan(1e-4);
  });

  it('its loss equals the PCA reconstruction error, the variance left out times (n − 1)/n', () => {
    const kept = principal.variances.reduce((s, v) => s + v, 0);
    expectRelClose(ae.loss, ((n - 1) / n) * (principal.totalVariance - kept), 1e-6);
  });

  it('its weights are not the principal directions themselves: W₂C and C⁻¹W₁ reconstruct equally well for any invertible C', () => {
    // The decoder's first column is not u₁ (up to scale): the basis inside the subspace is arbitrary.
    const column = columnsAsRows(ae.w2, d, k).subarray(0, d);
    const cos = dot(column, 0, principal.components, 0, d) / Math.sqrt(dot(column, 0, column, 0, d));
    expect(Math.abs(cos)).toBeLessThan(0.99);
    // A non-orthogonal C = [[2, 1], [0, 0.5]] changes the weights but not W₂W₁ (nor the loss).
    const c = [2, 1, 0, 0.5];
    const cInv = [0.5, -1, 0, 2];
    const w2c = Float64Array.from({ length: d * k }, (_, t) => {
      const j = Math.floor(t / k);
      const col = t % k;
      return (ae.w2[j * k] ?? 0) * (c[col] ?? 0) + (ae.w2[j * k + 1] ?? 0) * (c[2 + col] ?? 0);
    });
    const cw1 = Float64Array.from({ length: k * d }, (_, t) => {
      const row = Math.floor(t / d);
      const j = t % d;
      return (cInv[row * 2] ?? 0) * (ae.w1[j] ?? 0) + (cInv[row * 2 + 1] ?? 0) * (ae.w1[d + j] ?? 0);
    });
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const product = (w2: Float64Array, w1: Float64Array) => (w2[a * k] ?? 0) * (w1[b] ?? 0) + (w2[a * k + 1] ?? 0) * (w1[d + b] ?? 0);
        expect(product(w2c, cw1)).toBeCloseTo(product(ae.w2, ae.w1), 12);
      }
    }
    expect(Math.abs(dot(columnsAsRows(w2c, d, k), 0, columnsAsRows(w2c, d, k), d, d))).toBeGreaterThan(0.1); // not orthogonal
  });
});

describe('PCA of the first 5,000 MNIST test images (the figures quoted in chapter 5)', () => {
  let test: MnistSplit;
  beforeAll(async () => {
    test = (await loadMnistNode({ trainCount: 1, testCount: 5000 })).test;
  });

  it('the first two components explain 9.73 % and 7.50 % of the total variance 49.91', () => {
    const result = pca(test.images, test.count, 784, { components: 2, scale: 1 / 255 });
    expect(result.totalVariance).toBeCloseTo(49.906, 2);
    expect(result.variances[0]).toBeCloseTo(4.856, 2);
    expect(result.variances[1]).toBeCloseTo(3.741, 2);
    expect(result.explainedRatio[0]).toBeCloseTo(0.0973, 4);
    expect(result.explainedRatio[1]).toBeCloseTo(0.075, 4);
  });
});
