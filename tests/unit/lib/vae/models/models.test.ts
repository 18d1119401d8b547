import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../../src/lib/vae/backend-node.ts';
import type { MnistData } from '../../../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../../../src/lib/vae/data-node.ts';
import { Autoencoder, createModel, Cvae, discriminatorLoss, Gan, generatorLoss, Vae, VaeGan } from '../../../../../src/lib/vae/models/index.ts';
import type { AnyModel, ModelSpec } from '../../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../../src/lib/vae/tf.ts';
import { captureWeights } from '../../../../../src/lib/vae/weights.ts';
import { firstImages, readMetrics, rows, values } from '../../../model-helpers.ts';

/** Small networks keep these tests fast on a shared 2-core machine (training: models-training.test.ts). */
const SMALL = { hidden: [32], latentDim: 8 } as const;
const SPECS: readonly ModelSpec[] = [
  { kind: 'autoencoder', ...SMALL },
  { kind: 'vae', ...SMALL },
  { kind: 'cvae', ...SMALL },
  { kind: 'gan', generatorHidden: [32], discriminatorHidden: [32], latentDim: 8 },
  { kind: 'vaegan', ...SMALL, discriminatorHidden: [32] },
];
const TIMEOUT = 20_000;

let mnist: MnistData;

beforeAll(async () => {
  await useNodeBackend();
  mnist = await loadMnistNode({ trainCount: 100, testCount: 10 });
});

describe('createModel', () => {
  it('createModel(spec, seed) builds every kind with stable, per-network variable names', () => {
    const expected: Record<ModelSpec['kind'], string[]> = {
      autoencoder: ['encoder.0.w', 'encoder.0.b', 'encoder.1.w', 'encoder.1.b', 'decoder.0.w', 'decoder.0.b', 'decoder.1.w', 'decoder.1.b'],
      vae: [
        'encoder.0.w',
        'encoder.0.b',
        'encoder.mean.w',
        'encoder.mean.b',
        'encoder.logVar.w',
        'encoder.logVar.b',
        'decoder.0.w',
        'decoder.0.b',
        'decoder.1.w',
        'decoder.1.b',
      ],
      cvae: [
        'encoder.0.w',
        'encoder.0.b',
        'encoder.mean.w',
        'encoder.mean.b',
        'encoder.logVar.w',
        'encoder.logVar.b',
        'decoder.0.w',
        'decoder.0.b',
        'decoder.1.w',
        'decoder.1.b',
      ],
      gan: [
        'generator.0.w',
        'generator.0.b',
        'generator.1.w',
        'generator.1.b',
        'discriminator.0.w',
        'discriminator.0.b',
        'discriminator.1.w',
        'discriminator.1.b',
      ],
      vaegan: [
        'encoder.0.w',
        'encoder.0.b',
        'encoder.mean.w',
        'encoder.mean.b',
        'encoder.logVar.w',
        'encoder.logVar.b',
        'decoder.0.w',
        'decoder.0.b',
        'decoder.1.w',
        'decoder.1.b',
        'discriminator.0.w',
        'discriminator.0.b',
        'discriminator.1.w',
        'discriminator.1.b',
      ],
    };
    for (const spec of SPECS) {
      const model = createModel(spec, 1);
      expect(model.kind).toBe(spec.kind);
      expect([...model.namedVariables().keys()]).toEqual(expected[spec.kind]);
      model.dispose();
    }
  });

  it('createModel returns the class of its kind, with shapes from the spec', () => {
    const vae = createModel({ kind: 'vae', hidden: [32, 16], latentDim: 2 }, 1);
    expect(vae).toBeInstanceOf(Vae);
    expect(vae.namedVariables().get('encoder.0.w')?.shape).toEqual([784, 32]);
    expect(vae.namedVariables().get('encoder.mean.w')?.shape).toEqual([16, 2]);
    expect(vae.namedVariables().get('decoder.0.w')?.shape).toEqual([2, 16]);
    expect(vae.namedVariables().get('decoder.2.w')?.shape).toEqual([32, 784]);
    const cvae = createModel({ kind: 'cvae', hidden: [32], latentDim: 2 }, 1);
    expect(cvae).toBeInstanceOf(Cvae);
    expect(cvae.namedVariables().get('encoder.0.w')?.shape).toEqual([794, 32]);
    expect(cvae.namedVariables().get('decoder.0.w')?.shape).toEqual([12, 32]);
    const gan = createModel({ kind: 'gan', dataDim: 2, latentDim: 3, generatorHidden: [16], outputActivation: 'linear' }, 1);
    expect(gan).toBeInstanceOf(Gan);
    expect(gan.namedVariables().get('generator.1.w')?.shape).toEqual([16, 2]);
    expect(createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2 }, 1)).toBeInstanceOf(Autoencoder);
    expect(createModel({ kind: 'vaegan', hidden: [8], latentDim: 2, discriminatorHidden: [8] }, 1)).toBeInstanceOf(VaeGan);
    const learned = createModel({ kind: 'vae', hidden: [8], latentDim: 2, likelihood: { kind: 'gaussian-learned' } }, 1);
    expect(learned.namedVariables().get('decoder.logVar')?.shape).toEqual([]);
    for (const m of [vae, cvae, gan, learned]) m.dispose();
  });

  it('createModel fills in the documented defaults and rejects invalid specs', () => {
    const vae = createModel({ kind: 'vae' }, 1);
    expect(vae.spec).toEqual({
      kind: 'vae',
      inputDim: 784,
      hidden: [400],
      activation: 'relu',
      latentDim: 20,
      learningRate: 1e-3,
      likelihood: { kind: 'bernoulli' },
      beta: 1,
    });
    vae.dispose();
    const gan = createModel({ kind: 'gan' }, 1);
    expect(gan.spec).toMatchObject({ learningRate: 2e-4, beta1: 0.5, generatorLoss: 'non-saturating', discriminatorSteps: 1 });
    gan.dispose();
    expect(() => createModel({ kind: 'vae', latentDim: 0 }, 1)).toThrow(/latentDim/);
    expect(() => createModel({ kind: 'vae', hidden: [1.5] }, 1)).toThrow(/hidden\[0\]/);
    expect(() => createModel({ kind: 'gan', discriminatorSteps: 0 }, 1)).toThrow(/discriminatorSteps/);
    expect(() => createModel({ kind: 'vaegan', beta1: 1 }, 1)).toThrow(/beta1/);
    expect(() => createModel({ kind: 'vae', likelihood: { kind: 'gaussian', sigma: 0 } }, 1)).toThrow(/sigma/);
  });

  it('two models of the same kind coexist, and dispose() frees every tensor', () => {
    const before = tf.memory().numTensors;
    const models = SPECS.flatMap((spec) => [createModel(spec, 1), createModel(spec, 2)]);
    for (const m of models) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('createModel(model.spec, seed) after a JSON round trip rebuilds the same weights, and reinitialize(seed) redraws them', async () => {
    for (const spec of SPECS) {
      const a = createModel(spec, 5);
      const b = createModel(JSON.parse(JSON.stringify(a.spec)) as ModelSpec, 5);
      const c = createModel(spec, 6);
      expect(await captureWeights(b)).toEqual(await captureWeights(a));
      expect(await captureWeights(c)).not.toEqual(await captureWeights(a));
      c.reinitialize(5);
      expect(await captureWeights(c)).toEqual(await captureWeights(a));
      for (const m of [a, b, c]) m.dispose();
    }
  });
});

