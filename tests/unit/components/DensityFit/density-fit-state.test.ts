import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../../src/components/format.ts';
import { readParam } from '../../../../src/components/figure/params.ts';
import {
  DEFAULT_POINTS,
  fitParams,
  INITIAL_STATE,
  logLikelihoodOf,
  MAX_POINTS,
  mixtureOf,
  PARAM_NAMES,
  PARAMS,
  type ParamName,
  parseState,
  serializeState,
  URL_PARAMS,
} from '../../../../src/components/DensityFit/state.ts';
import { averageLogLikelihood, fitGaussian } from '../../../../src/lib/math/mixture.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';

const clampParam = (name: ParamName, raw: unknown, fallback?: number) => readParam(PARAMS[name], raw, fallback);
/** The points of a URL's `x` list (none usable: none). */
const parsePoints = (text: string) => readParam(URL_PARAMS.points, text, []);

describe('density fit state', () => {
  it('clampParam(name, raw) clamps into range, rounds to the step and keeps σ ≥ 0.1', () => {
    expect(clampParam('mu', '1.234')).toBe(1.23);
    expect(clampParam('sigma', 0)).toBe(0.1);
    expect(clampParam('sigma1', '-4')).toBe(0.1);
    expect(clampParam('pi', '1e999')).toBe(1);
    expect(clampParam('mu2', -Infinity)).toBe(-5);
    for (const raw of ['abc', '', 'NaN', undefined, null]) expect(clampParam('mu1', raw)).toBe(PARAMS.mu1.initial);
    expect(clampParam('mu1', 'x', 2)).toBe(2);
  });

  it('the points list keeps points in [−5, 5] at 0.01 and skips garbage', () => {
    expect(parsePoints('2.345')).toEqual([2.35]);
    expect(readParam(URL_PARAMS.points, [-77], [])).toEqual([-5]);
    expect(parsePoints('nope')).toEqual([]);
    expect(parsePoints('1, 2.5,,x,9')).toEqual([1, 2.5, 5]);
    expect(parsePoints(Array.from({ length: 60 }, () => '1').join(','))).toHaveLength(MAX_POINTS);
  });

  it('parseState(search) yields a valid state for any query; no usable points gives the default data', () => {
    const state = parseState(new URLSearchParams('model=zzz&mu=abc&sigma=-1&pi=2&x=,,'));
    expect(state.model).toBe('gaussian');
    expect(state.params.mu).toBe(PARAMS.mu.initial);
    expect(state.params.sigma).toBe(0.1);
    expect(state.params.pi).toBe(1);
    expect(state.points).toEqual(DEFAULT_POINTS);
    for (const name of PARAM_NAMES) expect(Number.isFinite(state.params[name])).toBe(true);
  });

  it('serializeState and parseState round-trip, with a prefix and other parameters kept', () => {
    const state = { model: 'mixture' as const, params: { ...INITIAL_STATE.params, pi: 0.25, mu2: 3.5 }, points: [-1, 0.25, 4] };
    const search = serializeState(state, new URLSearchParams('lang=en'), 'a-');
    expect(search.get('lang')).toBe('en');
    expect(search.get('a-x')).toBe('-1.00,0.25,4.00');
    expect(parseState(search, 'a-')).toEqual(state);
    expect(parseState(search)).toEqual(INITIAL_STATE);
  });

  it('mixtureOf(model, params) gives one component for the Gaussian and weights π, 1 − π for the mixture', () => {
    expect(mixtureOf('gaussian', INITIAL_STATE.params)).toEqual([{ weight: 1, mu: 0, sigma: 1 }]);
    const [a, b] = mixtureOf('mixture', { ...INITIAL_STATE.params, pi: 0.3 });
    expect(a?.weight).toBe(0.3);
    expect(b?.weight).toBeCloseTo(0.7, 15);
    expect(logLikelihoodOf(INITIAL_STATE)).toBe(averageLogLikelihood(DEFAULT_POINTS, [{ weight: 1, mu: 0, sigma: 1 }]));
  });

  it('fitParams for one Gaussian is the closed-form MLE rounded to the sliders', () => {
    const fit = fitParams(INITIAL_STATE);
    const mle = fitGaussian(DEFAULT_POINTS);
    expect(fit.mu).toBe(Number(mle.mu.toFixed(2)));
    expect(fit.sigma).toBe(Number(mle.sigma.toFixed(2)));
    // Other parameters are untouched.
    expect(fit.mu1).toBe(INITIAL_STATE.params.mu1);
  });

  it('fitParams never lowers the log-likelihood, for either model, on random data and parameters', () => {
    const rng = mulberry32(17);
    for (let trial = 0; trial < 60; trial++) {
      const points = Array.from({ length: 1 + Math.floor(rng() * 20) }, () => readParam(URL_PARAMS.points, [-5 + 10 * rng()], [0])[0] ?? 0);
      const params = Object.fromEntries(PARAM_NAMES.map((name) => [name, clampParam(name, PARAMS[name].min + rng() * (PARAMS[name].max - PARAMS[name].min))]));
      for (const model of ['gaussian', 'mixture'] as const) {
        const state = { model, params: params as typeof INITIAL_STATE.params, points };
        const fitted = { ...state, params: fitParams(state) };
        expect(logLikelihoodOf(fitted)).toBeGreaterThanOrEqual(logLikelihoodOf(state));
        expect(Number.isFinite(logLikelihoodOf(fitted))).toBe(true);
        // Fitting again from the fit changes nothing worth seeing.
        expect(logLikelihoodOf({ ...state, params: fitParams(fitted) })).toBeCloseTo(logLikelihoodOf(fitted), 3);
      }
    }
  });

  it('the mixture fit beats the single Gaussian on the default two-cluster data', () => {
    const gaussian = logLikelihoodOf({ ...INITIAL_STATE, params: fitParams(INITIAL_STATE) });
    const mixtureState = { ...INITIAL_STATE, model: 'mixture' as const };
    const mixture = logLikelihoodOf({ ...mixtureState, params: fitParams(mixtureState) });
    expect(mixture).toBeGreaterThan(gaussian + 0.2);
  });

  it('formatNumber(x) never prints NaN, Infinity or a negative zero', () => {
    expect(formatNumber(-1.23456)).toBe('-1.2346');
    expect(formatNumber(-1e-9)).toBe('0.0000');
    expect(formatNumber(-0.0004, 3)).toBe('0.000');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(-Infinity)).toBe('—');
  });
});
