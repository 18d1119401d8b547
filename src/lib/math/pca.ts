/**
 * Principal component analysis in plain numbers, fast enough for the browser on a few thousand
 * MNIST images (5,000 × 784 in well under a second).
 *
 * For data rows x₁ … x_n ∈ ℝ^d with mean μ, the sample covariance is
 *   C = Xcᵀ Xc / (n − 1),   Xc = X − 1μᵀ (the centred data, n × d).
 * The principal directions are the eigenvectors u₁, u₂, … of C in order of decreasing eigenvalue
 * λ₁ ≥ λ₂ ≥ …; λᵢ is the variance of the data along uᵢ, and the projections Xc uᵢ are centred
 * and uncorrelated.
 *
 * Only the top k directions are wanted, so C (784 × 784) is never formed or fully decomposed.
 * Subspace iteration with Rayleigh–Ritz works on a block Q of b = k + oversample orthonormal
 * columns and only ever needs the product C·Q, computed as Xcᵀ(Xc Q) from the raw rows:
 *   Xc Q = X Q − 1(μᵀQ),   Xcᵀ Y = Xᵀ Y − μ(1ᵀY),
 * over a sparse copy of X (about four fifths of an MNIST image's pixels are zero), so no dense
 * centred copy is made. Each round:
 *   Z = C Q;  B = Qᵀ Z (b × b);  B = V Λ Vᵀ;  Ritz vectors U = Q V, Ritz values Λ;
 *   stop when ‖C uᵢ − λᵢ uᵢ‖ ≤ tol·λᵢ for the top k (C U = Z V is at hand);  else Q ← orth(Z V).
 * The extra columns make the iteration converge at the rate λ_{b+1}/λ_k instead of λ_{k+1}/λ_k,
 * which matters for MNIST, whose leading eigenvalues are close together.
 */
import { orthonormalizeColumns, symmetricEigen } from './linalg.ts';
import { mulberry32, standardNormal } from './random.ts';

export interface PcaOptions {
  /** Number of principal components k (≥ 1, ≤ dim). */
  readonly components: number;
  /** Extra columns in the iterated block (speeds convergence). Default 8. */
  readonly oversample?: number;
  /** Stop when every top-k residual ‖C u − λ u‖ ≤ tolerance · λ. Default 1e-9. */
  readonly tolerance?: number;
  /** Give up refining after this many rounds (the result is still the best so far). Default 500. */
  readonly maxIterations?: number;
  /** Multiplies every data value (e.g. 1/255 for grey levels stored as bytes). Default 1. */
  readonly scale?: number;
  /** Seed of the random starting block. Default 1. */
  readonly seed?: number;
}

export interface Pca {
  readonly count: number;
  readonly dim: number;
  /** [dim] the data mean μ. */
  readonly mean: Float64Array;
  /**
   * [k · dim] the principal directions u₁ … u_k as unit-length rows, in order of decreasing
   * variance. Each is defined up to sign; the sign is fixed so that its largest-magnitude entry
   * is positive.
   */
  readonly components: Float64Array;
  /** [k] the variance λᵢ of the data along uᵢ (sample variance, divided by n − 1). */
  readonly variances: Float64Array;
  /** trace C: the total variance, summed over all d coordinates. */
  readonly totalVariance: number;
  /** [k] λᵢ / trace C, the fraction of the total variance each component explains. */
  readonly explainedRatio: Float64Array;
  /** [count · k] row-major: (xⱼ − μ)·uᵢ, the coordinates of each row along the components. */
  readonly projections: Float64Array;
  /** Rounds of subspace iteration used. */
  readonly iterations: number;
  /** Largest relative residual ‖C uᵢ − λᵢ uᵢ‖ / λᵢ over the top k at the end. */
  readonly residual: number;
}

/**
 * PCA of `count` rows of `dim` values, row-major in `data` (any array of numbers, e.g. the
 * `Uint8Array` of MNIST grey levels with `scale: 1/255`).
 */
export function pca(data: ArrayLike<number>, count: number, dim: number, options: PcaOptions): Pca {
  const rounds = pcaRounds(data, count, dim, options);
  for (;;) {
    const next = rounds.next();
    if (next.done) return next.value;
  }
}

/**
 * The same computation as {@link pca}, one round of subspace iteration per `next()` (each yields
 * the round's residual), so a page can spread it over several tasks and stay responsive; the
 * generator's return value is the result.
 */
