/**
 * SVG path data of curves given as columns (`x[i]`, `y[i]`), for the charts that draw densities
 * and training curves: the curve itself, and the area between it and y = 0.
 */
import type { ScaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';

export interface Columns {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export function curvePaths(x: ScaleLinear<number, number>, y: ScaleLinear<number, number>) {
  const points = (c: Columns) => Array.from(c.x, (xi, i) => [xi, c.y[i] ?? 0] as [number, number]);
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  const under = area<[number, number]>()
    .x((d) => x(d[0]))
    .y0(y(0))
    .y1((d) => y(d[1]));
  return { line: (c: Columns) => path(points(c)), area: (c: Columns) => under(points(c)) };
}