describe('memory', () => {
  it('trainStep and evaluate keep the tensor count flat for every model (20 steps after a burn-in step)', { timeout: TIMEOUT }, () => {
    const batch = firstImages(mnist.train, 32);
    const tiny = { hidden: [32], latentDim: 2 } as const;
    const specs: readonly ModelSpec[] = [
      { kind: 'autoencoder', ...tiny, noise: 0.2 },
      { kind: 'vae', ...tiny, likelihood: { kind: 'gaussian-learned' } },
      { kind: 'cvae', ...tiny },
      { kind: 'gan', generatorHidden: [32], discriminatorHidden: [32], discriminatorSteps: 3 },
      { kind: 'vaegan', ...tiny, discriminatorHidden: [32] },
    ];
    for (const spec of specs) {
      const model: AnyModel = createModel(spec, 1);
      const step = (seed: number): void => {
        tf.dispose(Object.values(model.trainStep(batch, seed)));
        tf.dispose(Object.values(model.evaluate(batch, seed)));
      };
      step(1); // burn-in: the optimisers create their moment variables
      const before = tf.memory().numTensors;
      for (let i = 2; i < 22; i++) step(i);
      expect(tf.memory().numTensors, spec.kind).toBe(before);
      model.dispose();
    }
    tf.dispose([batch.x, batch.y]);
  });
});

