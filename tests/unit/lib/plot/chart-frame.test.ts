/**
 * paddedDomain (src/lib/plot/chart-frame.ts): the axis extent of every chart, picked from the data;
 * chartWidth and scaledTicks: a chart's viewBox width and tick count, from its container's width.
 */
import { describe, expect, it } from 'vitest';
import { chartWidth, DEFAULT_WIDTH, paddedDomain, scaledTicks } from '../../../../src/lib/plot/chart-frame.ts';

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

describe('chartWidth(element) and scaledTicks(count, width)', () => {
  /** An element laid out `width` px wide (0: not laid out, e.g. hidden), inside `parent`. */
  const box = (width: number, parent: Element | null = null) => ({ getBoundingClientRect: () => ({ width }), parentElement: parent }) as unknown as Element;

  it('chartWidth is the width the element is laid out at, within [320, 640]', () => {
    expect(chartWidth(box(342))).toBe(342);
    expect(chartWidth(box(342.6))).toBe(343);
    expect(chartWidth(box(1200))).toBe(DEFAULT_WIDTH);
    expect(chartWidth(box(200))).toBe(320);
  });

  it('chartWidth of a hidden element is its nearest laid-out ancestor’s, and 640 where nothing is laid out', () => {
    expect(chartWidth(box(0, box(0, box(324))))).toBe(324);
    expect(chartWidth(box(0, box(0)))).toBe(DEFAULT_WIDTH);
    expect(chartWidth(null)).toBe(DEFAULT_WIDTH);
  });

  it('scaledTicks keeps the count at the default width, scales it down on a narrower chart, and never asks for fewer than 3', () => {
    expect(scaledTicks(8, DEFAULT_WIDTH)).toBe(8);
    expect(scaledTicks(8, 342)).toBe(4);
    expect(scaledTicks(10, 342)).toBe(5);
    expect(scaledTicks(4, 320)).toBe(3);
  });
});
