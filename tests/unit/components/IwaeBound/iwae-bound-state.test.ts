/**
 * The IWAE figure's pure state (src/components/IwaeBound/state.ts) and its chart's value range:
 * the K slider's steps, the clamping of x, the proposals, the toy curve it draws, and the choice
 * of digits and repeats of the VAE panel.
 */
import { describe, expect, it } from 'vitest';
import { valueDomain } from '../../../../src/components/IwaeBound/bound-chart.ts';
import {
  boundAt,
  clampX,
  computeToy,
  CURVE_KS,
  firstOfEachDigit,
  formatEstimate,
  indexOfK,
  K_MAX,
  K_STEPS,
  kAtIndex,
  parseModel,
  parseQ,
  proposal,
  repeatsFor,
  TOY_SAMPLES,
  X_PARAM,
} from '../../../../src/components/IwaeBound/state.ts';
import { en } from '../../../../src/i18n/en.ts';
import { elbo, linearGaussianPosterior, logEvidence, MODEL_PRESETS } from '../../../../src/lib/math/latent-models.ts';

describe('K slider', () => {
  it('K_STEPS runs from 1 to K_MAX, increasing, and kAtIndex/indexOfK invert each other', () => {
    expect(K_STEPS[0]).toBe(1);
    expect(K_STEPS.at(-1)).toBe(K_MAX);
    for (let i = 1; i < K_STEPS.length; i++) expect(K_STEPS[i]!).toBeGreaterThan(K_STEPS[i - 1]!);
    K_STEPS.forEach((k, i) => {
      expect(kAtIndex(i)).toBe(k);
      expect(indexOfK(k)).toBe(i);
    });
    expect(kAtIndex(-3)).toBe(1);
    expect(kAtIndex(99)).toBe(K_MAX);
    expect(kAtIndex(Number.NaN)).toBe(1);
    expect(kAtIndex(2.4)).toBe(K_STEPS[2]);
    expect(K_STEPS[indexOfK(45)]).toBe(50);
    expect(K_STEPS.includes(50)).toBe(true);
  });
});

describe('toy state', () => {
  it('clampX keeps x in range and falls back on garbage; parseModel/parseQ accept only known names', () => {
    expect(clampX('2.5')).toBe(2.5);
    expect(clampX(99)).toBe(X_PARAM.max);
    expect(clampX('-1e9')).toBe(X_PARAM.min);
    expect(clampX('abc', 0.7)).toBe(0.7);
    expect(clampX('', 0.7)).toBe(0.7);
    expect(parseModel('squared')).toBe('squared');
    expect(parseModel('nonsense', 'mixture-prior')).toBe('mixture-prior');
    expect(parseQ('narrow')).toBe('narrow');
    expect(parseQ(undefined)).toBe('standard');
  });

  it('proposal: N(0, 1), the best Gaussian (the posterior for the linear model), and half its width', () => {
    const state = { model: 'linear-gaussian', x: 1.5 } as const;
    const posterior = linearGaussianPosterior(MODEL_PRESETS['linear-gaussian'], 1.5);
    expect(proposal({ ...state, q: 'standard' })).toEqual({ mu: 0, sigma: 1 });
    const best = proposal({ ...state, q: 'best' });
    expect(best.mu).toBeCloseTo(posterior.mu, 6);
    expect(best.sigma).toBeCloseTo(posterior.sigma, 6);
    const narrow = proposal({ ...state, q: 'narrow' });
    expect(narrow.mu).toBe(best.mu);
    expect(narrow.sigma).toBe(best.sigma / 2);
  });

  it('computeToy gives K_MAX estimates, the exact log p(x) and the closed-form ELBO, deterministically', () => {
    const state = { model: 'linear-gaussian', x: 1.5, q: 'standard' } as const;
    const results = computeToy(state);
    const model = MODEL_PRESETS['linear-gaussian'];
    expect(results.curve).toHaveLength(K_MAX);
    expect(results.curve[0]!.samples).toBe(TOY_SAMPLES);
    expect(results.logEvidence).toBe(logEvidence(model, 1.5));
    expect(results.elbo).toBe(elbo(model, 1.5, { mu: 0, sigma: 1 }));
    // The figures the chapter quotes for its opening state.
    expect(results.logEvidence).toBeCloseTo(-1.9305, 4);
    expect(results.elbo).toBeCloseTo(-6.7258, 4);
    expect(boundAt(results, 1).mean).toBeCloseTo(-6.6652, 4);
    expect(boundAt(results, 100).mean).toBeCloseTo(-1.9572, 4);
    expect(boundAt(results, 100).standardError).toBeCloseTo(0.0055, 4);
    expect(boundAt(results, 100).mean).toBeLessThanOrEqual(results.logEvidence);
    expect(boundAt(results, 10).mean).toBeGreaterThan(boundAt(results, 1).mean);
    expect(computeToy(state)).toEqual(results);
    expect(boundAt(results, 1000)).toBe(results.curve[K_MAX - 1]);
  });

  it('formatEstimate prints mean ± standard error', () => {
    expect(formatEstimate(en, -1.95724, 0.00551)).toBe('-1.9572 ± 0.0055');
    expect(formatEstimate(en, -150.3456, 0.2)).toBe('-150.35 ± 0.20');
  });
});

describe('VAE panel choices', () => {
  it('firstOfEachDigit finds the first index of each label, in digit order', () => {
    // The first MNIST test labels; no 8 among them, so it is skipped.
    expect(firstOfEachDigit([7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4])).toEqual([3, 2, 1, 18, 4, 8, 11, 0, 7]);
    expect(firstOfEachDigit([])).toEqual([]);
  });

  it('repeatsFor keeps about 2,000 decoder rows, at least 20 draws and at most 500', () => {
    expect(repeatsFor(1)).toBe(500);
    expect(repeatsFor(10)).toBe(200);
    expect(repeatsFor(100)).toBe(20);
    for (const k of CURVE_KS) expect(repeatsFor(k) * k).toBeLessThanOrEqual(2000);
  });
});

describe('bound chart', () => {
  it('valueDomain spans every ±2 s.e. band and reference line, with padding', () => {
    const [lo, hi] = valueDomain({
      points: [
        { k: 1, mean: -6, standardError: 0.5 },
        { k: 2, mean: -3, standardError: Number.NaN },
      ],
      references: [{ key: 'evidence', value: -2, label: '' }],
    });
    expect(lo).toBeLessThan(-7);
    expect(hi).toBeGreaterThan(-2);
    expect(valueDomain({ points: [], references: [] })).toEqual([-1, 0]);
  });
});
