import { describe, expect, it } from 'vitest';
import { agreement, clampToDomain, codesWithLabel, DOMAIN, INITIAL_STATE, labelFromKey, priorDraw } from '../../../../src/components/CvaeExplorer/state.ts';

describe('CVAE explorer state', () => {
  it('INITIAL_STATE is a valid label and a code inside the pad', () => {
    expect(Number.isInteger(INITIAL_STATE.label)).toBe(true);
    expect(INITIAL_STATE.label).toBeGreaterThanOrEqual(0);
    expect(INITIAL_STATE.label).toBeLessThanOrEqual(9);
    expect(clampToDomain(INITIAL_STATE.z)).toEqual(INITIAL_STATE.z);
  });

  it('clampToDomain(z) keeps codes inside [−3, 3]² and moves outside ones to the edge', () => {
    expect(clampToDomain([1.5, -2])).toEqual([1.5, -2]);
    expect(clampToDomain([4, -7])).toEqual([3, -3]);
    expect(clampToDomain([-3.0001, 3])).toEqual([-3, 3]);
    expect(
      clampToDomain(
        [0, 0.5],
        [
          [1, 2],
          [0, 1],
        ],
      ),
    ).toEqual([1, 0.5]);
  });

  it('priorDraw(n) is reproducible, differs between presses, stays on the pad and looks standard normal', () => {
    expect(priorDraw(1)).toEqual(priorDraw(1));
    expect(priorDraw(1)).not.toEqual(priorDraw(2));
    const n = 4000;
    let sum = 0;
    let sumSq = 0;
    let product = 0;
    for (let i = 1; i <= n; i++) {
      const [a, b] = priorDraw(i);
      for (const v of [a, b]) {
        expect(v).toBeGreaterThanOrEqual(DOMAIN[0][0]);
        expect(v).toBeLessThanOrEqual(DOMAIN[0][1]);
      }
      sum += a + b;
      sumSq += a * a + b * b;
      product += a * b;
    }
    // Mean 0, variance 1 (a little under: clamping at ±3 removes 0.27 % of the tails), uncorrelated.
    expect(Math.abs(sum / (2 * n))).toBeLessThan(0.05);
    expect(Math.abs(sumSq / (2 * n) - 1)).toBeLessThan(0.06);
    expect(Math.abs(product / n)).toBeLessThan(0.05);
  });

  it('labelFromKey(key) reads the digit keys and nothing else', () => {
    expect(labelFromKey('0')).toBe(0);
    expect(labelFromKey('7')).toBe(7);
    for (const key of ['a', 'ArrowUp', '10', '', ' ', 'Digit3']) expect(labelFromKey(key)).toBeUndefined();
  });

  it('agreement(readings) counts the readings that equal their position (the requested label)', () => {
    expect(agreement([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe(10);
    expect(agreement([0, 7, 2, 3, 4, 5, 6, 7, 3, 9])).toBe(8);
    expect(agreement([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])).toBe(0);
    expect(agreement(Int32Array.from([0, 1, 1]))).toBe(2);
  });

  it('codesWithLabel(codes, labels, label) keeps exactly the points of that label, in order', () => {
    const codes = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    const labels = Uint8Array.from([3, 1, 3, 0]);
    const chosen = codesWithLabel(codes, labels, 3);
    expect(Array.from(chosen.codes)).toEqual([0, 1, 4, 5]);
    expect(Array.from(chosen.labels)).toEqual([3, 3]);
    expect(codesWithLabel(codes, labels, 9).codes.length).toBe(0);
  });
});
