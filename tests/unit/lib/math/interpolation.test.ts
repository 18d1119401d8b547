/**
 * Latent paths (src/lib/math/interpolation.ts) and the plain helpers of the chapter 6 widgets:
 * the interpolation strip's test images and the β-collapse bars' order and active-unit count.
 */
import { describe, expect, it } from 'vitest';
import { angleBetween, interpolate, interpolationPath, norm } from '../../../../src/lib/math/interpolation.ts';
import { drawNormal } from '../../../../src/lib/math/gaussian.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { barOrder } from '../../../../src/components/BetaCollapse/kl-bars.ts';
import { ACTIVE_UNIT_THRESHOLD, countActiveUnits } from '../../../../src/lib/vae/losses.ts';
import { SLOTS, stripIndices } from '../../../../src/components/LatentInterpolation/choices.ts';
import { expectRelClose } from '../../approx.ts';

describe('interpolate(a, b, t, kind)', () => {
  it('both paths start at a and end at b', () => {
    const a = [1, -2, 0.5];
    const b = [0.3, 4, -1];
    for (const kind of ['linear', 'spherical'] as const) {
      interpolate(a, b, 0, kind).forEach((v, i) => expect(v).toBeCloseTo(a[i] ?? Number.NaN, 12));
      interpolate(a, b, 1, kind).forEach((v, i) => expect(v).toBeCloseTo(b[i] ?? Number.NaN, 12));
    }
  });

  it('the straight path is (1 − t)a + tb', () => {
    expect(Array.from(interpolate([2, 0], [0, 4], 0.25, 'linear'))).toEqual([1.5, 1]);
  });

  it('the spherical path between orthogonal unit vectors stays on the unit circle: (cos tπ/2, sin tπ/2)', () => {
    for (const t of [0.1, 0.5, 0.8]) {
      const [x, y] = interpolate([1, 0], [0, 1], t, 'spherical');
      expect(x).toBeCloseTo(Math.cos((t * Math.PI) / 2), 12);
      expect(y).toBeCloseTo(Math.sin((t * Math.PI) / 2), 12);
    }
    expect(norm(interpolate([1, 0], [0, 1], 0.5, 'linear'))).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('the spherical path keeps the norm of equal-norm codes; for (nearly) parallel codes it is the straight line', () => {
    const rng = mulberry32(3);
    const a = Array.from({ length: 20 }, () => drawNormal({ mu: 0, sigma: 1 }, rng));
    const b0 = Array.from({ length: 20 }, () => drawNormal({ mu: 0, sigma: 1 }, rng));
    const b = b0.map((v) => (v * norm(a)) / norm(b0));
    for (const t of [0.2, 0.5, 0.9]) expectRelClose(norm(interpolate(a, b, t, 'spherical')), norm(a), 1e-12);
    expect(angleBetween(a, a)).toBeCloseTo(0, 6);
    expect(
      Array.from(
        interpolate(
          a,
          a.map((v) => 2 * v),
          0.5,
          'spherical',
        ),
      ),
    ).toEqual(
      Array.from(
        interpolate(
          a,
          a.map((v) => 2 * v),
          0.5,
          'linear',
        ),
      ),
    );
  });

  it('the midpoint of two independent N(0, I) codes in J = 20 dimensions has E‖z‖² = J/2 (straight) but about J (spherical)', () => {
    const rng = mulberry32(11);
    const J = 20;
    const n = 4000;
    let linear = 0;
    let spherical = 0;
    let ends = 0;
    for (let i = 0; i < n; i++) {
      const a = Array.from({ length: J }, () => drawNormal({ mu: 0, sigma: 1 }, rng));
      const b = Array.from({ length: J }, () => drawNormal({ mu: 0, sigma: 1 }, rng));
      linear += norm(interpolate(a, b, 0.5, 'linear')) ** 2;
      spherical += norm(interpolate(a, b, 0.5, 'spherical')) ** 2;
      ends += norm(a) ** 2;
    }
    expectRelClose(ends / n, J, 0.03);
    expectRelClose(linear / n, J / 2, 0.03);
    expectRelClose(spherical / n, J, 0.05);
  });

  it('the spherical path moves the length linearly and stays bounded for nearly opposite codes of different lengths', () => {
    const a = [1, 0];
    const b = [-3, 1e-3];
    for (const t of [0.25, 0.5, 0.75]) expectRelClose(norm(interpolate(a, b, t, 'spherical')), (1 - t) * 1 + t * norm(b), 1e-8);
  });

  it('interpolationPath gives `steps` rows evenly spaced in t and rejects fewer than two steps', () => {
    const path = interpolationPath([0, 0], [9, 18], 10, 'linear');
    expect(path.length).toBe(20);
    expect(Array.from(path.slice(2, 4))).toEqual([1, 2]);
    expect(Array.from(path.slice(18))).toEqual([9, 18]);
    expect(() => interpolationPath([0], [1], 1, 'linear')).toThrow(RangeError);
    expect(() => interpolate([0], [1, 2], 0.5, 'linear')).toThrow(RangeError);
  });
});

describe('the chapter 6 widgets’ helpers', () => {
  it('stripIndices(labels) finds the first image of each digit, then the second 4 and the second 9', () => {
    const labels = [
      7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4, 9, 6, 6, 5, 4, 0, 7, 4, 0, 1, 3, 1, 3, 4, 7, 2, 7, 1, 2, 1, 1, 7, 4, 2, 3, 5, 1, 2, 4, 4, 6,
      3, 5, 5, 6, 0, 4, 1, 9, 5, 7, 8,
    ];
    const indices = stripIndices(labels);
    expect(indices).toHaveLength(SLOTS.count);
    expect(indices.map((i) => labels[i])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 4, 9]);
    expect(indices.slice(0, 3)).toEqual([3, 2, 1]);
    expect(indices.slice(10)).toEqual([6, 9]);
    expect(() => stripIndices([0, 1, 2])).toThrow(/digit 3/);
  });

  it('countActiveUnits counts the dimensions above 0.01 nats; barOrder sorts by decreasing KL, ties by dimension', () => {
    expect(ACTIVE_UNIT_THRESHOLD).toBe(0.01);
    expect(countActiveUnits([0.5, 0.01, 0.011, 0, 2])).toBe(3);
    expect(barOrder([0.2, 1, 0.2, 3], false)).toEqual([0, 1, 2, 3]);
    expect(barOrder([0.2, 1, 0.2, 3], true)).toEqual([3, 1, 0, 2]);
  });
});
