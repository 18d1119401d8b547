/** The hole test for 2-D codes (src/lib/math/code-holes.ts), used by the autoencoder lab and its figure task. */
import { describe, expect, it } from 'vitest';
import { countHoles, fittedGaussianCodes, holeThreshold, nearestDistances, uniformCodes } from '../../../../src/lib/math/code-holes.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';

describe('holes', () => {
  it('uniformCodes(count, domain, rng) draws inside the rectangle and covers it', () => {
    const points = uniformCodes(
      1000,
      [
        [-1, 3],
        [10, 11],
      ],
      mulberry32(1),
    );
    const xs = points.filter((_, i) => i % 2 === 0);
    const ys = points.filter((_, i) => i % 2 === 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...xs)).toBeLessThan(3);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...ys)).toBeLessThan(11);
    expect(xs.reduce((s, v) => s + v, 0) / 1000).toBeCloseTo(1, 0);
  });

  it('nearestDistances measures to the nearest data code; holeThreshold is a quantile of the data’s own neighbour distances', () => {
    // A unit-spaced 10 × 10 grid: every point's nearest neighbour is at distance 1.
    const grid = Float64Array.from({ length: 200 }, (_, t) => (t % 2 === 0 ? Math.floor(t / 2) % 10 : Math.floor(t / 20)));
    expect(holeThreshold(grid)).toBe(1);
    expect(Array.from(nearestDistances([0.5, 0, 20, 9], grid))).toEqual([0.5, 11]);
    // Inside the grid no point is farther than √0.5 from a grid point; far outside, everything is a hole.
    expect(
      countHoles(
        uniformCodes(
          500,
          [
            [0, 9],
            [0, 9],
          ],
          mulberry32(2),
        ),
        grid,
      ),
    ).toBe(0);
    expect(
      countHoles(
        uniformCodes(
          50,
          [
            [30, 40],
            [30, 40],
          ],
          mulberry32(3),
        ),
        grid,
      ),
    ).toBe(50);
  });

  it('fittedGaussianCodes draws from the Gaussian with the codes’ mean and covariance', () => {
    const rng = mulberry32(4);
    const codes = Float64Array.from({ length: 2 * 4000 }, () => 0);
    for (let i = 0; i < 4000; i++) {
      const a = rng() - 0.5;
      codes[2 * i] = 2 + 6 * a;
      codes[2 * i + 1] = -1 + 3 * a + (rng() - 0.5);
    }
    const drawn = fittedGaussianCodes(codes, 40_000, mulberry32(5));
    const moments = (p: ArrayLike<number>) => {
      const n = p.length / 2;
      let mx = 0,
        my = 0;
      for (let i = 0; i < n; i++) {
        mx += (p[2 * i] ?? 0) / n;
        my += (p[2 * i + 1] ?? 0) / n;
      }
      let sxx = 0,
        sxy = 0,
        syy = 0;
      for (let i = 0; i < n; i++) {
        const dx = (p[2 * i] ?? 0) - mx,
          dy = (p[2 * i + 1] ?? 0) - my;
        sxx += (dx * dx) / n;
        sxy += (dx * dy) / n;
        syy += (dy * dy) / n;
      }
      return [mx, my, sxx, sxy, syy];
    };
    const expected = moments(codes);
    moments(drawn).forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 1));
  });
});
