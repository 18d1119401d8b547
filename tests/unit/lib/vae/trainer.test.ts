import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import type { MnistSplit } from '../../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createModel } from '../../../../src/lib/vae/models/index.ts';
import type { ModelSpec } from '../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { createTrainer, RUNAWAY_FACTOR } from '../../../../src/lib/vae/trainer.ts';
import type { DataSource, MetricsRecord, TrainerOptions } from '../../../../src/lib/vae/trainer.ts';
import type { TrainableModel } from '../../../../src/lib/vae/types.ts';
import { captureWeights, firstNonFinite } from '../../../../src/lib/vae/weights.ts';

/** Tiny networks: these tests are about the trainer's bookkeeping, not about model quality. */
const TINY_VAE: ModelSpec = { kind: 'vae', hidden: [32], latentDim: 2 };
const BATCH = 32;
const TIMEOUT = 20_000;

let train: MnistSplit;

beforeAll(async () => {
  await useNodeBackend();
  ({ train } = await loadMnistNode({ trainCount: 1000, testCount: 1 }));
});

function setup(options: Partial<TrainerOptions> & { spec?: ModelSpec; modelSeed?: number } = {}) {
  const { spec = TINY_VAE, modelSeed = 1, ...rest } = options;
  const model = createModel(spec, modelSeed);
  const trainer = createTrainer({ model, data: train, batchSize: BATCH, seed: 1, readEvery: 5, ...rest });
  return { model, trainer };
}

const valuesOf = (history: readonly MetricsRecord[]) => history.map((r) => r.values);

describe('createTrainer', () => {
  it('step(n) runs n steps and reads the metrics back every readEvery steps', { timeout: TIMEOUT }, async () => {
    const { model, trainer } = setup();
    expect(trainer.status).toBe('ready');
    const first = await trainer.step(12);
    expect(trainer.stepCount).toBe(12);
    expect(trainer.history.map((r) => r.step)).toEqual([5, 10]);
    expect(first).toBe(trainer.history[1]);
    expect(trainer.latest).toBe(first);
    expect(Object.keys(first?.values ?? {})).toEqual(['reconstruction', 'kl', 'total']);
    expect(first?.epoch).toBeCloseTo(10 / Math.floor(1000 / BATCH), 10);
    expect(await trainer.step(2)).toBeUndefined(); // the window 10…15 is still open
    expect((await trainer.step(1))?.step).toBe(15);
    expect(await trainer.step(0)).toBeUndefined();
    await expect(trainer.step(-1)).rejects.toThrow(RangeError);
    trainer.dispose();
    model.dispose();
  });

  it("a record holds each metric's mean over the steps of its window", { timeout: TIMEOUT }, async () => {
    const every = setup({ readEvery: 1 });
    const windowed = setup({ readEvery: 4 });
    await every.trainer.step(8);
    await windowed.trainer.step(8);
    for (const [w, record] of windowed.trainer.history.entries()) {
      const steps = every.trainer.history.slice(4 * w, 4 * w + 4);
      for (const [name, value] of Object.entries(record.values)) {
        const mean = steps.reduce((s, r) => s + (r.values[name] ?? Number.NaN), 0) / 4;
        expect(value).toBeCloseTo(mean, 3);
      }
    }
    for (const { trainer, model } of [every, windowed]) {
      trainer.dispose();
      model.dispose();
    }
  });

  it('two trainers with the same seed produce the same metrics; another seed does not', { timeout: TIMEOUT }, async () => {
    const runs = [1, 1, 2].map((seed) => setup({ seed, binarize: 'sample' }));
    for (const { trainer } of runs) await trainer.step(20);
    const [a, b, c] = runs.map(({ trainer }) => valuesOf(trainer.history));
    expect(a).toHaveLength(4);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    for (const { trainer, model } of runs) {
      trainer.dispose();
      model.dispose();
    }
  });

  it('reset() repeats the run exactly, and reset(seed) matches a new model and trainer with that seed', { timeout: TIMEOUT }, async () => {
    const { model, trainer } = setup();
    await trainer.step(15);
    const firstRun = valuesOf(trainer.history);
    trainer.reset();
    expect(trainer.stepCount).toBe(0);
    expect(trainer.history).toEqual([]);
    expect(trainer.latest).toBeUndefined();
    await trainer.step(15);
    expect(valuesOf(trainer.history)).toEqual(firstRun);

    trainer.reset(9);
    await trainer.step(15);
    const fresh = setup({ seed: 9, modelSeed: 9 });
    await fresh.trainer.step(15);
    expect(valuesOf(trainer.history)).toEqual(valuesOf(fresh.trainer.history));
    expect(valuesOf(trainer.history)).not.toEqual(firstRun);
    for (const { trainer: t, model: m } of [{ trainer, model }, fresh]) {
      t.dispose();
      m.dispose();
    }
  });

  it('keeps the tensor count flat over 20 steps for every model (after a burn-in window)', { timeout: TIMEOUT }, async () => {
    const specs: readonly ModelSpec[] = [
      { kind: 'autoencoder', hidden: [32], latentDim: 2, noise: 0.2 },
      TINY_VAE,
      { kind: 'cvae', hidden: [32], latentDim: 2 },
      { kind: 'gan', generatorHidden: [32], discriminatorHidden: [32], latentDim: 2, discriminatorSteps: 2 },
      { kind: 'vaegan', hidden: [32], latentDim: 2, discriminatorHidden: [32] },
    ];
    for (const spec of specs) {
      const { model, trainer } = setup({ spec, snapshotEvery: 5 });
      await trainer.step(5);
      const before = tf.memory().numTensors;
      await trainer.step(20);
      expect(trainer.stepCount).toBe(25);
      expect(tf.memory().numTensors, spec.kind).toBe(before);
      trainer.dispose();
      model.dispose();
    }
  });
});

