import { describe, expect, it } from 'vitest';
import { barLayout, computeResults, densityCurves, percentOf } from '../../../../src/components/ElboGap/results.ts';
import { type ElboGapState, easeInOut, INITIAL_STATE, interpolateQ, type ParamName, PARAMS } from '../../../../src/components/ElboGap/state.ts';
import { readParam, readParams, writeParams } from '../../../../src/components/figure/params.ts';

const clampParam = (name: Exclude<ParamName, 'model'>, raw: unknown, fallback?: number) => readParam(PARAMS[name], raw, fallback);
const parseModel = (raw: unknown, fallback?: ElboGapState['model']) => readParam(PARAMS.model, raw, fallback);
const parseState = (search: URLSearchParams, prefix: string) => readParams(PARAMS, search, prefix);
const serializeState = (state: ElboGapState, search: URLSearchParams, prefix: string) => writeParams(PARAMS, state, search, prefix);
import { decomposeEvidence, MODEL_KINDS, MODEL_PRESETS } from '../../../../src/lib/math/latent-models.ts';

describe('ELBO-gap parameter table', () => {
  it('clampParam(name, raw) clamps into range and keeps full precision (an optimum must stay an optimum)', () => {
    expect(clampParam('m', 1.1999999944)).toBe(1.1999999944);
    expect(clampParam('s', 0)).toBe(PARAMS.s.min);
    expect(clampParam('s', '-3')).toBe(PARAMS.s.min);
    expect(clampParam('x', '1e999')).toBe(PARAMS.x.max);
    expect(clampParam('m', -Infinity)).toBe(PARAMS.m.min);
  });

  it('clampParam(name, raw, fallback) falls back on anything that is not a number', () => {
    for (const raw of ['abc', '', '  ', 'NaN', Number.NaN, undefined, null, {}]) {
      expect(clampParam('x', raw)).toBe(PARAMS.x.initial);
      expect(clampParam('x', raw, 2)).toBe(2);
    }
  });

  it("parseModel(raw) accepts only the library's model kinds", () => {
    for (const kind of MODEL_KINDS) expect(parseModel(kind)).toBe(kind);
    expect(parseModel('nonsense')).toBe('linear-gaussian');
    expect(parseModel(null, 'squared')).toBe('squared');
  });

  it('parseState(search) yields a valid state for any query, and serializeState round-trips it', () => {
    expect(parseState(new URLSearchParams('gap-model=x&gap-x=abc&gap-m=9&gap-s=0'), 'gap-')).toEqual({
      model: 'linear-gaussian',
      x: PARAMS.x.initial,
      m: PARAMS.m.max,
      s: PARAMS.s.min,
    });
    const state = { model: 'squared', x: -1.25, m: 1.105215, s: 0.2262 } as const;
    const search = serializeState(state, new URLSearchParams('lang=en'), 'gap-');
    expect(search.get('lang')).toBe('en');
    expect(parseState(search, 'gap-')).toEqual(state);
    expect(parseState(search, 'other-')).toEqual(INITIAL_STATE);
  });

  it('interpolateQ(from, to, t) runs from `from` to exactly `to`, with s staying positive', () => {
    const from = { m: -4, s: 3 };
    const to = { m: 1.2, s: 0.05 };
    expect(interpolateQ(from, to, 0)).toEqual(from);
    expect(interpolateQ(from, to, 1)).toEqual(to);
    expect(interpolateQ(from, to, 7)).toEqual(to);
    const middle = interpolateQ(from, to, 0.5);
    expect(middle.m).toBeCloseTo(-1.4, 12);
    // Halfway in log s: the geometric mean.
    expect(middle.s).toBeCloseTo(Math.sqrt(3 * 0.05), 12);
    for (let t = -0.5; t <= 1.5; t += 0.05) expect(interpolateQ(from, to, t).s).toBeGreaterThan(0);
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
  });
});

describe('ELBO-gap results', () => {
  it("computeResults(state) shows the library's decomposition for the state", () => {
    const r = computeResults(INITIAL_STATE);
    expect(r.decomposition).toEqual(decomposeEvidence(MODEL_PRESETS['linear-gaussian'], 1.5, { mu: 0, sigma: 1 }));
    expect(r.decomposition.elbo).toBeCloseTo(-6.7258, 4);
    expect(r.decomposition.gap).toBeCloseTo(4.7953, 4);
  });

  it('barLayout(d) chains the bars: KL(q ‖ p(z)) ends at the ELBO, and the gap bar ends at log p(x)', () => {
    const d = decomposeEvidence(MODEL_PRESETS.squared, 1.5, { mu: 1, sigma: 0.3 });
    const bars = barLayout(d);
    const row = (key: string) => bars.rows.find((r) => r.key === key)!;
    expect(row('kl-prior').from).toBe(row('reconstruction').to);
    expect(row('kl-prior').to).toBe(row('elbo').to);
    expect(row('gap').from).toBe(row('elbo').to);
    expect(Math.abs(row('gap').to - row('evidence').to)).toBeLessThan(1e-10);
    for (const r of bars.rows) {
      for (const v of [r.from, r.to]) {
        expect(v).toBeGreaterThanOrEqual(bars.domain[0]);
        expect(v).toBeLessThanOrEqual(bars.domain[1]);
      }
    }
    expect(bars.domain[0]).toBeLessThanOrEqual(0);
    expect(bars.domain[1]).toBeGreaterThanOrEqual(0);
    for (const tick of bars.ticks) expect(percentOf(tick, bars.domain)).toBeGreaterThanOrEqual(0);
    expect(percentOf(bars.domain[1], bars.domain)).toBe(100);
  });

  it('densityCurves(state) gives q and the posterior as densities that integrate to 1 on the plotted range', () => {
    const curves = densityCurves(INITIAL_STATE);
    const h = (curves.z[1] ?? 0) - (curves.z[0] ?? 0);
    const integral = (ys: Float64Array) => ys.reduce((sum, y) => sum + y, 0) * h;
    expect(integral(curves.q)).toBeCloseTo(1, 4);
    expect(integral(curves.posterior)).toBeCloseTo(1, 6);
    expect(integral(curves.prior)).toBeCloseTo(1, 4);
  });

  it("computeResults is finite everywhere in the controls' ranges, for every model", () => {
    for (const model of MODEL_KINDS) {
      for (const x of [PARAMS.x.min, 0, PARAMS.x.max]) {
        for (const m of [PARAMS.m.min, PARAMS.m.max]) {
          for (const s of [PARAMS.s.min, PARAMS.s.max]) {
            const r = computeResults({ model, x, m, s });
            for (const v of Object.values(r.decomposition)) expect(Number.isFinite(v)).toBe(true);
            for (const row of r.bars.rows) expect(Number.isFinite(row.from) && Number.isFinite(row.to)).toBe(true);
            for (const ys of [r.curves.prior, r.curves.posterior, r.curves.q]) expect(ys.every(Number.isFinite)).toBe(true);
          }
        }
      }
    }
  });
});
