/**
 * An exactly solvable latent-variable model for testing the VAE's bounds, in plain double-precision
 * numbers (independent of TensorFlow.js):
 *
 *   p(z) = N(0, I_J),   p(x|z) = N(Wz + b, σ² I_D),   W: D × J.
 *
 * Then  p(x)   = N(b, C),  C = WWᵀ + σ² I_D,
 *       p(z|x) = N(m, S),  S = (I_J + WᵀW/σ²)⁻¹,  m = S Wᵀ(x − b)/σ².
 *
 * When W has orthogonal columns, WᵀW is diagonal, so S is diagonal and the exact posterior is a
 * diagonal Gaussian that a VAE's q can represent.
 */

export type Matrix = number[][];

export interface LinearGaussianModel {
  /** D × J */
  readonly w: Matrix;
  /** [D] */
  readonly b: number[];
  readonly sigma: number;
}

export interface FullGaussian {
  readonly mean: number[];
  readonly cov: Matrix;
}

export interface DiagonalGaussianNumbers {
  readonly mean: number[];
  /** log-variances ℓ = log σ² */
  readonly logVar: number[];
}

const LOG_TWO_PI = Math.log(2 * Math.PI);

function at(xs: readonly number[], i: number): number {
  const v = xs[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range`);
  return v;
}

function entry(a: Matrix, i: number, j: number): number {
  const row = a[i];
  if (row === undefined) throw new RangeError(`row ${i} out of range`);
  return at(row, j);
}

function rows(a: Matrix): number {
  return a.length;
}

function cols(a: Matrix): number {
  return a[0]?.length ?? 0;
}

export function transpose(a: Matrix): Matrix {
  return Array.from({ length: cols(a) }, (_, j) => Array.from({ length: rows(a) }, (_, i) => entry(a, i, j)));
}

export function matMul(a: Matrix, b: Matrix): Matrix {
  return Array.from({ length: rows(a) }, (_, i) =>
    Array.from({ length: cols(b) }, (_, j) => {
      let s = 0;
      for (let k = 0; k < cols(a); k++) s += entry(a, i, k) * entry(b, k, j);
      return s;
    }),
  );
}

export function matVec(a: Matrix, v: readonly number[]): number[] {
  return Array.from({ length: rows(a) }, (_, i) => {
    let s = 0;
    for (let k = 0; k < cols(a); k++) s += entry(a, i, k) * at(v, k);
    return s;
  });
}

export function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function addScaledIdentity(a: Matrix, c: number): Matrix {
  return a.map((row, i) => row.map((v, j) => (i === j ? v + c : v)));
}

/** Lower-triangular L with A = LLᵀ for a symmetric positive-definite A. */
export function cholesky(a: Matrix): Matrix {
  const n = rows(a);
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = entry(a, i, j);
      for (let k = 0; k < j; k++) s -= entry(l, i, k) * entry(l, j, k);
      const li = l[i] as number[];
      if (i === j) {
        if (!(s > 0)) throw new RangeError('matrix is not positive definite');
        li[j] = Math.sqrt(s);
      } else {
        li[j] = s / entry(l, j, j);
      }
    }
  }
  return l;
}

/** log det A for a symmetric positive-definite A. */
export function logDet(a: Matrix): number {
  const l = cholesky(a);
  let s = 0;
  for (let i = 0; i < rows(l); i++) s += 2 * Math.log(entry(l, i, i));
  return s;
}

/** A⁻¹ for a symmetric positive-definite A, by solving A X = I with its Cholesky factor. */
export function inverseSpd(a: Matrix): Matrix {
  const n = rows(a);
  const l = cholesky(a);
  // Column i of A⁻¹ solves A x = e_i: forward substitution L y = e_i, then back substitution Lᵀ x = y.
  const columns = identity(n).map((e) => {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = at(e, i);
      for (let k = 0; k < i; k++) s -= entry(l, i, k) * at(y, k);
      y[i] = s / entry(l, i, i);
    }
    const x = new Array<number>(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
      let s = at(y, i);
      for (let k = i + 1; k < n; k++) s -= entry(l, k, i) * at(x, k);
      x[i] = s / entry(l, i, i);
    }
    return x;
  });
  return transpose(columns);
}

/** log N(x; μ, Σ) for a full covariance. */
export function logNormalFull(x: readonly number[], p: FullGaussian): number {
  const d = x.map((v, i) => v - at(p.mean, i));
  const q = matVec(inverseSpd(p.cov), d).reduce((s, v, i) => s + v * at(d, i), 0);
  return -0.5 * (x.length * LOG_TWO_PI + logDet(p.cov) + q);
}

/** The exact log-evidence log p(x) = log N(x; b, WWᵀ + σ²I). */
export function logEvidence(model: LinearGaussianModel, x: readonly number[]): number {
  const c = addScaledIdentity(matMul(model.w, transpose(model.w)), model.sigma ** 2);
  return logNormalFull(x, { mean: model.b, cov: c });
}

/** The exact posterior p(z|x) = N(m, S), S = (I + WᵀW/σ²)⁻¹, m = S Wᵀ(x − b)/σ². */
export function exactPosterior(model: LinearGaussianModel, x: readonly number[]): FullGaussian {
  const s2 = model.sigma ** 2;
  const wt = transpose(model.w);
  const precision = addScaledIdentity(
    matMul(wt, model.w).map((row) => row.map((v) => v / s2)),
    1,
  );
  const cov = inverseSpd(precision);
  const residual = x.map((v, i) => v - at(model.b, i));
  const mean = matVec(cov, matVec(wt, residual)).map((v) => v / s2);
  return { mean, cov };
}

/**
 * KL(q ‖ p) for a diagonal q = N(μ, diag(e^ℓ)) and a full-covariance p = N(m, S):
 * ½[tr(S⁻¹Σ_q) + (m − μ)ᵀS⁻¹(m − μ) − J + log det S − Σ ℓ].
 */
export function klDiagonalToFull(q: DiagonalGaussianNumbers, p: FullGaussian): number {
  const j = q.mean.length;
  const sInv = inverseSpd(p.cov);
  let trace = 0;
  for (let i = 0; i < j; i++) trace += entry(sInv, i, i) * Math.exp(at(q.logVar, i));
  const d = p.mean.map((v, i) => v - at(q.mean, i));
  const quad = matVec(sInv, d).reduce((s, v, i) => s + v * at(d, i), 0);
  const sumLogVar = q.logVar.reduce((s, v) => s + v, 0);
  return 0.5 * (trace + quad - j + logDet(p.cov) - sumLogVar);
}

/**
 * The ELBO of a diagonal q in closed form:
 *   E_q[log p(x|z)] = −(D/2) log(2πσ²) − [‖x − Wμ − b‖² + Σ_j ‖W_{:j}‖² v_j] / (2σ²)
 *   E_q[log p(z)]   = −(J/2) log 2π − ½ Σ_j (μ_j² + v_j)
 *   H(q)            = ½ Σ_j (log 2π + 1 + ℓ_j)
 * with v = e^ℓ. It equals log p(x) − KL(q ‖ p(z|x)).
 */
export function analyticElbo(model: LinearGaussianModel, x: readonly number[], q: DiagonalGaussianNumbers): number {
  const dDim = x.length;
  const jDim = q.mean.length;
  const s2 = model.sigma ** 2;
  const v = q.logVar.map(Math.exp);
  const predicted = matVec(model.w, q.mean).map((p, i) => p + at(model.b, i));
  let residual = 0;
  for (let i = 0; i < dDim; i++) residual += (at(x, i) - at(predicted, i)) ** 2;
  let spread = 0;
  for (let jj = 0; jj < jDim; jj++) {
    let columnNorm = 0;
    for (let i = 0; i < dDim; i++) columnNorm += entry(model.w, i, jj) ** 2;
    spread += columnNorm * at(v, jj);
  }
  const expectedLogLikelihood = -0.5 * dDim * Math.log(2 * Math.PI * s2) - (residual + spread) / (2 * s2);
  const expectedLogPrior = -0.5 * jDim * LOG_TWO_PI - 0.5 * q.mean.reduce((s, m, i) => s + m * m + at(v, i), 0);
  const entropy = 0.5 * q.logVar.reduce((s, l) => s + LOG_TWO_PI + 1 + l, 0);
  return expectedLogLikelihood + expectedLogPrior + entropy;
}
