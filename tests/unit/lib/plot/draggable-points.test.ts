import { describe, expect, it } from 'vitest';
import { addPoint, applyKey, clampPoint, type EditRules, type Point2D, removePoint } from '../../../../src/lib/plot/draggable-points.ts';

const LINE: EditRules = { dims: 1, domain: { x: [-5, 5], y: [0, 0] }, step: 0.1, largeStep: 1, decimals: 2, minPoints: 1, maxPoints: 4 };
const PLANE: EditRules = { dims: 2, domain: { x: [0, 10], y: [-1, 1] }, step: 0.5, largeStep: 2, minPoints: 0, maxPoints: Infinity };
const xs = (points: readonly Point2D[]) => points.map((p) => p[0]);

describe('draggable points: editing rules', () => {
  it('clampPoint(p, rules) clamps into the domain, rounds to the decimals, and maps ±∞/NaN to an end', () => {
    expect(clampPoint([1.23456, 9], LINE)).toEqual([1.23, 0]);
    expect(clampPoint([99, 0], LINE)).toEqual([5, 0]);
    expect(clampPoint([Infinity, 0], LINE)).toEqual([5, 0]);
    expect(clampPoint([Number.NaN, 0], LINE)).toEqual([-5, 0]);
    expect(clampPoint([3, 7], PLANE)).toEqual([3, 1]);
  });

  it('applyKey moves a 1-D point like a slider: arrows by step, Shift and PageUp/PageDown by largeStep, Home/End to the ends', () => {
    const points: Point2D[] = [
      [0, 0],
      [1, 0],
    ];
    const press = (key: string, shift = false) => xs(applyKey(points, 1, key, shift, LINE)?.points ?? []);
    expect(press('ArrowRight')).toEqual([0, 1.1]);
    expect(press('ArrowUp')).toEqual([0, 1.1]);
    expect(press('ArrowLeft')).toEqual([0, 0.9]);
    expect(press('ArrowDown')).toEqual([0, 0.9]);
    expect(press('ArrowRight', true)).toEqual([0, 2]);
    expect(press('PageDown')).toEqual([0, 0]);
    expect(press('Home')).toEqual([0, -5]);
    expect(press('End')).toEqual([0, 5]);
    const edit = applyKey(points, 1, 'ArrowRight', false, LINE);
    expect(edit?.focus).toBe(1);
    expect(edit?.change).toEqual({ kind: 'move', index: 1, done: true });
    // Unhandled keys (Tab, letters) and missing points leave the event to the browser.
    expect(applyKey(points, 1, 'Tab', false, LINE)).toBeNull();
    expect(applyKey(points, 5, 'ArrowRight', false, LINE)).toBeNull();
  });

  it('applyKey never leaves the domain and rounds away floating-point residue', () => {
    let points: Point2D[] = [[4.95, 0]];
    points = applyKey(points, 0, 'ArrowRight', false, LINE)?.points ?? [];
    expect(points).toEqual([[5, 0]]);
    points = applyKey([[0.2, 0]], 0, 'ArrowRight', false, LINE)?.points ?? [];
    expect(points).toEqual([[0.3, 0]]); // not 0.30000000000000004
  });

  it('applyKey moves a 2-D point in x with left/right and in y with up/down', () => {
    const points: Point2D[] = [[5, 0]];
    expect(applyKey(points, 0, 'ArrowUp', false, PLANE)?.points).toEqual([[5, 0.5]]);
    expect(applyKey(points, 0, 'ArrowDown', true, PLANE)?.points).toEqual([[5, -1]]);
    expect(applyKey(points, 0, 'ArrowLeft', false, PLANE)?.points).toEqual([[4.5, 0]]);
    expect(applyKey(points, 0, 'PageUp', false, PLANE)?.points).toEqual([[5, 1]]);
    expect(applyKey(points, 0, 'End', false, PLANE)?.points).toEqual([[10, 0]]);
  });

  it('Delete and Backspace remove the point and focus its neighbour, never below minPoints', () => {
    const points: Point2D[] = [
      [0, 0],
      [1, 0],
      [2, 0],
    ];
    const del = applyKey(points, 1, 'Delete', false, LINE);
    expect(xs(del?.points ?? [])).toEqual([0, 2]);
    expect(del?.focus).toBe(1);
    expect(del?.change).toEqual({ kind: 'remove', index: 1, done: true });
    const last = applyKey(points, 2, 'Backspace', false, LINE);
    expect(last?.focus).toBe(1);
    expect(applyKey([[3, 0]], 0, 'Delete', false, LINE)).toBeNull();
    expect(removePoint(points, 7, LINE)).toBeNull();
  });

  it('addPoint appends a clamped point and focuses it, up to maxPoints', () => {
    const add = addPoint([[0, 0]], [7.777, 0], LINE);
    expect(add?.points).toEqual([
      [0, 0],
      [5, 0],
    ]);
    expect(add?.focus).toBe(1);
    expect(add?.change).toEqual({ kind: 'add', index: 1, done: true });
    const full: Point2D[] = [
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ];
    expect(addPoint(full, [0, 0], LINE)).toBeNull();
  });

  it('edits never mutate the points they are given', () => {
    const points: Point2D[] = [
      [0, 0],
      [1, 0],
    ];
    const copy = JSON.stringify(points);
    applyKey(points, 0, 'ArrowRight', false, LINE);
    applyKey(points, 0, 'Delete', false, LINE);
    addPoint(points, [2, 0], LINE);
    expect(JSON.stringify(points)).toBe(copy);
  });
});
