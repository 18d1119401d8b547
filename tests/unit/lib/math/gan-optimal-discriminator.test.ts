/**
 * Chapter 9's claims about the discriminator, checked two ways:
 *
 * 1. With plain numbers: for two Gaussians p_data and p_g, the value of the game at
 *    D* = p_data/(p_data + p_g) equals −log 4 + 2·JSD(p_data ‖ p_g) (eq. gan-c-jsd), no
 *    discriminator does better, and the JSD is 0 for equal and log 2 for disjoint densities.
 * 2. With the model library: the discriminator of a `Gan` with dataDim 1, trained by the model's
 *    own `trainStep` while its generator is held fixed, learns D*(x) pointwise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Normal1D } from '../../../../src/lib/math/gaussian.ts';
import { sampleNormal } from '../../../../src/lib/math/gaussian.ts';
import { ganValueOnGrid, jensenShannonNormal, optimalDiscriminator, optimalLogit, sigmoid } from '../../../../src/lib/math/gan.ts';
import { klDiscrete } from '../../../../src/lib/math/kl.ts';
import { uniformGrid } from '../../../../src/lib/math/quadrature.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { Gan } from '../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

const LOG4 = Math.log(4);

/** A grid wide enough that both densities vanish at its ends, fine enough for the trapezoid rule. */
function gridFor(p: Normal1D, q: Normal1D): Float64Array {
  const lo = Math.min(p.mu - 14 * p.sigma, q.mu - 14 * q.sigma);
  const hi = Math.max(p.mu + 14 * p.sigma, q.mu + 14 * q.sigma);
  return uniformGrid(lo, hi, 8001);
}

const PAIRS: [Normal1D, Normal1D][] = [
  [
    { mu: 0, sigma: 1 },
    { mu: 1, sigma: 0.7 },
  ],
  [
    { mu: -1, sigma: 0.5 },
    { mu: 2, sigma: 1.5 },
  ],
  [
    { mu: 0, sigma: 1 },
    { mu: 0.1, sigma: 1 },
  ],
];

describe('the optimal discriminator and the Jensen–Shannon divergence (plain numbers)', () => {
  it('D*(x) = p_data/(p_data + p_g) maximises the integrand a·log D + b·log(1 − D) at every x', () => {
    const [pData, pModel] = PAIRS[0] ?? [];
    if (!pData || !pModel) throw new Error('missing pair');
    for (const x of [-2, -0.5, 0, 0.4, 1, 2.5]) {
      const a = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
      const b = Math.exp(-0.5 * ((x - 1) / 0.7) ** 2) / (0.7 * Math.sqrt(2 * Math.PI));
      const best = optimalDiscriminator(x, pData, pModel);
      expect(best).toBeCloseTo(a / (a + b), 12);
      const f = (d: number) => a * Math.log(d) + b * Math.log(1 - d);
      // A brute-force search over D ∈ (0, 1) finds nothing better.
      for (let i = 1; i < 1000; i++) expect(f(i / 1000)).toBeLessThanOrEqual(f(best) + 1e-15);
    }
  });

  it('at D* the value equals −log 4 + 2·JSD(p_data ‖ p_g), computed independently', () => {
    for (const [pData, pModel] of PAIRS) {
      const xs = gridFor(pData, pModel);
      const logits = Array.from(xs, (x) => optimalLogit(x, pData, pModel));
      const value = ganValueOnGrid(xs, logits, pData, pModel);
      const jsd = jensenShannonNormal(pData, pModel);
      expect(jsd).toBeGreaterThan(0);
      expect(jsd).toBeLessThan(Math.LN2);
      expect(value).toBeCloseTo(-LOG4 + 2 * jsd, 9);
    }
  });

  it('any other discriminator gives a smaller value', () => {
    for (const [pData, pModel] of PAIRS) {
      const xs = gridFor(pData, pModel);
      const best = ganValueOnGrid(
        xs,
        Array.from(xs, (x) => optimalLogit(x, pData, pModel)),
        pData,
        pModel,
      );
      const others = [
        Array.from(xs, () => 0), // D = ½ everywhere: value −log 4
        Array.from(xs, (x) => optimalLogit(x, pData, pModel) + 0.3), // D* pushed towards "real"
        Array.from(xs, (x) => 0.9 * optimalLogit(x, pData, pModel)), // a less confident D*
      ];
      expect(ganValueOnGrid(xs, others[0] ?? [], pData, pModel)).toBeCloseTo(-LOG4, 9);
      for (const logits of others) expect(ganValueOnGrid(xs, logits, pData, pModel)).toBeLessThan(best);
    }
  });

  it("the chapter's figures: JSD of unit Gaussians 1, 2 and 4 apart, and the discrete exercise", () => {
    const jsd = (gap: number) => jensenShannonNormal({ mu: 0, sigma: 1 }, { mu: gap, sigma: 1 });
    expect(jsd(1)).toBeCloseTo(0.1114, 4);
    expect(jsd(2)).toBeCloseTo(0.3368, 4);
    expect(jsd(4)).toBeCloseTo(0.6327, 4);
    // Exercise ex:discrete-dstar: p_data = (0.6, 0.3, 0.1), p_g = (0.2, 0.2, 0.6).
    const pData = [0.6, 0.3, 0.1];
    const pModel = [0.2, 0.2, 0.6];
    const dStar = pData.map((a, i) => a / (a + (pModel[i] ?? 0)));
    expect(dStar[0]).toBeCloseTo(0.75, 12);
    expect(dStar[2]).toBeCloseTo(1 / 7, 12);
    const value = pData.reduce((sum, a, i) => sum + a * Math.log(dStar[i] ?? 0) + (pModel[i] ?? 0) * Math.log(1 - (dStar[i] ?? 0)), 0);
    const m = pData.map((a, i) => (a + (pModel[i] ?? 0)) / 2);
    const discreteJsd = 0.5 * klDiscrete(pData, m) + 0.5 * klDiscrete(pModel, m);
    expect(value).toBeCloseTo(-1.0735, 4);
    expect(discreteJsd).toBeCloseTo(0.1564, 4);
    expect(value).toBeCloseTo(-LOG4 + 2 * discreteJsd, 12);
  });

  it('JSD is 0 for equal densities and log 2 for (numerically) disjoint ones', () => {
    expect(jensenShannonNormal({ mu: 0.3, sigma: 0.8 }, { mu: 0.3, sigma: 0.8 })).toBeCloseTo(0, 12);
    expect(jensenShannonNormal({ mu: 0, sigma: 1 }, { mu: 60, sigma: 1 })).toBeCloseTo(Math.LN2, 12);
    // So the generator's best value is −log 4, reached exactly at p_g = p_data.
  });
});