describe('Autoencoder', () => {
  it('corrupt(x, seed) adds clipped Gaussian noise, masks pixels, or copies x when noise is 0', () => {
    const x = tf.fill([200, 784], 0.5) as tf.Tensor2D;
    const gaussian = createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2, noise: 0.3 }, 1);
    const g = values(gaussian.corrupt(x, 1));
    expect(g.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(g.some((v) => v === 0) && g.some((v) => v === 1)).toBe(true); // clipped at both ends
    const sd = Math.sqrt(g.reduce((s, v) => s + (v - 0.5) ** 2, 0) / g.length);
    expect(sd).toBeGreaterThan(0.25);
    expect(sd).toBeLessThan(0.3);
    expect(values(gaussian.corrupt(x, 1))).toEqual(g);
    expect(values(gaussian.corrupt(x, 2))).not.toEqual(g);

    const masking = createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2, noise: 0.25, corruption: 'mask' }, 1);
    const m = values(masking.corrupt(x, 1));
    const zeros = m.filter((v) => v === 0).length / m.length;
    expect(zeros).toBeGreaterThan(0.23);
    expect(zeros).toBeLessThan(0.27);
    expect(m.every((v) => v === 0 || v === 0.5)).toBe(true);

    const plain = createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2 }, 1);
    expect(values(plain.corrupt(x, 1))).toEqual(values(tf.clone(x)));
    for (const model of [gaussian, masking, plain]) model.dispose();
    x.dispose();
  });

  it('encode, decode and reconstruct give codes [b, latent] and pixel probabilities in [0, 1]; loss "mse" is the summed squared error', () => {
    const model = createModel({ kind: 'autoencoder', hidden: [16], latentDim: 3, loss: 'mse' }, 1);
    const x = firstImages(mnist.test, 4);
    const code = model.encode(x.x);
    expect(code.shape).toEqual([4, 3]);
    const xHat = model.reconstruct(x.x);
    expect(xHat.shape).toEqual([4, 784]);
    const pixels = values(xHat);
    expect(pixels.every((v) => v > 0 && v < 1)).toBe(true);
    const expected = values(tf.tidy(() => tf.mean(tf.sum(tf.squaredDifference(x.x, model.decode(code)), 1))))[0];
    expect(readMetrics(model.evaluate(x, 1)).loss).toBeCloseTo(expected ?? Number.NaN, 4);
    tf.dispose([code, x.x, x.y]);
    model.dispose();
  });
});

