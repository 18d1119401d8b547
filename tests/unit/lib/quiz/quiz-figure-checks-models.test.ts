/**
 * Figure tasks on trained models (src/lib/quiz/figure-checks-models.ts), graded through the
 * registry (`checkFigure`) on states shaped as the figures publish them: not ready, failing with
 * a message that says what is missing, and passing. Codes and generated points are drawn with
 * the maths library (Gaussian clusters, the toy mixtures), and the expected verdicts are
 * recomputed with the same hole rule and mode count the predicates use.
 */
import { describe, expect, it } from 'vitest';
import { holeThreshold, nearestDistances } from '../../../../src/lib/math/code-holes.ts';
import { mulberry32, standardNormal } from '../../../../src/lib/math/random.ts';
import { modeReport, sampleMixture2D, toyMixture } from '../../../../src/lib/math/toy-2d.ts';
import { checkFigure } from '../../../../src/lib/quiz/figure-checks.ts';
import { GAN_MODES_GOAL, GAN_RING_MODES, HOLE_PERCENT } from '../../../../src/lib/quiz/figure-checks-models.ts';

const state = (value: unknown) => ({ value, data: {} });

/** 1,000 codes in two round clusters of standard deviation 0.3, centred at (−2, 0) and (2, 0). */
function twoClusters(): Float32Array {
  const rng = mulberry32(5);
  return Float32Array.from({ length: 2000 }, (_, j) => {
    const i = Math.floor(j / 2);
    const centre = j % 2 === 0 ? (i % 2 === 0 ? -2 : 2) : 0;
    return centre + 0.3 * standardNormal(rng);
  });
}

describe('autoencoder-hole', () => {
  const codes = twoClusters();
  const threshold = holeThreshold(codes);

  it('is not ready before the codes are plotted, and asks for the cross before it is placed', () => {
    expect(checkFigure('autoencoder-hole', state(undefined))).toMatchObject({ done: false, message: { en: /not started/ } });
    expect(checkFigure('autoencoder-hole', state({ codes: [], decodedZ: undefined })).message.en).toMatch(/not started/);
    const noCross = checkFigure('autoencoder-hole', state({ codes, decodedZ: undefined }));
    expect(noCross.done).toBe(false);
    expect(noCross.message.en).toMatch(/place the cross/);
    expect(noCross.message.zh).toMatch(/放置十字/);
  });

  it('fails at a cluster centre, with the distance and the threshold in the message', () => {
    const z = [2, 0];
    expect(nearestDistances(z, codes)[0]).toBeLessThan(threshold);
    const result = checkFigure('autoencoder-hole', state({ codes, decodedZ: z }));
    expect(result.done).toBe(false);
    expect(result.message.en).toMatch(/^Not yet: .*move the cross farther/);
    expect(result.message.en).toContain(`${HOLE_PERCENT} % of them have a neighbour within ${threshold.toFixed(3)}`);
    expect(result.message.zh).toMatch(/^还没有：/);
  });

  it('passes between the clusters and far outside them, where the nearest code is beyond the threshold', () => {
    for (const z of [
      [0, 0],
      [0, 3],
      [6, 6],
    ]) {
      expect(nearestDistances(z, codes)[0]).toBeGreaterThan(threshold);
      const result = checkFigure('autoencoder-hole', state({ codes, decodedZ: z }));
      expect(result.done, String(z)).toBe(true);
      expect(result.message.en).toMatch(/^Done: /);
    }
  });

  it("uses the rule's boundary: just inside the threshold of a code fails, just outside passes", () => {
    // One lone code far from the clusters: a cross at distance threshold·(1 ± 0.01) from it.
    const lone = Float32Array.from([...codes, 10, 10]);
    const t = holeThreshold(lone);
    expect(checkFigure('autoencoder-hole', state({ codes: lone, decodedZ: [10 + 0.99 * t, 10] })).done).toBe(false);
    expect(checkFigure('autoencoder-hole', state({ codes: lone, decodedZ: [10 + 1.01 * t, 10] })).done).toBe(true);
  });

  it('rejects malformed published state instead of grading it', () => {
    expect(checkFigure('autoencoder-hole', state({ codes: [0, 0, 1], decodedZ: [5, 5] })).message.en).toMatch(/not started/);
    expect(checkFigure('autoencoder-hole', state({ codes, decodedZ: [Number.NaN, 0] })).message.en).toMatch(/place the cross/);
    expect(checkFigure('autoencoder-hole', state({ codes, decodedZ: '6,6' })).done).toBe(false);
  });
});

describe('gan-ring-modes', () => {
  const ring = toyMixture('ring');
  /** 512 points drawn from the first `modes` Gaussians of the ring, in equal shares. */
  const onModes = (modes: number) => sampleMixture2D({ means: ring.means.slice(0, modes), sigma: ring.sigma }, 512, mulberry32(modes));

  it('is not ready before the figure starts, and says what to do before there are samples or on the grid', () => {
    expect(checkFigure('gan-ring-modes', state(undefined)).message.en).toMatch(/not started/);
    expect(checkFigure('gan-ring-modes', state({ distribution: 'ring', fake: undefined, step: undefined })).message.en).toMatch(/no samples/);
    const grid = checkFigure('gan-ring-modes', state({ distribution: 'grid', fake: onModes(8), step: 900 }));
    expect(grid.done).toBe(false);
    expect(grid.message.en).toBe(`Choose the ring of ${GAN_RING_MODES} Gaussians as the real data first.`);
  });

  it(`fails when the samples reach fewer than ${GAN_MODES_GOAL} modes, saying how many they reach`, () => {
    for (const modes of [1, GAN_MODES_GOAL - 1]) {
      const fake = onModes(modes);
      expect(modeReport(ring, fake).modesCovered).toBe(modes);
      const result = checkFigure('gan-ring-modes', state({ distribution: 'ring', fake, step: 40 }));
      expect(result.done).toBe(false);
      expect(result.message.en).toMatch(
        new RegExp(`^Not yet after 40 steps: ${modes} of ${GAN_RING_MODES} modes .* at least ${GAN_MODES_GOAL} modes must be reached`),
      );
      expect(result.message.zh).toMatch(new RegExp(`^还没有：训练 40 步后，${GAN_RING_MODES} 个模式中有 ${modes} 个`));
    }
  });

  it(`passes when the samples reach ${GAN_MODES_GOAL} or more modes`, () => {
    for (const modes of [GAN_MODES_GOAL, GAN_RING_MODES]) {
      const fake = onModes(modes);
      expect(modeReport(ring, fake).modesCovered).toBe(modes);
      const result = checkFigure('gan-ring-modes', state({ distribution: 'ring', fake: Array.from(fake), step: 700 }));
      expect(result.done, String(modes)).toBe(true);
      expect(result.message.en).toMatch(new RegExp(`^Done after 700 steps: ${modes} of ${GAN_RING_MODES} modes`));
    }
  });

  it('does not count points between the modes: samples spread over the plane or collapsed to the centre fail', () => {
    const rng = mulberry32(9);
    const spread = Float32Array.from({ length: 1024 }, () => 5.5 * rng() - 2.75);
    const centre = new Float32Array(1024);
    for (const fake of [spread, centre]) {
      expect(modeReport(ring, fake).modesCovered).toBeLessThan(GAN_MODES_GOAL);
      expect(checkFigure('gan-ring-modes', state({ distribution: 'ring', fake, step: 0 })).done).toBe(false);
    }
  });
});
