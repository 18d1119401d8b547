/**
 * A model's weights as a checkpoint and back (`checkpoint.ts`), on a stand-in model of two
 * variables: exact through float32, within the half-precision bound through float16, no tensor
 * left behind, and a checkpoint that does not fit the model refused without changing it.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { applyCheckpoint, checkpointFromModel } from '../../../../src/lib/vae/checkpoint.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import type { TrainableModel } from '../../../../src/lib/vae/types.ts';
import { encodeWeights } from '../../../../src/lib/vae/weight-codec.ts';
import { captureWeights } from '../../../../src/lib/vae/weights.ts';

beforeAll(async () => {
  await useNodeBackend();
});

/** A stand-in TrainableModel owning two variables (the real models are not needed here). */
function tinyModel(seed: number): TrainableModel {
  const variables = new Map<string, tf.Variable>([
    ['enc.w', tf.variable(tf.randomNormal([3, 4], 0, 1, 'float32', seed), true, `w${seed}-${Math.random()}`)],
    ['enc.b', tf.variable(tf.randomNormal([4], 0, 1, 'float32', seed + 1), true, `b${seed}-${Math.random()}`)],
  ]);
  return {
    kind: 'tiny',
    trainStep: () => ({}),
    evaluate: () => ({}),
    namedVariables: () => variables,
    reinitialize: () => {},
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

describe('checkpointFromModel / applyCheckpoint', () => {
  test('checkpointFromModel(model, "float32", meta) holds every variable by name and shape, with the meta', async () => {
    const model = tinyModel(1);
    const { manifest } = await checkpointFromModel(model, 'float32', { steps: 7 });
    expect(manifest.tensors.map(({ name, shape }) => [name, shape])).toEqual([
      ['enc.w', [3, 4]],
      ['enc.b', [4]],
    ]);
    expect(manifest.meta).toEqual({ steps: 7 });
    model.dispose();
  });

  test('applyCheckpoint(other, checkpointFromModel(model, "float32")) makes the two models equal, leaving no tensor behind', async () => {
    const source = tinyModel(2);
    const target = tinyModel(3);
    const checkpoint = await checkpointFromModel(source, 'float32');
    const before = tf.memory().numTensors;
    applyCheckpoint(target, checkpoint);
    expect(tf.memory().numTensors).toBe(before);
    expect(await captureWeights(target)).toEqual(await captureWeights(source));
    source.dispose();
    target.dispose();
  });

  test('applyCheckpoint() round-trips a model through float16 within the half-precision bound', async () => {
    const source = tinyModel(5);
    const target = tinyModel(6);
    applyCheckpoint(target, await checkpointFromModel(source, 'float16'));
    const a = await captureWeights(source);
    const b = await captureWeights(target);
    for (const [name, values] of a) {
      values.forEach((v, i) => expect(Math.abs((b.get(name)?.[i] ?? Number.NaN) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25));
    }
    source.dispose();
    target.dispose();
  });

  test('applyCheckpoint() names every missing, extra and mis-shaped tensor, and changes nothing', async () => {
    const model = tinyModel(4);
    const original = await captureWeights(model);
    const misfit = encodeWeights(
      new Map([
        ['enc.w', new Float32Array(12)],
        ['dec.w', new Float32Array(2)],
      ]),
      new Map([
        ['enc.w', [4, 3]],
        ['dec.w', [2]],
      ]),
      'float32',
    );
    expect(() => applyCheckpoint(model, misfit)).toThrow(
      'These weights do not fit the tiny model: "enc.w" has shape [4, 3] but the model needs [3, 4]; missing "enc.b" [4]; unexpected "dec.w" (the model has no such variable).',
    );
    expect(await captureWeights(model)).toEqual(original);
    model.dispose();
  });
});
