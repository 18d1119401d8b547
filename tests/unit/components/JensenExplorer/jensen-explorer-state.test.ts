import { describe, expect, it } from 'vitest';
import {
  clampPoint,
  clampWeight,
  INITIAL_STATE,
  MAX_POINTS,
  newPointPosition,
  normalizeState,
  parseState,
  POINT,
  serializeState,
  withPoints,
} from '../../../../src/components/JensenExplorer/state.ts';
import { jensenLog } from '../../../../src/lib/math/jensen.ts';

describe('Jensen explorer state', () => {
  it("INITIAL_STATE is the chapter's example: 1 and 9 with equal weights, gap log(5/3)", () => {
    expect(jensenLog([...INITIAL_STATE.xs], [...INITIAL_STATE.ws]).gap).toBeCloseTo(Math.log(5 / 3), 14);
  });

  it('clampPoint and clampWeight keep values positive, in range and at 0.01 resolution', () => {
    expect(clampPoint('3.14159')).toBe(3.14);
    expect(clampPoint(0)).toBe(POINT.min);
    expect(clampPoint(-Infinity)).toBe(POINT.min);
    expect(clampPoint('1e999')).toBe(POINT.max);
    expect(clampPoint('abc', 2)).toBe(2);
    expect(clampWeight(-1)).toBe(0);
    expect(clampWeight('0.333')).toBe(0.33);
    expect(clampWeight(5)).toBe(1);
    expect(clampWeight('')).toBe(0.5);
  });

  it('newPointPosition(xs) goes to the middle of the widest empty stretch, never onto a point', () => {
    expect(newPointPosition([1, 9])).toBe(5);
    expect(newPointPosition([])).toBe(5.05);
    const xs = [0.1, 2, 4, 6, 8];
    expect(xs).not.toContain(newPointPosition(xs));
  });

  it('withPoints(state, xs, change) keeps each weight with its point through adds and removes', () => {
    const state = { xs: [1, 5, 9], ws: [0.1, 0.2, 0.3] };
    expect(withPoints(state, [1, 9], { kind: 'remove', index: 1 })).toEqual({ xs: [1, 9], ws: [0.1, 0.3] });
    expect(withPoints(state, [1, 5, 9, 3], { kind: 'add', index: 3 })).toEqual({ xs: [1, 5, 9, 3], ws: [0.1, 0.2, 0.3, 0.5] });
    expect(withPoints(state, [1.234, 5, 99], { kind: 'move', index: 0 })).toEqual({ xs: [1.23, 5, 10], ws: [0.1, 0.2, 0.3] });
  });

  it('normalizeState keeps 1 to 6 valid points with one weight each, else falls back to the initial state', () => {
    expect(normalizeState({ xs: ['abc', 2, 'x'], ws: [] })).toEqual({ xs: [2], ws: [0.5] });
    expect(normalizeState({ xs: ['abc'], ws: [1] })).toEqual(INITIAL_STATE);
    expect(normalizeState({ xs: Array.from({ length: 10 }, (_, i) => i + 1), ws: [] }).xs).toHaveLength(MAX_POINTS);
  });

  it('parseState and serializeState round-trip through the URL, leaving other parameters alone', () => {
    const state = { xs: [0.5, 2.25, 7], ws: [1, 0, 0.25] };
    const search = serializeState(state, new URLSearchParams('gap-x=1'));
    expect(search.get('gap-x')).toBe('1');
    expect(search.get('jensen-x')).toBe('0.50,2.25,7.00');
    expect(parseState(search)).toEqual(state);
    expect(parseState(new URLSearchParams(''))).toEqual(INITIAL_STATE);
    expect(parseState(new URLSearchParams('jensen-x=0,abc,99&jensen-w=-1'))).toEqual({ xs: [0.1, 10], ws: [0, 0.5] });
  });
});