describe('the divergence guard', () => {
  it('trips on a NaN-poisoned weight, names the diverged term, refuses to step, and restoreLastGood() recovers', { timeout: TIMEOUT }, async () => {
    const { model, trainer } = setup({ snapshotEvery: 10 });
    await trainer.step(20);
    expect(trainer.lastGoodStep).toBe(20);
    const w = model.namedVariables().get('decoder.0.w');
    if (!w) throw new Error('no decoder.0.w');
    tf.tidy(() => w.assign(tf.fill(w.shape, Number.NaN)));

    expect(await trainer.step(10)).toBeUndefined();
    expect(trainer.status).toBe('diverged');
    // The first non-finite metric in the model's order: reconstruction (kl only sees the encoder).
    expect(trainer.divergence).toMatchObject({ step: 25, term: 'reconstruction' });
    expect(trainer.divergence?.value).toBeNaN();
    expect(trainer.stepCount).toBe(25);
    expect(await trainer.step(10)).toBeUndefined();
    expect(trainer.stepCount).toBe(25); // refuses to step
    expect(trainer.status).toBe('diverged');

    trainer.restoreLastGood();
    expect(trainer.status).toBe('ready');
    expect(trainer.divergence).toBeUndefined();
    expect(firstNonFinite(await captureWeights(model))).toBeUndefined();
    const record = await trainer.step(10);
    expect(record?.step).toBe(35);
    Object.values(record?.values ?? {}).forEach((v) => expect(Number.isFinite(v)).toBe(true));
    trainer.dispose();
    model.dispose();
  });

  it('trips when a learning rate of 1e6 blows training up; with the last good weights and a sane rate training continues', { timeout: TIMEOUT }, async () => {
    const { model, trainer } = setup({ spec: { ...TINY_VAE, learningRate: 1e6 } });
    await trainer.step(100);
    expect(trainer.status).toBe('diverged');
    expect(trainer.divergence?.term).toMatch(/^(reconstruction|kl|total|weights:.+)$/);
    expect(Number.isFinite(trainer.divergence?.value)).toBe(false);
    expect(trainer.lastGoodStep).toBe(0); // only the weights from before the first step were good
    trainer.restoreLastGood();
    model.setLearningRate(1e-3);
    const record = await trainer.step(20);
    expect(trainer.status).toBe('ready');
    Object.values(record?.values ?? {}).forEach((v) => expect(Number.isFinite(v)).toBe(true));
    trainer.dispose();
    model.dispose();
  });

  /**
   * A model whose loss is scripted step by step and whose one weight records the step that set
   * it, so the guard's decisions can be checked exactly (a real model would need a learning rate
   * tuned to blow up slowly, which no test can rely on). `monitoredLoss` is the metric it
   * declares for the runaway guard (none: judged by finiteness alone, like a GAN).
   */
  function scriptedModel(losses: readonly number[], metric = 'total', monitoredLoss?: string): TrainableModel {
    const w = tf.variable(tf.scalar(0));
    let t = 0;
    return {
      kind: 'scripted',
      ...(monitoredLoss === undefined ? {} : { monitoredLoss }),
      trainStep: () => {
        t += 1;
        w.assign(tf.scalar(t));
        return { [metric]: tf.scalar(losses[t - 1] ?? Number.NaN) };
      },
      evaluate: () => ({ [metric]: tf.scalar(0) }),
      namedVariables: () => new Map([['w', w]]),
      reinitialize: () => w.assign(tf.scalar(0)),
      dispose: () => w.dispose(),
    };
  }
  const pointSource: DataSource = { count: 8, batch: (indices) => ({ x: tf.zeros([indices.length, 1]), y: tf.zeros([indices.length, 1]) }) };

  it('takes no snapshot while the loss is over twice its best, and stops a loss that runs away while finite', async () => {
    // Step:            1    2   3    4    5   6     7
    const losses = [100, 80, 200, 150, 90, 300, 8200];
    const model = scriptedModel(losses, 'total', 'total');
    const trainer = createTrainer({ model, data: pointSource, batchSize: 2, seed: 1, readEvery: 1, snapshotEvery: 1 });
    const goodSteps: (number | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      await trainer.step(1);
      goodSteps.push(trainer.lastGoodStep);
    }
    // 200 is 1.5 times the best (80) above it: not good; 150 is 0.875 times above: good again.
    expect(goodSteps).toEqual([1, 2, 2, 4, 5, 5]);
    expect(trainer.status).toBe('ready');

    // 8200 exceeds the best by more than RUNAWAY_FACTOR (100) times 80: diverged, though finite.
    expect(await trainer.step(1)).toBeUndefined();
    expect(trainer.status).toBe('diverged');
    expect(trainer.divergence).toEqual({ step: 7, term: 'total', value: 8200, best: 80 });
    expect(trainer.history.at(-1)?.values['total']).toBe(8200); // the climb stays on the chart
    expect(RUNAWAY_FACTOR).toBe(100);

    // Restoring goes back to the weights of step 5 (loss 90), not to those of step 6 (loss 300).
    trainer.restoreLastGood();
    expect(model.namedVariables().get('w')?.dataSync()[0]).toBe(5);
    expect(trainer.status).toBe('ready');
    trainer.dispose();
    model.dispose();
  });

  it('a loss that merely fluctuates near its best never stops training, and models without a monitored loss are judged by finiteness alone', async () => {
    const cases = [
      { losses: [100, 95, 180, 96, 110, 94, 150], metric: 'total', monitoredLoss: 'total' },
      // A GAN's losses say nothing about quality: a jump from 0.01 to 900 is not a divergence.
      { losses: [0.7, 0.01, 5, 900], metric: 'discriminator', monitoredLoss: undefined },
    ];
    for (const { losses, metric, monitoredLoss } of cases) {
      const model = scriptedModel(losses, metric, monitoredLoss);
      const trainer = createTrainer({ model, data: pointSource, batchSize: 2, seed: 1, readEvery: 1, snapshotEvery: 1 });
      await trainer.step(losses.length);
      expect(trainer.status, metric).toBe('ready');
      expect(trainer.lastGoodStep, metric).toBe(losses.length);
      trainer.dispose();
      model.dispose();
    }
  });

  it('each model names the loss the guard watches: a VAE its total, an autoencoder its loss, a GAN none', () => {
    const autoencoder = createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2 }, 1);
    const vae = createModel(TINY_VAE, 1);
    // A Gan has no such field of its own; read it as the trainer does, through TrainableModel.
    const gan: TrainableModel = createModel({ kind: 'gan', generatorHidden: [8], discriminatorHidden: [8], latentDim: 2 }, 1);
    expect(autoencoder.monitoredLoss).toBe('loss');
    expect(vae.monitoredLoss).toBe('total');
    expect(gan.monitoredLoss).toBeUndefined();
    for (const model of [autoencoder, vae, gan]) model.dispose();
  });

  it('restoreLastGood() throws before the first step has captured any weights', () => {
    const { model, trainer } = setup();
    expect(() => trainer.restoreLastGood()).toThrow(/no snapshot/);
    trainer.dispose();
    model.dispose();
  });
});