export function* pcaRounds(data: ArrayLike<number>, count: number, dim: number, options: PcaOptions): Generator<number, Pca, void> {
  const k = options.components;
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`pca needs at least 2 rows, got ${count}`);
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`pca: dim must be a positive integer, got ${dim}`);
  if (!Number.isInteger(k) || k < 1 || k > dim) throw new RangeError(`pca: components must be an integer in 1…${dim}, got ${k}`);
  if (data.length < count * dim) throw new RangeError(`pca: ${count} × ${dim} values expected, got ${data.length}`);
  const scale = options.scale ?? 1;
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  const b = Math.min(dim, k + (options.oversample ?? 8));

  // Mean and total variance (two passes: the mean first, then squared deviations).
  const mean = new Float64Array(dim);
  for (let i = 0; i < count; i++) {
    const o = i * dim;
    for (let j = 0; j < dim; j++) mean[j] = (mean[j] ?? 0) + (data[o + j] ?? 0);
  }
  for (let j = 0; j < dim; j++) mean[j] = ((mean[j] ?? 0) * scale) / count;
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const o = i * dim;
    for (let j = 0; j < dim; j++) {
      const v = (data[o + j] ?? 0) * scale - (mean[j] ?? 0);
      squares += v * v;
    }
  }
  const totalVariance = squares / (count - 1);

  // The random starting block Q [dim × b], row-major.
  const rng = mulberry32(options.seed ?? 1);
  let q: Float64Array = Float64Array.from({ length: dim * b }, () => standardNormal(rng));
  orthonormalizeColumns(q, dim, b);

  const rows = sparseRows(data, count, dim, scale);
  const y = new Float64Array(count * b);
  const z = new Float64Array(dim * b);
  let values: Float64Array = new Float64Array(b);
  let ritz: Float64Array = new Float64Array(dim * b); // U = Q V
  let rotated: Float64Array = new Float64Array(count * b); // Xc U = Y V
  let residual = Number.POSITIVE_INFINITY;
  let iterations = 0;
  for (;;) {
    iterations++;
    centredProduct(rows, count, dim, mean, q, b, y);
    centredTransposeProduct(rows, count, dim, mean, y, b, z);
    for (let t = 0; t < z.length; t++) z[t] = (z[t] ?? 0) / (count - 1);
    // Rayleigh–Ritz on span Q: B = Qᵀ Z, symmetric b × b.
    const small = new Float64Array(b * b);
    for (let r = 0; r < b; r++) {
      for (let c = r; c < b; c++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += (q[j * b + r] ?? 0) * (z[j * b + c] ?? 0);
        small[r * b + c] = s;
        small[c * b + r] = s;
      }
    }
    // Symmetrise (Qᵀ Z is symmetric only up to rounding): average the two triangles.
    for (let r = 0; r < b; r++) {
      for (let c = r + 1; c < b; c++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += (q[j * b + c] ?? 0) * (z[j * b + r] ?? 0);
        const avg = 0.5 * ((small[r * b + c] ?? 0) + s);
        small[r * b + c] = avg;
        small[c * b + r] = avg;
      }
    }
    const eigen = symmetricEigen(small, b);
    values = eigen.values;
    ritz = multiplyBlock(q, dim, b, eigen.vectors);
    rotated = multiplyBlock(y, count, b, eigen.vectors);
    const next = multiplyBlock(z, dim, b, eigen.vectors); // C U
    residual = 0;
    for (let c = 0; c < k; c++) {
      const lambda = values[c] ?? 0;
      let r2 = 0;
      for (let j = 0; j < dim; j++) {
        const d = (next[j * b + c] ?? 0) - lambda * (ritz[j * b + c] ?? 0);
        r2 += d * d;
      }
      residual = Math.max(residual, lambda > 0 ? Math.sqrt(r2) / lambda : Math.sqrt(r2) === 0 ? 0 : Number.POSITIVE_INFINITY);
    }
    if (residual <= tolerance || iterations >= maxIterations) break;
    yield residual;
    orthonormalizeColumns(next, dim, b);
    q = next;
  }

  const components = new Float64Array(k * dim);
  const projections = new Float64Array(count * k);
  const variances = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    // Sign: the largest-magnitude entry positive.
    let largest = 0;
    for (let j = 0; j < dim; j++) {
      const v = ritz[j * b + c] ?? 0;
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    const sign = largest < 0 ? -1 : 1;
    for (let j = 0; j < dim; j++) components[c * dim + j] = sign * (ritz[j * b + c] ?? 0);
    for (let i = 0; i < count; i++) projections[i * k + c] = sign * (rotated[i * b + c] ?? 0);
    variances[c] = Math.max(0, values[c] ?? 0);
  }
  const explainedRatio = variances.map((v) => (totalVariance > 0 ? v / totalVariance : 0));
  return { count, dim, mean, components, variances, totalVariance, explainedRatio, projections, iterations, residual };
}

