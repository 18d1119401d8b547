/** paddedDomain (src/lib/plot/chart-frame.ts): the axis extent of every chart, picked from the data. */
import { describe, expect, it } from 'vitest';
import { paddedDomain } from '../../../../src/lib/plot/chart-frame.ts';

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
