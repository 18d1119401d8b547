/**
 * Code points for the latent widgets, as plain numbers: seeded draws from N(0, I) and a grid over
 * a 2-D domain. The model is run over them by `src/lib/vae/readout` (`decodeCodes`, `encodeSplit`).
 */
import { mulberry32, standardNormal } from '../../lib/math/random.ts';

/** `count` codes of dimension `dim` from N(0, I), row after row; the same seed gives the same codes. */
export function normalCodes(count: number, dim: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: count * dim }, () => standardNormal(rng));
}

/** A `side × side` grid of 2-D points spanning the domain, top row first (largest z₂). */
export function gridPoints(side: number, [[x0, x1], [y0, y1]]: readonly [readonly [number, number], readonly [number, number]]): Float32Array {
  const points = new Float32Array(side * side * 2);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const k = row * side + col;
      points[2 * k] = x0 + ((col + 0.5) / side) * (x1 - x0);
      points[2 * k + 1] = y1 - ((row + 0.5) / side) * (y1 - y0);
    }
  }
  return points;
}
