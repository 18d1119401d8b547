/** extent, paddedDomain and niceAxis (src/lib/plot/extent.ts): the axis extents of every chart. */
import { describe, expect, it } from 'vitest';
import { extent, niceAxis, paddedDomain } from '../../src/lib/plot/extent';

describe('extent(values)', () => {
  it('extent(values) is the smallest and largest finite value, and undefined without one', () => {
    expect(extent([3, Number.NaN, -2, Infinity, 5])).toEqual([-2, 5]);
    expect(extent(new Float64Array([1]))).toEqual([1, 1]);
    expect(extent([Number.NaN, -Infinity])).toBeUndefined();
    expect(extent([])).toBeUndefined();
  });
});

describe('paddedDomain(values, options)', () => {
  it('paddedDomain(values) spans the finite values, padded by a fraction of the span', () => {
    expect(paddedDomain([-6, -2, Number.NaN], { pad: 0.05 })).toEqual([-6.2, -1.8]);
    expect(paddedDomain([1, 3])).toEqual([1, 3]);
  });

  it('paddedDomain(values, { zero }) includes 0 and never pads past it (bars and densities start on the axis)', () => {
    const [lo, hi] = paddedDomain([0.2, 0.9], { zero: true, pad: 0.1 });
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.99, 12);
    const [nlo, nhi] = paddedDomain([-4, -1], { zero: true, pad: 0.25 });
    expect(nlo).toBe(-5);
    expect(nhi).toBe(0);
    expect(paddedDomain([-2, 3], { zero: true, pad: 0.1 })).toEqual([-2.5, 3.5]);
  });

  it('paddedDomain pads by at least minPad, in data units', () => {
    expect(paddedDomain([-3, -3], { pad: 0.05, minPad: 0.01 })).toEqual([-3.01, -2.99]);
  });

  it('paddedDomain is never empty: equal values get ± flat (from 0 with zero), no finite value gives `empty`', () => {
    expect(paddedDomain([2, 2], { flat: 0.5 })).toEqual([1.5, 2.5]);
    expect(paddedDomain([0, 0, 0], { zero: true })).toEqual([0, 1]);
    expect(paddedDomain(new Uint32Array(4), { zero: true, pad: 0.08 })).toEqual([0, 1]);
    expect(paddedDomain([Number.NaN])).toEqual([0, 1]);
    expect(paddedDomain([], { empty: [-1, 0] })).toEqual([-1, 0]);
  });
});

describe('niceAxis(domain, count)', () => {
  it('niceAxis(domain, count) widens the domain to round numbers and lists round ticks inside it', () => {
    const { domain, ticks } = niceAxis([-7.3, 0], 6);
    expect(domain).toEqual([-8, 0]);
    expect(ticks).toEqual([-8, -7, -6, -5, -4, -3, -2, -1, 0]);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(domain[0]);
      expect(t).toBeLessThanOrEqual(domain[1]);
    }
  });
});