describe('the library’s discriminator learns D* (Gan, dataDim 1, generator held fixed)', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('Gan.trainStep with a frozen linear generator drives D(x) to p_data/(p_data + p_g)', { timeout: 60_000 }, async () => {
    const pData: Normal1D = { mu: 0, sigma: 1 };
    const pModel: Normal1D = { mu: 1, sigma: 0.7 };
    // A generator with no hidden layer and a linear output is G(z) = w·z + b, so with z ~ N(0, 1)
    // its samples follow N(b, w²) exactly: p_g is known in closed form.
    const gan = new Gan(
      { kind: 'gan', dataDim: 1, latentDim: 1, generatorHidden: [], discriminatorHidden: [32, 32], outputActivation: 'linear', learningRate: 3e-3 },
      11,
    );
    const variables = gan.namedVariables();
    const w = variables.get('generator.0.w');
    const b = variables.get('generator.0.b');
    if (!w || !b) throw new Error('generator variables missing');
    const freeze = () => {
      w.assign(tf.tensor2d([[pModel.sigma]]));
      b.assign(tf.tensor1d([pModel.mu]));
    };
    freeze();

    const rng = mulberry32(5);
    const batchSize = 512;
    const steps = 1200;
    for (let step = 0; step < steps; step++) {
      if (step === 800) gan.setLearningRate(5e-4); // settle the minibatch noise
      const x = tf.tensor2d(Float32Array.from(sampleNormal(batchSize, pData, rng)), [batchSize, 1]);
      const y = tf.zeros([batchSize, 1]) as tf.Tensor2D;
      const metrics = gan.trainStep({ x, y }, step + 1);
      tf.dispose([x, y, ...Object.values(metrics)]);
      freeze(); // undo the generator's update: only D learns
    }

    // Compare on the region where both densities carry mass.
    const xs = uniformGrid(-2, 2.5, 46);
    const learned = tf.tidy(() => gan.discriminatorLogits(tf.tensor2d(Float32Array.from(xs), [xs.length, 1])));
    const logits = Array.from(await learned.data());
    learned.dispose();
    let worst = 0;
    xs.forEach((x, i) => {
      worst = Math.max(worst, Math.abs(sigmoid(logits[i] ?? Number.NaN) - optimalDiscriminator(x, pData, pModel)));
    });
    expect(worst).toBeLessThan(0.05);

    // Its value (by quadrature over a grid the network is evaluated on) is just below the optimum.
    const wide = uniformGrid(-8, 8, 3201);
    const wideLogits = tf.tidy(() => gan.discriminatorLogits(tf.tensor2d(Float32Array.from(wide), [wide.length, 1])));
    const value = ganValueOnGrid(wide, Array.from(await wideLogits.data()), pData, pModel);
    wideLogits.dispose();
    const optimum = -LOG4 + 2 * jensenShannonNormal(pData, pModel);
    expect(value).toBeLessThanOrEqual(optimum + 1e-6);
    expect(value).toBeGreaterThan(optimum - 0.01);
    gan.dispose();
  });
});
