/** The 2-D toy distributions of the GAN figure (`src/lib/math/toy-2d.ts`), and the GAN's live settings. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { gridMixture, mixtureDensity2D, modeReport, nearestMode, ringMixture, sampleMixture2D, toyMixture } from '../../../../src/lib/math/toy-2d.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { createModel, type Gan } from '../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

describe('toy 2-D mixtures', () => {
  it('ringMixture(8, 2) puts 8 modes on the circle of radius 2, 45° apart', () => {
    const ring = ringMixture(8, 2, 0.1);
    expect(ring.means).toHaveLength(8);
    for (const [k, [x, y]] of ring.means.entries()) {
      expect(Math.hypot(x, y)).toBeCloseTo(2, 12);
      expect(Math.atan2(y, x)).toBeCloseTo(Math.atan2(Math.sin((k * Math.PI) / 4), Math.cos((k * Math.PI) / 4)), 12);
    }
  });

  it('gridMixture(5, 1) is the 5 × 5 grid {−2, …, 2}²', () => {
    const grid = gridMixture(5, 1, 0.1);
    expect(grid.means).toHaveLength(25);
    const coords = new Set(grid.means.map(([x, y]) => `${x},${y}`));
    for (const x of [-2, -1, 0, 1, 2]) for (const y of [-2, -1, 0, 1, 2]) expect(coords.has(`${x},${y}`)).toBe(true);
  });

  it('the density integrates to 1 and peaks at a mode at 1/(K·2πσ²)', () => {
    for (const m of [toyMixture('ring'), toyMixture('grid')]) {
      const h = 0.01;
      let total = 0;
      for (let x = -3.5; x <= 3.5; x += h) for (let y = -3.5; y <= 3.5; y += h) total += mixtureDensity2D(m, x, y);
      expect(total * h * h).toBeCloseTo(1, 4);
      const [mx = 0, my = 0] = m.means[0] ?? [];
      expect(mixtureDensity2D(m, mx, my)).toBeCloseTo(1 / (m.means.length * 2 * Math.PI * m.sigma ** 2), 6);
    }
  });

  it('samples are seeded, spread evenly over the modes, and sit σ·√(π/2) from their mode on average', () => {
    const ring = toyMixture('ring');
    const a = sampleMixture2D(ring, 20_000, mulberry32(9));
    expect(sampleMixture2D(ring, 20_000, mulberry32(9))).toEqual(a);
    expect(sampleMixture2D(ring, 10, mulberry32(10))).not.toEqual(a.subarray(0, 20));
    const report = modeReport(ring, a);
    expect(report.meanDistance).toBeCloseTo(ring.sigma * Math.sqrt(Math.PI / 2), 2);
    expect(report.nearFraction).toBeGreaterThan(0.985); // 1 − e^{−9/2} = 0.9889 within 3σ
    expect(report.modesCovered).toBe(8);
    expect(Math.hypot(...report.centroid)).toBeLessThan(0.05);
  });

  it('modeReport sees mode collapse: all points on one mode cover 1 mode; points between modes cover none', () => {
    const ring = toyMixture('ring');
    const collapsed = sampleMixture2D({ means: [[2, 0]], sigma: 0.1 }, 500, mulberry32(1));
    const one = modeReport(ring, collapsed);
    expect(one.modesCovered).toBe(1);
    expect(one.centroid[0]).toBeCloseTo(2, 1);
    const between = modeReport(ring, Float32Array.from([0, 0, 0.5, 0.5, -1, 0]));
    expect(between.modesCovered).toBe(0);
    expect(between.nearFraction).toBe(0);
    expect(nearestMode(ring, 0.1, 1.9).index).toBe(2);
    expect(nearestMode(ring, 0, 0).distance).toBeCloseTo(2, 12);
  });
});

describe('Gan live settings', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('setGeneratorLoss and setDiscriminatorSteps change the next steps and the reported spec', () => {
    const gan = createModel({ kind: 'gan', dataDim: 2, latentDim: 2, generatorHidden: [8], discriminatorHidden: [8], outputActivation: 'linear' }, 1) as Gan;
    const batch = { x: tf.randomNormal([12, 2], 0, 1, 'float32', 1) as tf.Tensor2D, y: tf.zeros([12, 1]) as tf.Tensor2D };
    const generatorMetric = () => {
      const metrics = gan.evaluate(batch, 3);
      const value = metrics.generator.dataSync()[0] ?? Number.NaN;
      tf.dispose(Object.values(metrics));
      return value;
    };
    expect(generatorMetric()).toBeGreaterThan(0); // −log D(G(z)) > 0
    gan.setGeneratorLoss('minimax');
    expect(gan.spec.generatorLoss).toBe('minimax');
    expect(generatorMetric()).toBeLessThan(0); // log(1 − D(G(z))) < 0
    gan.setDiscriminatorSteps(4);
    expect(gan.spec.discriminatorSteps).toBe(4);
    expect(() => gan.setDiscriminatorSteps(0)).toThrow(/discriminatorSteps/);
    tf.dispose(Object.values(gan.trainStep(batch, 1)));
    // 12 rows cannot feed 13 discriminator batches: the new k is in force.
    gan.setDiscriminatorSteps(13);
    expect(() => gan.trainStep(batch, 2)).toThrow(RangeError);
    tf.dispose([batch.x, batch.y]);
    gan.dispose();
  });
});
