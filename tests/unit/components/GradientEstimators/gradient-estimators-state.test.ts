import { describe, expect, it } from 'vitest';
import { formatSignificant } from '../../../../src/components/GradientEstimators/format.ts';
import { BINS, computeResults, histogramDomain, varianceRatio } from '../../../../src/components/GradientEstimators/results.ts';
import { ESTIMATES, type GradEstState, INITIAL_STATE, nextSeed, PARAMS } from '../../../../src/components/GradientEstimators/state.ts';
import { readParam, readParams, writeParams } from '../../../../src/components/figure/params.ts';

const parseState = (search: URLSearchParams, prefix: string) => readParams(PARAMS, search, prefix);
const serializeState = (state: GradEstState, search: URLSearchParams, prefix: string) => writeParams(PARAMS, state, search, prefix);
import { perSampleVariance, testFunction } from '../../../../src/lib/math/gradient-estimators.ts';

describe('gradient-estimator parameter table', () => {
  it('parseState(serializeState(state)) round-trips, keeping other query parameters', () => {
    const state = { fn: 'cosine', mu: -1.25, sigma: 2.5, param: 'sigma', n: 64, seed: 42 } as const;
    const search = serializeState(state, new URLSearchParams('backend=wasm'), 'ge-');
    expect(search.get('backend')).toBe('wasm');
    expect(parseState(search, 'ge-')).toEqual(state);
  });

  it('a bad URL gives valid, clamped values', () => {
    const state = parseState(new URLSearchParams('ge-f=tan&ge-mu=1e999&ge-sigma=-2&ge-wrt=x&ge-n=5&ge-seed=abc'), 'ge-');
    expect(state).toEqual({ ...INITIAL_STATE, mu: PARAMS.mu.max, sigma: PARAMS.sigma.min });
    expect(readParam(PARAMS.sigma, '0')).toBe(PARAMS.sigma.min);
    expect(readParam(PARAMS.mu, '0.123')).toBe(0.12);
    expect(nextSeed(PARAMS.seed.max)).toBe(PARAMS.seed.min);
  });
});

describe('gradient-estimator results', () => {
  it('computeResults is reproducible from the state and its exact variances are the library’s divided by N', () => {
    const state = { ...INITIAL_STATE, n: 16 } as const;
    const a = computeResults(state);
    expect(computeResults(state)).toEqual(a);
    expect(a.estimates.score).toHaveLength(ESTIMATES);
    const fn = testFunction('square');
    expect(a.exact).toBe(2);
    expect(a.exactVariance.score).toBeCloseTo(perSampleVariance('score', fn, { mu: 1, sigma: 1 }, 'mu') / 16, 12);
    expect(a.exactVariance.pathwise).toBeCloseTo(4 / 16, 12);
    for (const kind of ['score', 'pathwise'] as const) {
      const h = a.histograms[kind];
      expect(h.counts).toHaveLength(BINS);
      expect(h.counts.reduce((s, c) => s + c, 0) + h.below + h.above).toBe(ESTIMATES);
    }
    // Drawing again changes the estimates but not the exact figures.
    const b = computeResults({ ...state, seed: state.seed + 1 });
    expect(b.summary.score.variance).not.toBe(a.summary.score.variance);
    expect(b.exactVariance).toEqual(a.exactVariance);
  });

  it('the shared range contains the exact gradient, and a constant estimator still gets a window', () => {
    const [lo, hi] = histogramDomain(Float64Array.of(1, 2, 3), Float64Array.of(2, 2, 2), 10);
    expect(lo).toBeLessThan(1.1);
    expect(hi).toBeGreaterThan(10);
    expect(histogramDomain(Float64Array.of(1, 1), Float64Array.of(1, 1), 1)).toEqual([0.5, 1.5]);
    // The pathwise estimate of f(z) = z is exactly 1; the score function's spread sets the range.
    const linear = computeResults({ ...INITIAL_STATE, fn: 'linear' });
    expect(linear.summary.pathwise.variance).toBe(0);
    expect(linear.domain[0]).toBeLessThan(1);
    expect(linear.domain[1]).toBeGreaterThan(1);
  });

  it('varianceRatio is ∞ for a zero pathwise variance, and formatSignificant prints it and wide ranges', () => {
    expect(varianceRatio(3, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(varianceRatio(0, 0))).toBe(true);
    expect(varianceRatio(30, 4)).toBe(7.5);
    expect(formatSignificant(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatSignificant(Number.NaN)).toBe('—');
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(30.123456)).toBe('30.12');
    expect(formatSignificant(0.015625)).toBe('0.01563');
    expect(formatSignificant(-0.5104)).toBe('-0.5104');
    expect(formatSignificant(1234567)).toBe('1.235 × 10⁶');
    expect(formatSignificant(0.000012346)).toBe('1.235 × 10⁻⁵');
  });
});