/** The non-zero entries of the data, scaled, row by row (compressed sparse rows). */
interface SparseRows {
  readonly rowStart: Uint32Array;
  readonly columns: Uint32Array;
  readonly values: Float64Array;
}

function sparseRows(data: ArrayLike<number>, count: number, dim: number, scale: number): SparseRows {
  let nonZero = 0;
  for (let t = 0; t < count * dim; t++) if (data[t] !== 0) nonZero++;
  const rowStart = new Uint32Array(count + 1);
  const columns = new Uint32Array(nonZero);
  const values = new Float64Array(nonZero);
  let p = 0;
  for (let i = 0; i < count; i++) {
    rowStart[i] = p;
    const o = i * dim;
    for (let j = 0; j < dim; j++) {
      const x = data[o + j] ?? 0;
      if (x === 0) continue;
      columns[p] = j;
      values[p] = x * scale;
      p++;
    }
  }
  rowStart[count] = p;
  return { rowStart, columns, values };
}

/** Y = Xc Q = X Q − 1(μᵀQ) from the sparse rows of X. Y is [count × b]. */
function centredProduct(x: SparseRows, count: number, dim: number, mean: Float64Array, q: Float64Array, b: number, y: Float64Array): void {
  const shift = new Float64Array(b);
  for (let j = 0; j < dim; j++) {
    const m = mean[j] ?? 0;
    for (let c = 0; c < b; c++) shift[c] = (shift[c] ?? 0) + m * (q[j * b + c] ?? 0);
  }
  const { rowStart, columns, values } = x;
  for (let i = 0; i < count; i++) {
    const yo = i * b;
    for (let c = 0; c < b; c++) y[yo + c] = -(shift[c] ?? 0);
    const end = rowStart[i + 1] ?? 0;
    for (let p = rowStart[i] ?? 0; p < end; p++) {
      const v = values[p] ?? 0;
      const base = (columns[p] ?? 0) * b;
      for (let c = 0; c < b; c++) y[yo + c] = (y[yo + c] ?? 0) + v * (q[base + c] ?? 0);
    }
  }
}

/** Z = Xcᵀ Y = Xᵀ Y − μ(1ᵀY) from the sparse rows of X. Z is [dim × b]. */
function centredTransposeProduct(x: SparseRows, count: number, dim: number, mean: Float64Array, y: Float64Array, b: number, z: Float64Array): void {
  z.fill(0);
  const columnSums = new Float64Array(b);
  const { rowStart, columns, values } = x;
  for (let i = 0; i < count; i++) {
    const yo = i * b;
    for (let c = 0; c < b; c++) columnSums[c] = (columnSums[c] ?? 0) + (y[yo + c] ?? 0);
    const end = rowStart[i + 1] ?? 0;
    for (let p = rowStart[i] ?? 0; p < end; p++) {
      const v = values[p] ?? 0;
      const base = (columns[p] ?? 0) * b;
      for (let c = 0; c < b; c++) z[base + c] = (z[base + c] ?? 0) + v * (y[yo + c] ?? 0);
    }
  }
  for (let j = 0; j < dim; j++) {
    const m = mean[j] ?? 0;
    for (let c = 0; c < b; c++) z[j * b + c] = (z[j * b + c] ?? 0) - m * (columnSums[c] ?? 0);
  }
}

/** A [rows × b] times the b × b matrix whose column c is row c of `vectors` (eigenvectors as rows). */
function multiplyBlock(a: Float64Array, rows: number, b: number, vectors: Float64Array): Float64Array {
  const out = new Float64Array(rows * b);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < b; c++) {
      let s = 0;
      for (let t = 0; t < b; t++) s += (a[i * b + t] ?? 0) * (vectors[c * b + t] ?? 0);
      out[i * b + c] = s;
    }
  }
  return out;
}