describe('Vae', () => {
  it('lossTerms, setBeta, iwae, klPerDimension, sample and reconstruct have the documented shapes and relations', () => {
    const model = createModel({ kind: 'vae', hidden: [16], latentDim: 3 }, 1);
    const x = firstImages(mnist.test, 8);
    const terms = readMetrics({ ...model.lossTerms(x.x, 1) });
    expect(terms.total).toBeCloseTo((terms.reconstruction ?? 0) + (terms.kl ?? 0), 3);
    model.setBeta(4);
    expect(model.beta).toBe(4);
    expect(model.spec.beta).toBe(4);
    const weighted = readMetrics(model.evaluate(x, 1));
    expect(weighted.total).toBeCloseTo((weighted.reconstruction ?? 0) + 4 * (weighted.kl ?? 0), 3);
    expect(() => model.setBeta(-1)).toThrow(RangeError);

    const iwae = model.iwae(x.x, 10, 1);
    expect(iwae.shape).toEqual([8]);
    values(iwae).forEach((v) => expect(Number.isFinite(v)).toBe(true));
    const kl = values(model.klPerDimension(x.x));
    expect(kl).toHaveLength(3);
    kl.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
    expect(kl.reduce((a, b) => a + b, 0)).toBeCloseTo(terms.kl ?? 0, 3);

    const samples = model.sample(5, 1);
    expect(samples.shape).toEqual([5, 784]);
    const pixels = values(samples);
    expect(pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(values(model.sample(5, 1))).toEqual(pixels);
    const q = model.encode(x.x);
    expect(q.mean.shape).toEqual([8, 3]);
    expect(values(model.reconstruct(x.x))).toEqual(values(model.decode(q.mean)));
    expect(values(model.reconstruct(x.x, 1))).not.toEqual(values(model.reconstruct(x.x, 2)));
    tf.dispose([q.mean, q.logVar, x.x, x.y]);
    model.dispose();
  });

  it('setLearningRate changes the step size and keeps the optimiser state', async () => {
    const model = createModel({ kind: 'vae', hidden: [16], latentDim: 2 }, 1);
    const batch = firstImages(mnist.train, 16);
    tf.dispose(Object.values(model.trainStep(batch, 1)));
    model.setLearningRate(1e-9);
    expect(model.spec.learningRate).toBe(1e-9);
    const before = await captureWeights(model);
    tf.dispose(Object.values(model.trainStep(batch, 2)));
    const after = await captureWeights(model);
    for (const [name, w] of before) {
      const change = w.reduce((m, v, i) => Math.max(m, Math.abs(v - (after.get(name)?.[i] ?? 0))), 0);
      expect(change, name).toBeLessThan(1e-6);
    }
    expect(() => model.setLearningRate(0)).toThrow(RangeError);
    tf.dispose([batch.x, batch.y]);
    model.dispose();
  });

  it('trains with the Gaussian likelihoods (fixed and learned variance)', () => {
    const batch = firstImages(mnist.train, 32);
    for (const likelihood of [{ kind: 'gaussian', sigma: 0.1 }, { kind: 'gaussian-learned' }] as const) {
      const model = createModel({ kind: 'vae', hidden: [32], latentDim: 2, likelihood }, 1);
      const first = readMetrics(model.trainStep(batch, 1));
      for (let i = 2; i < 20; i++) tf.dispose(Object.values(model.trainStep(batch, i)));
      const last = readMetrics(model.evaluate(batch, 1));
      expect(last.total, likelihood.kind).toBeLessThan(first.total ?? 0);
      model.dispose();
    }
    tf.dispose([batch.x, batch.y]);
  });
});

describe('Cvae', () => {
  it('sample(labels, seed) accepts digits or one-hot rows', () => {
    const model = createModel({ kind: 'cvae', hidden: [16], latentDim: 2 }, 1);
    const fromDigits = model.sample([3, 7], 1);
    const fromOneHot = model.sample(model.oneHot([3, 7]), 1);
    expect(fromDigits.shape).toEqual([2, 784]);
    expect(values(fromDigits)).toEqual(values(fromOneHot));
    expect(() => model.oneHot([10])).toThrow(RangeError);
    model.dispose();
  });
});

describe('Gan', () => {
  it('discriminatorLoss and generatorLoss match −log D(x) − log(1 − D(G(z))), log(1 − D(G(z))) and −log D(G(z)), also for extreme logits', () => {
    const real = tf.tensor2d([[2], [-1], [60]]);
    const fake = tf.tensor2d([[-3], [0.5], [-80]]);
    const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t));
    const d = values(discriminatorLoss(real, [fake]))[0];
    const expectedD = -([2, -1, 60].reduce((s, t) => s + Math.log(sigmoid(t)), 0) / 3) - [-3, 0.5, -80].reduce((s, t) => s + Math.log(1 - sigmoid(t)), 0) / 3;
    expect(d).toBeCloseTo(expectedD, 4);
    const logOneMinusSigmoid = (t: number): number => -Math.log1p(Math.exp(t));
    const logSigmoid = (t: number): number => -Math.log1p(Math.exp(-t));
    expect(values(generatorLoss(fake, 'minimax'))[0]).toBeCloseTo([-3, 0.5, -80].reduce((s, t) => s + logOneMinusSigmoid(t), 0) / 3, 4);
    expect(values(generatorLoss(fake, 'non-saturating'))[0]).toBeCloseTo(-[-3, 0.5, -80].reduce((s, t) => s + logSigmoid(t), 0) / 3, 4);
    tf.dispose([real, fake]);
  });

  it('both generator losses train; k discriminator steps split the batch; discriminate gives probabilities', () => {
    const batch = firstImages(mnist.train, 12);
    for (const generatorLoss of ['minimax', 'non-saturating'] as const) {
      const model = createModel({ kind: 'gan', generatorHidden: [16], discriminatorHidden: [16], latentDim: 2, generatorLoss, discriminatorSteps: 3 }, 1);
      const metrics = readMetrics(model.trainStep(batch, 1));
      expect(Object.keys(metrics).sort()).toEqual(['dFake', 'dReal', 'discriminator', 'generator']);
      if (generatorLoss === 'minimax') expect(metrics.generator).toBeLessThan(0);
      else expect(metrics.generator).toBeGreaterThan(0);
      const p = values(model.discriminate(batch.x));
      expect(p).toHaveLength(12);
      p.forEach((v) => expect(v > 0 && v < 1).toBe(true));
      model.dispose();
    }
    const k5 = createModel({ kind: 'gan', generatorHidden: [8], discriminatorHidden: [8], latentDim: 2, discriminatorSteps: 13 }, 1);
    expect(() => k5.trainStep(batch, 1)).toThrow(/13 discriminator batches/);
    k5.dispose();
    tf.dispose([batch.x, batch.y]);
  });

  it('works on 2-D toy data with a linear output', () => {
    const model = createModel(
      { kind: 'gan', dataDim: 2, latentDim: 2, generatorHidden: [16], discriminatorHidden: [16], outputActivation: 'linear', learningRate: 5e-3 },
      1,
    );
    const x = tf.tidy(() => tf.add(tf.mul(tf.randomNormal([64, 2], 0, 1, 'float32', 1), 0.1), 3) as tf.Tensor2D);
    const y = tf.zeros([64, 1]) as tf.Tensor2D;
    for (let i = 1; i <= 200; i++) tf.dispose(Object.values(model.trainStep({ x, y }, i)));
    const samples = rows(model.sample(200, 1));
    const mean = samples.reduce((s, r) => s + (r[0] ?? 0) + (r[1] ?? 0), 0) / 400;
    expect(mean).toBeGreaterThan(1); // pulled from ≈ 0 towards the data at (3, 3)
    tf.dispose([x, y]);
    model.dispose();
  });
});
