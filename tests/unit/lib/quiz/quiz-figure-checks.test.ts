/**
 * Figure tasks' predicates (src/lib/quiz/figure-checks.ts) on the states the figures publish:
 * each fails on the figure's initial state with a message saying what is missing, and passes on
 * a state that does the task.
 */
import { describe, expect, it } from 'vitest';
import { INITIAL_STATE as DENSITY } from '../../../../src/components/DensityFit/state.ts';
import { INITIAL_STATE as ELBO_GAP } from '../../../../src/components/ElboGap/state.ts';
import { INITIAL_STATE as GRAD } from '../../../../src/components/GradientEstimators/state.ts';
import { INITIAL_STATE as KL } from '../../../../src/components/KLExplorer/state.ts';
import { computeToy, INITIAL_TOY, K_MAX, K_STEPS, TOY_SAMPLES, TOY_SEED } from '../../../../src/components/IwaeBound/state.ts';
import { checkFigure, FIGURE_CHECK_NAMES } from '../../../../src/lib/quiz/figure-checks.ts';
import { fitGaussian, fitMixtureEM, initialMixture } from '../../../../src/lib/math/mixture.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';

const state = (value: unknown) => ({ value, data: {} });

describe('figure checks', () => {
  it('every check says the figure has not started when it has published nothing', () => {
    for (const name of FIGURE_CHECK_NAMES) expect(checkFigure(name, state(undefined)).done, name).toBe(false);
  });

  it("kl-forward-above-reverse: fails for the explorer's initial q, passes for a q narrower than p", () => {
    const initial = checkFigure('kl-forward-above-reverse', state(KL));
    expect(initial.done).toBe(false);
    expect(initial.message.en).toMatch(/KL\(p‖q\) must be the larger one/);
    expect(checkFigure('kl-forward-above-reverse', state({ ...KL, sigma2: 0.5 })).done).toBe(true);
    expect(checkFigure('kl-forward-above-reverse', state({ ...KL, sigma1: 2, sigma2: 0.5 })).message.en).toMatch(/p must stay/);
  });

  it('density-gaussian-mle: fails initially, passes at the maximum-likelihood fit', () => {
    expect(checkFigure('density-gaussian-mle', state(DENSITY)).done).toBe(false);
    const fit = fitGaussian(DENSITY.points);
    expect(checkFigure('density-gaussian-mle', state({ ...DENSITY, params: { ...DENSITY.params, mu: fit.mu, sigma: fit.sigma } })).done).toBe(true);
  });

  it('em-converged: fails for a fresh start, passes after EM to convergence', () => {
    const points = [-2, -1.5, -1, 1, 1.6, 2.2, 2.5];
    const start = initialMixture(points, 2, mulberry32(1), { minSigma: 0.1 });
    expect(checkFigure('em-converged', state({ state: { points, mixture: start } })).done).toBe(false);
    const fitted = fitMixtureEM(points, start, { minSigma: 0.1, maxIterations: 2000, tolerance: 1e-12 }).mixture;
    expect(checkFigure('em-converged', state({ state: { points, mixture: fitted } })).done).toBe(true);
  });

  it('elbo-gap-closed: fails for q = N(0, 1), passes at the posterior N(0.8x, 0.2)', () => {
    expect(checkFigure('elbo-gap-closed', state(ELBO_GAP)).done).toBe(false);
    expect(checkFigure('elbo-gap-closed', state({ ...ELBO_GAP, m: 0.8 * ELBO_GAP.x, s: Math.sqrt(0.2) })).done).toBe(true);
  });

  it('score-matches-pathwise: N = 1 and N = 64 fail, N = 16 passes', () => {
    expect(checkFigure('score-matches-pathwise', state(GRAD)).done).toBe(false);
    expect(checkFigure('score-matches-pathwise', state({ ...GRAD, n: 64 })).message.en).toMatch(/not the smallest/);
    expect(checkFigure('score-matches-pathwise', state({ ...GRAD, n: 16 })).done).toBe(true);
  });

  it("iwae-smallest-k: the widget's own curve first gets within 0.05 nats at the K the check accepts", () => {
    const results = computeToy(INITIAL_TOY);
    const gap = (k: number) => results.logEvidence - (results.curve[k - 1]?.mean ?? Number.NaN);
    const smallest = K_STEPS.find((k) => gap(k) <= 0.05);
    const published = (k: number) =>
      state({
        model: INITIAL_TOY.model,
        x: INITIAL_TOY.x,
        proposal: INITIAL_TOY.q,
        q: results.q,
        k,
        kSteps: K_STEPS,
        kMax: K_MAX,
        samples: TOY_SAMPLES,
        seed: TOY_SEED,
      });
    expect(smallest).toBe(40);
    expect(checkFigure('iwae-smallest-k', published(1)).done).toBe(false);
    expect(checkFigure('iwae-smallest-k', published(100)).message.en).toMatch(/not the smallest/);
    expect(checkFigure('iwae-smallest-k', published(40)).done).toBe(true);
  });

  it('cvae-far-seven: needs y = 7, ‖z‖ ≥ 2, readings made at that z, and the label-7 image read as 7', () => {
    const readings = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const cvae = (label: number, z: [number, number], read: number[] = readings, at: [number, number] = z) => ({
      value: undefined,
      data: { label: String(label), z: JSON.stringify(z), classified: JSON.stringify(read), classifiedZ: JSON.stringify(at) },
    });
    expect(checkFigure('cvae-far-seven', cvae(3, [0, 0])).message.en).toMatch(/label y = 7 first/);
    expect(checkFigure('cvae-far-seven', cvae(7, [1.2, 1.2])).message.en).toMatch(/‖z‖ = 1\.70/);
    expect(checkFigure('cvae-far-seven', cvae(7, [-2.4, 0], readings, [0, 0])).message.en).toMatch(/still redrawing/);
    const misread = checkFigure('cvae-far-seven', cvae(7, [-2.4, 0], [0, 1, 2, 3, 4, 5, 6, 1, 8, 9]));
    expect(misread.done).toBe(false);
    expect(misread.message.en).toMatch(/reads the generated digit as 1, not 7/);
    // Readings of the other labels do not matter; the chosen label's does.
    expect(checkFigure('cvae-far-seven', cvae(7, [-2.4, 0], [5, 5, 5, 5, 5, 5, 5, 7, 5, 5])).done).toBe(true);
    expect(checkFigure('cvae-far-seven', cvae(7, [0, -2])).done).toBe(true);
  });

  it('interpolation-typical-midpoint: the straight path between orthogonal typical codes fails, the spherical one passes', () => {
    const za = Array.from({ length: 20 }, () => 1); // ‖za‖ = √20
    const zb = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : -1)); // orthogonal to za, ‖zb‖ = √20
    const published = (over: Record<string, unknown>) => state({ model: 'vae20', path: 'linear', a: 1, b: 7, za, zb, ...over });
    const straight = checkFigure('interpolation-typical-midpoint', published({}));
    expect(straight.done).toBe(false);
    expect(straight.message.en).toMatch(/3\.16 halfway/);
    expect(checkFigure('interpolation-typical-midpoint', published({ path: 'spherical' })).done).toBe(true);
    expect(checkFigure('interpolation-typical-midpoint', published({ path: 'spherical', model: 'vae2' })).message.en).toMatch(/20-D VAE/);
    expect(checkFigure('interpolation-typical-midpoint', published({ path: 'spherical', b: 1 })).message.en).toMatch(/two different images/);
    // Spherical, but between codes of untypical lengths: the midpoint is untypical too.
    expect(checkFigure('interpolation-typical-midpoint', published({ path: 'spherical', za: za.map((v) => 2 * v), zb: zb.map((v) => 2 * v) })).done).toBe(
      false,
    );
  });
});
