/**
 * Probabilistic PCA (Tipping & Bishop 1999) in plain numbers: the linear-Gaussian latent model
 *
 *   p(z) = N(0, I_J),   p(x | z) = N(Wz + μ, σ²·I_D),   so   p(x) = N(μ, C),  C = WWᵀ + σ²·I_D,
 *
 * and its maximum-likelihood solution in the eigenbasis of the data covariance S (eigenvalues
 * λ_1 ≥ … ≥ λ_D): σ² = mean of the D − J discarded eigenvalues, and W = U_J·diag(√(λ_j − σ²))
 * (times any rotation R on the right, which leaves C unchanged).
 */

export type Matrix = readonly (readonly number[])[];

function at(a: Matrix, i: number, j: number): number {
  const value = a[i]?.[j];
  if (value === undefined) throw new RangeError(`index (${i}, ${j}) out of range`);
  return value;
}

/** The maximum-likelihood σ² and column lengths √(λ_j − σ²) of W for eigenvalues sorted descending. */
export function ppcaMaximumLikelihood(eigenvalues: readonly number[], latentDim: number): { sigma2: number; scales: number[] } {
  const d = eigenvalues.length;
  if (!(Number.isInteger(latentDim) && latentDim >= 1 && latentDim < d)) throw new RangeError(`need 1 ≤ J < D, got J = ${latentDim}, D = ${d}`);
  for (let i = 1; i < d; i++) {
    if ((eigenvalues[i] ?? Number.NaN) > (eigenvalues[i - 1] ?? Number.NaN)) throw new RangeError('eigenvalues must be sorted in descending order');
  }
  const discarded = eigenvalues.slice(latentDim);
  const sigma2 = discarded.reduce((sum, value) => sum + value, 0) / discarded.length;
  if (!(sigma2 > 0)) throw new RangeError('the discarded eigenvalues must be positive');
  return { sigma2, scales: eigenvalues.slice(0, latentDim).map((value) => Math.sqrt(Math.max(0, value - sigma2))) };
}

/** C = WWᵀ + σ²·I for W given as D rows of J numbers. */
export function ppcaCovariance(w: Matrix, sigma2: number): number[][] {
  return w.map((row, i) => w.map((other, j) => row.reduce((sum, value, k) => sum + value * (other[k] ?? Number.NaN), 0) + (i === j ? sigma2 : 0)));
}

/** The lower-triangular L with LLᵀ = A, for a symmetric positive-definite A; throws otherwise. */
export function cholesky(a: Matrix): number[][] {
  const n = a.length;
  const l = Array.from({ length: n }, () => Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = at(a, i, j);
      for (let k = 0; k < j; k++) sum -= at(l, i, k) * at(l, j, k);
      if (i === j) {
        if (!(sum > 0)) throw new RangeError('matrix is not positive definite');
        l[i]![j] = Math.sqrt(sum);
      } else l[i]![j] = sum / at(l, j, j);
    }
  }
  return l;
}

/**
 * The average log-likelihood of data with sample covariance S under N(sample mean, C):
 * −½·(D·log 2π + log det C + tr(C⁻¹S)).
 */
export function gaussianAverageLogLikelihood(s: Matrix, c: Matrix): number {
  const n = c.length;
  const l = cholesky(c);
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += 2 * Math.log(at(l, i, i));
  // tr(C⁻¹S) = Σ_j (C⁻¹ s_j)_j, each column solved by forward and back substitution.
  let trace = 0;
  for (let j = 0; j < n; j++) {
    const y = Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = at(s, i, j);
      for (let k = 0; k < i; k++) sum -= at(l, i, k) * (y[k] ?? 0);
      y[i] = sum / at(l, i, i);
    }
    const x = Array<number>(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i] ?? 0;
      for (let k = i + 1; k < n; k++) sum -= at(l, k, i) * (x[k] ?? 0);
      x[i] = sum / at(l, i, i);
    }
    trace += x[j] ?? 0;
  }
  return -0.5 * (n * Math.log(2 * Math.PI) + logDet + trace);
}
