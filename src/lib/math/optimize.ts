/**
 * Derivative-free minimisation for the small problems of the theory widgets, such as fitting
 * the two parameters of a Gaussian q by maximising an ELBO.
 */

export interface NelderMeadOptions {
  /** Size of the initial simplex along each coordinate (default 0.1 for every coordinate). */
  readonly step?: readonly number[];
  /** Stop after this many iterations (default 2000). */
  readonly maxIterations?: number;
  /** Stop when the simplex's function values differ by less than this… (default 1e-14) */
  readonly fTolerance?: number;
  /** …and its vertices by less than this in every coordinate (default 1e-10). */
  readonly xTolerance?: number;
}

export interface NelderMeadResult {
  /** The best point found. */
  readonly x: number[];
  /** f at that point. */
  readonly f: number;
  readonly iterations: number;
  /** True if the tolerances were met before `maxIterations`. */
  readonly converged: boolean;
}

/** A vertex of the simplex with its function value. */
interface Vertex {
  x: number[];
  f: number;
}

/**
 * Minimises f by the Nelder–Mead simplex method with the standard coefficients (reflection 1,
 * expansion 2, contraction ½, shrink ½). It needs no gradients, which suits objectives that are
 * themselves computed by quadrature. f may return +Infinity to mark a point as infeasible; such
 * a point is never accepted over a finite one.
 *
 * The method finds a local minimum near `x0`; callers that fear several minima start it from
 * several points and keep the best.
 */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  if (n === 0) throw new RangeError('x0 must have at least one coordinate');
  const { maxIterations = 2000, fTolerance = 1e-14, xTolerance = 1e-10 } = options;
  const step = options.step ?? Array.from({ length: n }, () => 0.1);
  const evaluate = (x: number[]): Vertex => {
    const value = f(x);
    return { x, f: Number.isNaN(value) ? Infinity : value };
  };

  const simplex: Vertex[] = [evaluate([...x0])];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] = (x[i] ?? 0) + (step[i] ?? 0.1);
    simplex.push(evaluate(x));
  }

  /** A point on the line from the centroid through the worst vertex: c + t·(c − worst). */
  const along = (centroid: number[], worst: number[], t: number) => centroid.map((c, i) => c + t * (c - (worst[i] ?? 0)));

  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0] as Vertex;
    const worst = simplex[n] as Vertex;
    const secondWorst = simplex[n - 1] as Vertex;

    const fSpread = Math.abs(worst.f - best.f);
    let xSpread = 0;
    for (const v of simplex) {
      for (let i = 0; i < n; i++) xSpread = Math.max(xSpread, Math.abs((v.x[i] ?? 0) - (best.x[i] ?? 0)));
    }
    if (fSpread <= fTolerance * (1 + Math.abs(best.f)) && xSpread <= xTolerance) {
      converged = true;
      break;
    }

    const centroid = Array.from({ length: n }, (_, i) => {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += simplex[j]?.x[i] ?? 0;
      return sum / n;
    });

    const reflected = evaluate(along(centroid, worst.x, 1));
    if (reflected.f < best.f) {
      const expanded = evaluate(along(centroid, worst.x, 2));
      simplex[n] = expanded.f < reflected.f ? expanded : reflected;
      continue;
    }
    if (reflected.f < secondWorst.f) {
      simplex[n] = reflected;
      continue;
    }
    // Contract towards the better of the worst vertex and its reflection.
    const outside = reflected.f < worst.f;
    const contracted = evaluate(along(centroid, worst.x, outside ? 0.5 : -0.5));
    if (contracted.f < (outside ? reflected.f : worst.f)) {
      simplex[n] = contracted;
      continue;
    }
    // Shrink every vertex halfway towards the best one.
    for (let j = 1; j <= n; j++) {
      const v = simplex[j] as Vertex;
      simplex[j] = evaluate(v.x.map((xi, i) => (best.x[i] ?? 0) + 0.5 * (xi - (best.x[i] ?? 0))));
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  const best = simplex[0] as Vertex;
  return { x: best.x, f: best.f, iterations, converged };
}
