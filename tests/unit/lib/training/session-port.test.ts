/**
 * The controller over a real training session (src/lib/training/session-port.ts) in Node: it
 * trains, the hyperparameters reach the model, and after a simulated loss of the WebGL context
 * the session's recovery to another backend reaches the controller's snapshot while training
 * goes on; the port's `load` starts a fresh run from saved weights, and its reset returns to the
 * checkpoint with the opening seed's data order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainingController } from '../../../../src/lib/training/controller.ts';
import { sessionPort } from '../../../../src/lib/training/session-port.ts';
import type { MnistSplit } from '../../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createTrainingSession, type TrainingSession } from '../../../../src/lib/vae/session.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { applyCheckpoint, checkpointFromModel } from '../../../../src/lib/vae/checkpoint.ts';
import { captureWeights } from '../../../../src/lib/vae/weights.ts';
import { onlyBackend } from '../../model-helpers.ts';
import { until } from './fake-session.ts';

let train: MnistSplit;

beforeAll(async () => {
  ({ train } = await loadMnistNode({ trainCount: 1000, testCount: 1 }));
});

describe('the controller over a TrainingSession', () => {
  it('trains, applies the learning rate to the model, and reports a recovery after a context loss', async () => {
    let loseContext = () => {};
    let session: TrainingSession | undefined;
    const controller = createTrainingController({
      open: async (hooks) => {
        session = await createTrainingSession({
          spec: { kind: 'vae', hidden: [32], latentDim: 2 },
          seed: 5,
          data: train,
          batchSize: 32,
          readEvery: 5,
          snapshotEvery: 10,
          onRecovered: hooks.onRecovered,
          environment: {
            choose: () => onlyBackend('wasm'),
            switchBackend: () => onlyBackend('cpu'),
            watchContextLoss: (callback) => {
              loseContext = callback;
              return () => (loseContext = () => {});
            },
          },
        });
        return sessionPort(session);
      },
      hyperparameters: { learningRate: 2e-3, beta: 1 },
      now: () => performance.now(),
      wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    await controller.load();
    expect(session?.model.spec).toMatchObject({ learningRate: 2e-3 });
    controller.start();
    await until(() => controller.snapshot.steps >= 25, 20_000);
    loseContext();
    await until(() => controller.snapshot.notice?.kind === 'recovered', 20_000);
    const notice = controller.snapshot.notice;
    expect(notice?.kind === 'recovered' && notice.event).toMatchObject({ from: 'wasm', to: 'cpu' });
    expect(controller.snapshot.state).toBe('training');
    const resumed = controller.snapshot.steps;
    await until(() => controller.snapshot.steps >= resumed + 5, 20_000);
    // The rebuilt model kept the learning rate (its spec carries it).
    expect(session?.model.spec).toMatchObject({ learningRate: 2e-3 });
    controller.pause();
    controller.dispose();
    await tf.setBackend('wasm');
  });

  it('load: a fresh run from a checkpoint, whatever the run had trained since', async () => {
    await tf.setBackend('wasm');
    const session = await createTrainingSession({
      spec: { kind: 'vae', hidden: [16], latentDim: 2 },
      seed: 3,
      data: train,
      batchSize: 32,
      environment: { choose: () => onlyBackend('wasm') },
    });
    const port = sessionPort(session);
    for (let i = 0; i < 3; i++) await port.step();
    const saved = await checkpointFromModel(session.model, 'float32');
    const savedWeights = await captureWeights(session.model);
    for (let i = 0; i < 3; i++) await port.step();
    expect(await port.load(saved)).toMatchObject({ steps: 0 });
    expect(session.trainer.stepCount).toBe(0);
    expect(await captureWeights(session.model)).toEqual(savedWeights);
    port.dispose();
  });

  it("reset: back to the checkpoint and to the opening seed's data order, also after a run from scratch", async () => {
    await tf.setBackend('wasm');
    const spec = { kind: 'vae', hidden: [16], latentDim: 2 } as const;
    const donor = await createTrainingSession({ spec, seed: 11, data: train, batchSize: 32, environment: { choose: () => onlyBackend('wasm') } });
    const checkpoint = await checkpointFromModel(donor.model, 'float32');
    donor.dispose();
    const session = await createTrainingSession({ spec, seed: 3, data: train, batchSize: 32, environment: { choose: () => onlyBackend('wasm') } });
    applyCheckpoint(session.model, checkpoint); // (as the model worker's host opens a session)
    const port = sessionPort(session, checkpoint);
    const atCheckpoint = await captureWeights(session.model);
    for (let i = 0; i < 3; i++) await port.step();
    const afterThree = await captureWeights(session.model);
    await port.reset(9); // a run from scratch, on seed 9
    await port.step();
    expect(await port.reset()).toMatchObject({ steps: 0 });
    expect(await captureWeights(session.model)).toEqual(atCheckpoint);
    for (let i = 0; i < 3; i++) await port.step();
    expect(await captureWeights(session.model)).toEqual(afterThree); // the same batches as the first time
    port.dispose();
  });
});
