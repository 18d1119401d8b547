import { describe, expect, it } from 'vitest';
import {
  applyEStep,
  applyMStep,
  applyNextHalfStep,
  DEFAULT_POINTS,
  HISTORY_LIMIT,
  initEM,
  INITIAL_K,
  INITIAL_SEED,
  isConverged,
  mixColor,
  parseSettings,
  reseed,
  serializeSettings,
  withPoints,
} from '../../../../src/components/EMStepper/state.ts';
import { eStep, mixtureLogLikelihood } from '../../../../src/lib/math/mixture.ts';

const start = () => initEM({ points: DEFAULT_POINTS, k: 2, seed: 1 });

describe('EM stepper state', () => {
  it('initEM starts with uniform q, so the ELBO is below the log-likelihood', () => {
    const s = start();
    expect(s.q.every((row) => row.every((r) => r === 0.5))).toBe(true);
    const [first] = s.history;
    expect(first?.kind).toBe('init');
    expect(first?.elbo).toBeLessThan(first?.logLikelihood ?? -Infinity);
    expect(first?.logLikelihood).toBeCloseTo(mixtureLogLikelihood(DEFAULT_POINTS, s.mixture) / DEFAULT_POINTS.length, 12);
  });

  it('an E-step makes the ELBO equal the log-likelihood; an M-step never lowers either', () => {
    let s = start();
    for (let i = 0; i < 20; i++) {
      const before = s.history.at(-1)!;
      s = applyEStep(s);
      const e = s.history.at(-1)!;
      expect(e.kind).toBe('E');
      expect(e.elbo).toBeCloseTo(e.logLikelihood, 12);
      expect(e.logLikelihood).toBe(before.logLikelihood);
      s = applyMStep(s);
      const m = s.history.at(-1)!;
      expect(m.elbo).toBeGreaterThanOrEqual(e.elbo - 1e-12);
      expect(m.logLikelihood).toBeGreaterThanOrEqual(m.elbo - 1e-12);
      expect(m.logLikelihood).toBeGreaterThanOrEqual(e.logLikelihood - 1e-12);
    }
  });

  it('applyNextHalfStep alternates E and M and the run converges on the default data', () => {
    let s = start();
    let steps = 0;
    while (!isConverged(s) && steps < 1000) {
      s = applyNextHalfStep(s);
      steps += 1;
    }
    expect(isConverged(s)).toBe(true);
    expect(s.history.map((h) => h.kind).slice(1, 5)).toEqual(['E', 'M', 'E', 'M']);
    expect(s.history.at(-1)?.logLikelihood).toBeCloseTo(-1.9812, 4);
  });

  it('the history keeps at most HISTORY_LIMIT entries, with steps still counted', () => {
    let s = start();
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) s = applyNextHalfStep(s);
    expect(s.history).toHaveLength(HISTORY_LIMIT);
    expect(s.history.at(-1)?.step).toBe(HISTORY_LIMIT + 10);
  });

  it('withPoints keeps θ and the rows of q, gives an added point its posterior, and drops a removed row', () => {
    const s = applyEStep(start());
    const moved = withPoints(s, [...DEFAULT_POINTS.slice(0, -1), 0], { kind: 'move', index: DEFAULT_POINTS.length - 1, done: true });
    expect(moved.mixture).toBe(s.mixture);
    expect(moved.q).toEqual(s.q);
    expect(moved.history).toHaveLength(1);
    expect(moved.history[0]?.kind).toBe('data');
    expect(moved.history[0]?.elbo).toBeLessThan(moved.history[0]?.logLikelihood ?? -Infinity);

    const added = withPoints(s, [...DEFAULT_POINTS, 1], { kind: 'add', index: DEFAULT_POINTS.length, done: true });
    expect(added.q.at(-1)).toEqual(eStep([1], s.mixture).responsibilities[0]);
    // After an E-step, adding a point with its own posterior keeps the bound tight.
    expect(added.history[0]?.elbo).toBeCloseTo(added.history[0]?.logLikelihood ?? 0, 12);

    const removed = withPoints(s, DEFAULT_POINTS.slice(1), { kind: 'remove', index: 0, done: true });
    expect(removed.q).toEqual(s.q.slice(1));
    const reset = withPoints(s, [0, 1, 2]);
    expect(reset.q).toHaveLength(3);
  });

  it('reseed moves to the next seed; K and the seed change the start deterministically', () => {
    const s = reseed(start());
    expect(s.seed).toBe(2);
    expect(s).toEqual(initEM({ points: DEFAULT_POINTS, k: 2, seed: 2 }));
    expect(initEM({ points: DEFAULT_POINTS, k: 3, seed: 4 }).mixture).toHaveLength(3);
  });

  it('degenerate data (one point, identical points) give finite numbers at every half step', () => {
    for (const points of [[2], [1, 1, 1]]) {
      let s = initEM({ points, k: 3, seed: 1 });
      for (let i = 0; i < 10; i++) {
        s = applyNextHalfStep(s);
        const h = s.history.at(-1)!;
        expect(Number.isFinite(h.logLikelihood) && Number.isFinite(h.elbo)).toBe(true);
      }
    }
  });

  it('parseSettings and serializeSettings round-trip; anything invalid falls back to the defaults', () => {
    const settings = { points: [-1.5, 2], k: 3, seed: 42 };
    const search = serializeSettings(settings, new URLSearchParams('lang=en'), 'e-');
    expect(search.get('lang')).toBe('en');
    expect(parseSettings(search, 'e-')).toEqual(settings);
    expect(parseSettings(new URLSearchParams('k=7&seed=-3&x=abc'))).toEqual({ points: DEFAULT_POINTS, k: INITIAL_K, seed: INITIAL_SEED });
    expect(parseSettings(new URLSearchParams('seed=1e99')).seed).toBe(INITIAL_SEED);
    expect(parseSettings(new URLSearchParams('seed=99999999999')).seed).toBe(2 ** 31 - 1);
  });

  it('mixColor(row, colors) mixes the component colours in proportion to the responsibilities', () => {
    expect(mixColor([0.25, 0.75], ['red', 'blue'])).toBe('color-mix(in srgb, red 25.0%, blue)');
    expect(mixColor([0.5, 0.25, 0.25], ['a', 'b', 'c'])).toBe('color-mix(in srgb, a 50.0%, color-mix(in srgb, b 50.0%, c))');
    expect(mixColor([Number.NaN, 1], ['a', 'b'])).toBe('color-mix(in srgb, a 0.0%, b)');
    expect(mixColor([], ['a'])).toBe('currentColor');
  });
});
