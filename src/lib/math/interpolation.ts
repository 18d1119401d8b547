/**
 * Paths between two latent codes, for interpolation figures: the straight line and the great-
 * circle ("spherical") path. Plain numbers in and out; the widgets decode the points.
 *
 *   linear     z(t) = (1 − t) a + t b
 *   spherical  z(t) = r(t) · [sin((1 − t) Ω) â + sin(t Ω) b̂] / sin Ω,
 *              â = a/‖a‖, b̂ = b/‖b‖, cos Ω = â·b̂, r(t) = (1 − t)‖a‖ + t‖b‖
 *
 * The spherical path turns the direction along the great circle from â to b̂ (the bracket is a
 * unit vector for every t) while the length moves linearly from ‖a‖ to ‖b‖. For ‖a‖ = ‖b‖ this is
 * the usual "slerp" sin((1 − t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b; unlike that formula applied to
 * codes of different lengths, it stays bounded when a and b point in nearly opposite directions.
 *
 * Under the prior N(0, I) in J dimensions a code's squared norm has mean J, so codes live near
 * the sphere of radius √J. The midpoint of the straight line between two independent prior
 * codes is N(0, ½ I), with squared norm J/2: it cuts through the less typical inside of that
 * shell, while every point of the spherical path has a typical length.
 */

export type PathKind = 'linear' | 'spherical';

/** Below this angle (radians) the spherical path is replaced by the straight line (sin Ω → 0). */
const SMALL_ANGLE = 1e-6;

/** The Euclidean norm of `v`. */
export function norm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] ?? 0) ** 2;
  return Math.sqrt(sum);
}

/** The angle Ω ∈ [0, π] between a and b (0 if either is the zero vector). */
export function angleBetween(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return Math.acos(Math.min(1, Math.max(-1, dot / (na * nb))));
}

/** The point at fraction t ∈ [0, 1] of the `kind` path from a to b. */
export function interpolate(a: ArrayLike<number>, b: ArrayLike<number>, t: number, kind: PathKind): Float64Array {
  if (a.length !== b.length) throw new RangeError(`interpolate: codes of lengths ${a.length} and ${b.length}`);
  let wa = 1 - t;
  let wb = t;
  const omega = kind === 'spherical' ? angleBetween(a, b) : 0;
  if (omega > SMALL_ANGLE) {
    const [na, nb] = [norm(a), norm(b)];
    const length = (1 - t) * na + t * nb;
    const s = Math.sin(omega);
    wa = (length * Math.sin((1 - t) * omega)) / (s * na);
    wb = (length * Math.sin(t * omega)) / (s * nb);
  }
  return Float64Array.from({ length: a.length }, (_, i) => wa * (a[i] ?? 0) + wb * (b[i] ?? 0));
}

/**
 * `steps` points (≥ 2) evenly spaced in t from a (t = 0) to b (t = 1), as one row-major array
 * [steps · dim], ready to decode as a batch.
 */
export function interpolationPath(a: ArrayLike<number>, b: ArrayLike<number>, steps: number, kind: PathKind): Float32Array {
  if (!(Number.isInteger(steps) && steps >= 2)) throw new RangeError(`interpolationPath: steps must be an integer >= 2, got ${steps}`);
  const dim = a.length;
  const out = new Float32Array(steps * dim);
  for (let k = 0; k < steps; k++) out.set(interpolate(a, b, k / (steps - 1), kind), k * dim);
  return out;
}
