import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../../src/lib/math/optimize.ts';

describe('nelderMead', () => {
  it('nelderMead(f, x0) finds the minimum of a shifted quadratic bowl', () => {
    const result = nelderMead(([a = 0, b = 0]) => (a - 1) ** 2 + 10 * (b + 2) ** 2 + 3, [5, 5]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(-2, 6);
    expect(result.f).toBeCloseTo(3, 12);
  });

  it('nelderMead(f, x0) minimises the Rosenbrock function, a curved valley', () => {
    const rosenbrock = ([a = 0, b = 0]: readonly number[]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5000 });
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('nelderMead(f, x0) never accepts points where f is +Infinity or NaN (a constraint)', () => {
    // Minimum of (a + 1)² subject to a ≥ 0 is at the boundary a = 0.
    const result = nelderMead(([a = 0]) => (a < 0 ? Infinity : Number.isNaN(a) ? NaN : (a + 1) ** 2), [2]);
    expect(result.x[0]).toBeGreaterThanOrEqual(0);
    expect(result.x[0]).toBeCloseTo(0, 6);
    expect(Number.isFinite(result.f)).toBe(true);
  });

  it('nelderMead(f, []) is an error', () => {
    expect(() => nelderMead(() => 0, [])).toThrow(RangeError);
  });
});
