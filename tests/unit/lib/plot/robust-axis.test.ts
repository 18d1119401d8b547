/** Tests of the loss charts' robust y-limit and compact tick labels (src/lib/plot/robust-axis.ts). */
import { describe, expect, it } from 'vitest';
import { compactTick, robustUpper } from '../../../../src/lib/plot/robust-axis.ts';

describe('robustUpper(values)', () => {
  it('is the maximum for a well-behaved curve (nothing clipped)', () => {
    const falling = Array.from({ length: 50 }, (_, i) => 550 - 8 * i);
    expect(robustUpper(falling)).toEqual({ upper: 550, clipped: false, peak: 550 });
  });

  it('clips a spike to millions at a limit near the bulk of the curve and reports the peak', () => {
    const values = [...Array.from({ length: 60 }, (_, i) => 160 - i / 10), 3.2e6, 150];
    const r = robustUpper(values);
    expect(r.clipped).toBe(true);
    expect(r.peak).toBe(3.2e6);
    expect(r.upper).toBe(160);
  });

  it('keeps the high start of a from-scratch run on the chart', () => {
    const scratch = [550, 320, 250, 210, 190, 180, 175, 170, 168, 165, 163, 160];
    expect(robustUpper(scratch)).toEqual({ upper: 550, clipped: false, peak: 550 });
    // …and still clips a divergence after it, keeping that start.
    expect(robustUpper([...scratch, 2e5, 4e6])).toEqual({ upper: 550, clipped: true, peak: 4e6 });
  });

  it('clips a spike among as few as three readings, ignores non-finite values, and does not clip two', () => {
    expect(robustUpper([150, 152, 1e6])).toEqual({ upper: 152, clipped: true, peak: 1e6 });
    expect(robustUpper([1, 2, Number.NaN, Infinity])).toEqual({ upper: 2, clipped: false, peak: 2 });
    expect(robustUpper([150, 1e6])).toEqual({ upper: 1e6, clipped: false, peak: 1e6 });
    expect(robustUpper([])).toEqual({ upper: 1, clipped: false, peak: 1 });
  });
});

describe('compactTick(value)', () => {
  it('writes large values with an SI suffix in at most five characters', () => {
    expect(compactTick(1_000_000)).toBe('1M');
    expect(compactTick(1_250_000)).toBe('1.25M');
    expect(compactTick(20_000)).toBe('20k');
    expect(compactTick(3.5e9)).toBe('3.5G');
    for (const v of [12_345, 999_999, 4.2e7, 1e11]) expect(compactTick(v).length).toBeLessThanOrEqual(5);
  });

  it('leaves ordinary values as they are', () => {
    expect(compactTick(0)).toBe('0');
    expect(compactTick(150)).toBe('150');
    expect(compactTick(2500)).toBe('2500');
    expect(compactTick(0.5)).toBe('0.5');
    expect(compactTick(0.01)).toBe('0.01');
    expect(compactTick(-20_000)).toBe('-20k');
  });
});
