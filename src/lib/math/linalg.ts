/**
 * Small dense linear algebra in plain numbers for the PCA of `pca.ts` and its tests: Gram–Schmidt
 * orthonormalisation, the eigen-decomposition of a small symmetric matrix (Jacobi rotations), the
 * numerical rank of a positive semi-definite matrix (pivoted Cholesky), and the principal angles
 * between two subspaces. Matrices are row-major `Float64Array`s.
 */

/**
 * Orthonormalises the columns of the row-major [rows × cols] matrix in place (modified
 * Gram–Schmidt, applied twice for accuracy). A column that vanishes is replaced by a unit
 * coordinate vector orthogonal to the others.
 */
export function orthonormalizeColumns(a: Float64Array, rows: number, cols: number): void {
  for (let c = 0; c < cols; c++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let j = 0; j < rows; j++) dot += (a[j * cols + p] ?? 0) * (a[j * cols + c] ?? 0);
        for (let j = 0; j < rows; j++) a[j * cols + c] = (a[j * cols + c] ?? 0) - dot * (a[j * cols + p] ?? 0);
      }
    }
    let norm = 0;
    for (let j = 0; j < rows; j++) norm += (a[j * cols + c] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-300) {
      // Degenerate: try coordinate vectors until one survives the projection.
      for (let e = 0; e < rows; e++) {
        for (let j = 0; j < rows; j++) a[j * cols + c] = j === e ? 1 : 0;
        for (let p = 0; p < c; p++) {
          const dot = a[e * cols + p] ?? 0;
          for (let j = 0; j < rows; j++) a[j * cols + c] = (a[j * cols + c] ?? 0) - dot * (a[j * cols + p] ?? 0);
        }
        norm = 0;
        for (let j = 0; j < rows; j++) norm += (a[j * cols + c] ?? 0) ** 2;
        norm = Math.sqrt(norm);
        if (norm > 1e-8) break;
      }
    }
    for (let j = 0; j < rows; j++) a[j * cols + c] = (a[j * cols + c] ?? 0) / norm;
  }
}

/**
 * Eigen-decomposition of a small symmetric matrix (row-major, size × size) by cyclic Jacobi
 * rotations. Returns the eigenvalues in decreasing order and the matching unit eigenvectors as
 * rows of `vectors` (row i belongs to values[i]).
 */
export function symmetricEigen(matrix: ArrayLike<number>, size: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from({ length: size * size }, (_, t) => matrix[t] ?? 0);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < size; p++) {
      diag += (a[p * size + p] ?? 0) ** 2;
      for (let r = p + 1; r < size; r++) off += (a[p * size + r] ?? 0) ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < size - 1; p++) {
      for (let r = p + 1; r < size; r++) {
        const apr = a[p * size + r] ?? 0;
        if (apr === 0) continue;
        const app = a[p * size + p] ?? 0;
        const arr = a[r * size + r] ?? 0;
        const theta = (arr - app) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let m = 0; m < size; m++) {
          const amp = a[m * size + p] ?? 0;
          const amr = a[m * size + r] ?? 0;
          a[m * size + p] = cos * amp - sin * amr;
          a[m * size + r] = sin * amp + cos * amr;
        }
        for (let m = 0; m < size; m++) {
          const apm = a[p * size + m] ?? 0;
          const arm = a[r * size + m] ?? 0;
          a[p * size + m] = cos * apm - sin * arm;
          a[r * size + m] = sin * apm + cos * arm;
        }
        for (let m = 0; m < size; m++) {
          const vmp = v[m * size + p] ?? 0;
          const vmr = v[m * size + r] ?? 0;
          v[m * size + p] = cos * vmp - sin * vmr;
          v[m * size + r] = sin * vmp + cos * vmr;
        }
      }
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((i, j) => (a[j * size + j] ?? 0) - (a[i * size + i] ?? 0));
  const values = Float64Array.from(order, (i) => a[i * size + i] ?? 0);
  const vectors = new Float64Array(size * size);
  order.forEach((i, row) => {
    for (let m = 0; m < size; m++) vectors[row * size + m] = v[m * size + i] ?? 0;
  });
  return { values, vectors };
}

