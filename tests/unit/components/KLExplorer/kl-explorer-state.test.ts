import { describe, expect, it } from 'vitest';
import { formatParam, readParam, readParams, writeParams } from '../../../../src/components/figure/params.ts';
import { INITIAL_STATE, type ParamName, PARAMS } from '../../../../src/components/KLExplorer/state.ts';

const clampParam = (name: ParamName, raw: unknown, fallback?: number) => readParam(PARAMS[name], raw, fallback);
const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];

describe('KL explorer parameter table', () => {
  it('readParam(PARAMS[name], raw) keeps valid values and rounds them to the step', () => {
    expect(clampParam('mu1', '1.234')).toBe(1.23);
    expect(clampParam('sigma2', 2.5)).toBe(2.5);
    expect(clampParam('n', '2500.7')).toBe(2501);
  });

  it('readParam(PARAMS[name], raw) clamps out-of-range values, so σ stays positive', () => {
    expect(clampParam('sigma1', '-3')).toBe(PARAMS.sigma1.min);
    expect(clampParam('sigma1', 0)).toBe(PARAMS.sigma1.min);
    expect(clampParam('sigma1', '0.001')).toBe(PARAMS.sigma1.min);
    expect(clampParam('mu2', '1e999')).toBe(PARAMS.mu2.max);
    expect(clampParam('mu2', -Infinity)).toBe(PARAMS.mu2.min);
    expect(clampParam('n', -5)).toBe(PARAMS.n.min);
  });

  it('readParam(PARAMS[name], raw, fallback) falls back on text that is not a number', () => {
    for (const raw of ['abc', '', '  ', 'NaN', NaN, undefined, null, {}]) {
      expect(clampParam('mu1', raw)).toBe(PARAMS.mu1.initial);
      expect(clampParam('mu1', raw, 2)).toBe(2);
    }
  });

  it('readParams(PARAMS, search) yields a finite, in-range state for any query string', () => {
    const state = readParams(PARAMS, new URLSearchParams('mu1=abc&sigma1=-3&mu2=1e999&sigma2=0&n=-5&seed=x'));
    expect(state).toEqual({ mu1: 0, sigma1: 0.05, mu2: 5, sigma2: 0.05, n: 10, seed: PARAMS.seed.initial });
    for (const name of PARAM_NAMES) {
      expect(Number.isFinite(state[name])).toBe(true);
      expect(state[name]).toBeGreaterThanOrEqual(PARAMS[name].min);
      expect(state[name]).toBeLessThanOrEqual(PARAMS[name].max);
    }
  });

  it('writeParams and readParams round-trip and keep unrelated parameters', () => {
    const state = { mu1: -1.25, sigma1: 0.5, mu2: 2, sigma2: 3.75, n: 20000, seed: 7 };
    const search = writeParams(PARAMS, state, new URLSearchParams('lang=en'), 'a-');
    expect(search.get('lang')).toBe('en');
    expect(search.get('a-sigma1')).toBe('0.50');
    expect(readParams(PARAMS, search, 'a-')).toEqual(state);
    expect(readParams(PARAMS, search)).toEqual(INITIAL_STATE);
  });

  it('formatParam(PARAMS[name], value) prints values at the resolution of the control', () => {
    expect(formatParam(PARAMS.sigma1, 1.5)).toBe('1.50');
    expect(formatParam(PARAMS.n, 1000)).toBe('1000');
  });
});
