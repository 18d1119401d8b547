/**
 * The trainer and the session on data other than MNIST (a `DataSource`): an MNIST split wrapped
 * as a source reproduces the split's own run exactly, and a GAN learns a 2-D toy distribution
 * from a `PointSource` through the same trainer and session the MNIST models use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { modeReport, sampleMixture2D, toyMixture } from '../../../../src/lib/math/toy-2d.ts';
import { chooseBackend, tryBackend } from '../../../../src/lib/vae/backend.ts';
import { loadNodeBackend, useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import type { MnistSplit } from '../../../../src/lib/vae/data.ts';
import { makeBatch } from '../../../../src/lib/vae/batch.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createModel, type Gan, type GanSpec } from '../../../../src/lib/vae/models/index.ts';
import { PointSource } from '../../../../src/lib/vae/points.ts';
import { createTrainingSession } from '../../../../src/lib/vae/session.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { createTrainer, type DataSource } from '../../../../src/lib/vae/trainer.ts';

const TOY_GAN: GanSpec = {
  kind: 'gan',
  dataDim: 2,
  latentDim: 2,
  generatorHidden: [32, 32],
  discriminatorHidden: [32, 32],
  outputActivation: 'linear',
  learningRate: 5e-3,
};

let train: MnistSplit;

beforeAll(async () => {
  await useNodeBackend();
  ({ train } = await loadMnistNode({ trainCount: 1000, testCount: 1 }));
});

describe('createTrainer with a DataSource', () => {
  it('an MNIST split wrapped as a source gives the same run as the split itself (same indices and step seeds)', { timeout: 30_000 }, async () => {
    const calls: { indices: number[]; seed: number }[] = [];
    const source: DataSource = {
      count: train.count,
      batch(indices, seed) {
        calls.push({ indices: Array.from(indices), seed });
        return makeBatch(train, indices, { binarize: 'sample', seed });
      },
    };
    const runs = [train, source].map((data) => {
      const model = createModel({ kind: 'vae', hidden: [32], latentDim: 2 }, 3);
      return { model, trainer: createTrainer({ model, data, batchSize: 32, seed: 4, readEvery: 5, binarize: 'sample' }) };
    });
    for (const { trainer } of runs) await trainer.step(15);
    const [fromSplit, fromSource] = runs.map(({ trainer }) => trainer.history.map((r) => r.values));
    expect(fromSplit).toHaveLength(3);
    expect(fromSource).toEqual(fromSplit);
    expect(calls).toHaveLength(15);
    expect(calls.every((c) => c.indices.length === 32 && c.indices.every((i) => i >= 0 && i < train.count))).toBe(true);
    for (const { trainer, model } of runs) {
      trainer.dispose();
      model.dispose();
    }
  });

  it('a GAN learns the ring of Gaussians from a PointSource: its samples move onto the modes, tensors stay flat', { timeout: 60_000 }, async () => {
    const ring = toyMixture('ring');
    const source = new PointSource(sampleMixture2D(ring, 2048, mulberry32(1)), 2);
    const gan = createModel(TOY_GAN, 2) as Gan;
    const trainer = createTrainer({ model: gan, data: source, batchSize: 128, seed: 2, readEvery: 10 });
    const distance = async () => {
      const points = gan.sample(512, 7);
      const report = modeReport(ring, await points.data());
      points.dispose();
      return report.meanDistance;
    };
    const before = await distance();
    await trainer.step(20);
    const tensors = tf.memory().numTensors;
    await trainer.step(880);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Object.keys(trainer.latest?.values ?? {})).toEqual(['discriminator', 'dReal', 'generator', 'dFake']);
    const after = await distance();
    expect(after).toBeLessThan(0.6 * before);
    trainer.dispose();
    gan.dispose();
  });

  it('PointSource: batches are the indexed rows, labels are ignored zeros, replace() keeps the count', () => {
    const source = new PointSource(Float32Array.from([0, 1, 2, 3, 4, 5]), 2);
    expect(source.count).toBe(3);
    const { x, y } = source.batch(Uint32Array.from([2, 0]));
    expect(Array.from(x.dataSync())).toEqual([4, 5, 0, 1]);
    expect(y.shape).toEqual([2, 1]);
    tf.dispose([x, y]);
    source.replace(Float32Array.from([9, 9, 8, 8, 7, 7]));
    const again = source.batch(Uint32Array.from([1]));
    expect(Array.from(again.x.dataSync())).toEqual([8, 8]);
    tf.dispose([again.x, again.y]);
    expect(() => source.replace(new Float32Array(4))).toThrow(RangeError);
    expect(() => source.batch(Uint32Array.from([3]))).toThrow(RangeError);
    expect(() => new PointSource(new Float32Array(5), 2)).toThrow(RangeError);
  });
});

describe('createTrainingSession with a DataSource', () => {
  it('trains a toy GAN on points, with the same history bookkeeping as on MNIST', { timeout: 30_000 }, async () => {
    const source = new PointSource(sampleMixture2D(toyMixture('grid'), 1024, mulberry32(3)), 2);
    const session = await createTrainingSession({
      spec: TOY_GAN,
      seed: 5,
      data: source,
      batchSize: 64,
      readEvery: 5,
      environment: { choose: () => chooseBackend({ order: ['wasm'], tryBackend: (n) => tryBackend(n, loadNodeBackend) }) },
    });
    const record = await session.step(20);
    expect(record?.step).toBe(20);
    expect(record?.epoch).toBeCloseTo(20 / 16, 10);
    expect(session.history.map((r) => r.step)).toEqual([5, 10, 15, 20]);
    expect(Object.values(record?.values ?? {}).every(Number.isFinite)).toBe(true);
    session.dispose();
  });
});