/**
 * The principal angles (radians, increasing) between the subspaces spanned by the rows of `a`
 * ([ka × dim]) and of `b` ([kb × dim]); min(ka, kb) of them. All zero means one subspace lies
 * inside the other (the same subspace when ka = kb). The rows need not be orthonormal, only
 * linearly independent.
 */
export function principalAngles(a: ArrayLike<number>, ka: number, b: ArrayLike<number>, kb: number, dim: number): Float64Array {
  const qa = transposeRows(a, ka, dim);
  const qb = transposeRows(b, kb, dim);
  orthonormalizeColumns(qa, dim, ka);
  orthonormalizeColumns(qb, dim, kb);
  // M = Qaᵀ Qb [ka × kb]; its singular values are the cosines. Use the smaller Gram matrix.
  const m = new Float64Array(ka * kb);
  for (let r = 0; r < ka; r++) {
    for (let c = 0; c < kb; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (qa[j * ka + r] ?? 0) * (qb[j * kb + c] ?? 0);
      m[r * kb + c] = s;
    }
  }
  const small = Math.min(ka, kb);
  const gram = new Float64Array(small * small);
  for (let r = 0; r < small; r++) {
    for (let c = 0; c < small; c++) {
      let s = 0;
      if (ka <= kb) for (let t = 0; t < kb; t++) s += (m[r * kb + t] ?? 0) * (m[c * kb + t] ?? 0);
      else for (let t = 0; t < ka; t++) s += (m[t * kb + r] ?? 0) * (m[t * kb + c] ?? 0);
      gram[r * small + c] = s;
    }
  }
  const { values } = symmetricEigen(gram, small);
  return Float64Array.from(values, (v) => Math.acos(Math.min(1, Math.sqrt(Math.max(0, v))))).sort();
}

/** Rows of a [k × dim] → a row-major [dim × k] matrix (the rows become columns). */
function transposeRows(a: ArrayLike<number>, k: number, dim: number): Float64Array {
  const out = new Float64Array(dim * k);
  for (let r = 0; r < k; r++) for (let j = 0; j < dim; j++) out[j * k + r] = a[r * dim + j] ?? 0;
  return out;
}

/**
 * The numerical rank of a symmetric positive semi-definite matrix (row-major, size × size), by
 * Cholesky factorisation with complete pivoting: at each step the largest remaining diagonal
 * entry is eliminated, and the factorisation stops when it falls below `relTol` times the largest
 * diagonal entry of the input. O(size³), a fraction of a Jacobi eigen-decomposition's cost, so a
 * 784 × 784 pixel covariance takes about a second.
 */
export function numericalRank(matrix: ArrayLike<number>, size: number, relTol = 1e-10): number {
  const a = Float64Array.from({ length: size * size }, (_, t) => matrix[t] ?? 0);
  const order = Array.from({ length: size }, (_, i) => i);
  let maxDiag = 0;
  for (let i = 0; i < size; i++) maxDiag = Math.max(maxDiag, a[i * size + i] ?? 0);
  if (!(maxDiag > 0)) return 0;
  for (let k = 0; k < size; k++) {
    let best = k;
    for (let j = k + 1; j < size; j++) {
      const oj = order[j]!;
      const ob = order[best]!;
      if ((a[oj * size + oj] ?? 0) > (a[ob * size + ob] ?? 0)) best = j;
    }
    [order[k], order[best]] = [order[best]!, order[k]!];
    const p = order[k]!;
    const pivot = a[p * size + p] ?? 0;
    if (!(pivot > relTol * maxDiag)) return k;
    // Schur complement: A_ij -= A_ip A_pj / A_pp over the rows and columns not yet eliminated.
    for (let i = k + 1; i < size; i++) {
      const oi = order[i]!;
      const f = (a[oi * size + p] ?? 0) / pivot;
      if (f === 0) continue;
      for (let j = k + 1; j < size; j++) {
        const oj = order[j]!;
        a[oi * size + oj] = (a[oi * size + oj] ?? 0) - f * (a[p * size + oj] ?? 0);
      }
    }
  }
  return size;
}
