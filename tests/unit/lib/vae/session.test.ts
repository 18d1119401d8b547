/**
 * Surviving a lost WebGL context, simulated in Node: the session trains on WASM, the "context"
 * is lost, and the session must continue on CPU from the last good snapshot — never from the
 * weights on the lost backend — and report the move.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistSplit } from '../../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createTrainingSession, type RecoveryEvent } from '../../../../src/lib/vae/session.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { onlyBackend } from '../../model-helpers.ts';
import { captureWeights } from '../../../../src/lib/vae/weights.ts';

let train: MnistSplit;

beforeAll(async () => {
  ({ train } = await loadMnistNode({ trainCount: 1000, testCount: 1 }));
});

describe('createTrainingSession', () => {
  it('after a context loss it resumes on another backend from the last good snapshot and says so', async () => {
    let loseContext = () => {};
    const events: RecoveryEvent[] = [];
    let restored: Promise<Map<string, Float32Array>> | undefined;
    const session = await createTrainingSession({
      spec: { kind: 'vae', hidden: [32], latentDim: 2 },
      seed: 5,
      data: train,
      batchSize: 32,
      readEvery: 5,
      snapshotEvery: 10,
      onRecovered: (event) => {
        events.push(event);
        restored = captureWeights(session.model);
      },
      environment: {
        choose: () => onlyBackend('wasm'),
        switchBackend: () => onlyBackend('cpu'),
        watchContextLoss: (callback) => {
          loseContext = callback;
          return () => {
            loseContext = () => {};
          };
        },
      },
    });
    expect(session.backend.name).toBe('wasm');
    await session.step(25);
    const snapshotStep = session.trainer.lastGoodStep;
    const snapshot = session.trainer.lastGoodWeights;
    expect(snapshotStep).toBeGreaterThanOrEqual(10);
    expect(snapshot).toBeDefined();

    loseContext();
    await session.step(1);
    expect(tf.getBackend()).toBe('cpu');
    expect(session.backend.name).toBe('cpu');
    expect(events).toEqual([{ from: 'wasm', to: 'cpu', restoredStep: snapshotStep, lostSteps: 25 - (snapshotStep ?? 0) }]);
    // The rebuilt model started from the snapshot, not from the weights trained after it.
    expect(await restored).toEqual(snapshot);
    expect(session.history.every((record) => record.step <= (snapshotStep ?? 0))).toBe(true);

    const record = await session.step(9);
    expect(record?.step).toBe((snapshotStep ?? 0) + 10);
    expect(Number.isFinite(record?.values['total'])).toBe(true);
    session.dispose();
    await tf.setBackend('wasm');
  });
});