describe('metric sums', () => {
  it('hold one tensor per metric wherever a window stands, so the tensor count is the same mid-window and at a read-back', { timeout: TIMEOUT }, async () => {
    const { model, trainer } = setup({ readEvery: 10 });
    await trainer.step(3); // mid-window
    const midWindow = tf.memory().numTensors;
    await trainer.step(7); // step 10: a read-back closes the window
    expect(trainer.latest?.step).toBe(10);
    expect(tf.memory().numTensors).toBe(midWindow);
    await trainer.step(4);
    expect(tf.memory().numTensors).toBe(midWindow);
    trainer.dispose();
    model.dispose();
  });
});

describe('snapshots and disposal', () => {
  it('snapshot() copies every variable; dispose() stops training and frees the window', { timeout: TIMEOUT }, async () => {
    const { model, trainer } = setup();
    await trainer.step(3);
    const snapshot = await trainer.snapshot();
    expect([...snapshot.keys()]).toEqual([...model.namedVariables().keys()]);
    expect(snapshot.get('encoder.0.w')).toHaveLength(784 * 32);
    const before = tf.memory().numTensors;
    trainer.dispose(); // frees the metric sums of the open window (3 steps, 3 metrics)
    expect(tf.memory().numTensors).toBe(before - 3);
    expect(await trainer.step(5)).toBeUndefined();
    expect(trainer.stepCount).toBe(3);
    model.dispose();
  });

  it('rejects invalid options', () => {
    const model = createModel(TINY_VAE, 1);
    expect(() => createTrainer({ model, data: train, batchSize: 0, seed: 1 })).toThrow(RangeError);
    expect(() => createTrainer({ model, data: train, batchSize: 2000, seed: 1 })).toThrow(RangeError);
    expect(() => createTrainer({ model, data: train, batchSize: 8, seed: 1, readEvery: 0 })).toThrow(/readEvery/);
    expect(() => createTrainer({ model, data: train, batchSize: 8, seed: 1, snapshotEvery: 1.5 })).toThrow(/snapshotEvery/);
    model.dispose();
  });
});
