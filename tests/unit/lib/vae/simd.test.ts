import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeBackend, useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { TRANSPOSE_KERNEL, transpose2d } from '../../../../src/lib/vae/simd.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

beforeAll(async () => {
  await useNodeBackend();
});

describe('transpose2d', () => {
  it('transpose2d(x) equals tf.transpose(x) exactly, by the SIMD kernel when both sides are multiples of 4', async () => {
    for (const [rows, cols] of [
      [4, 4],
      [128, 784],
      [400, 20],
      [20, 128],
      [7, 12],
      [3, 5],
      [1, 8],
    ] as const) {
      const x = tf.randomNormal<tf.Rank.R2>([rows, cols], 0, 1, 'float32', rows * 1000 + cols);
      const profile = await tf.profile(() => transpose2d(x).dispose());
      const usedKernel = profile.kernels.some((k) => k.name === TRANSPOSE_KERNEL);
      expect(usedKernel).toBe(rows % 4 === 0 && cols % 4 === 0);
      const got = transpose2d(x);
      const want = tf.transpose(x);
      expect(got.shape).toEqual([cols, rows]);
      expect(await got.data()).toEqual(await want.data());
      tf.dispose([x, got, want]);
    }
  });

  it('transpose2d is differentiable and leaves only its result', async () => {
    const x = tf.randomNormal<tf.Rank.R2>([8, 12], 0, 1, 'float32', 1);
    const weights = tf.randomNormal<tf.Rank.R2>([12, 8], 0, 1, 'float32', 2);
    const before = tf.memory().numTensors;
    transpose2d(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(transpose2d(t as tf.Tensor2D), weights)))(x);
    expect(await g.data()).toEqual(await tf.transpose(weights).data());
    tf.dispose([x, weights, g]);
  });

  it('transpose2d falls back to tf.transpose on other backends', async () => {
    await loadNodeBackend('cpu');
    expect(await tf.setBackend('cpu')).toBe(true);
    const x = tf.tensor2d([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
      [13, 14, 15, 16],
    ]);
    expect(await transpose2d(x).data()).toEqual(await tf.transpose(x).data());
    x.dispose();
    await tf.setBackend('wasm');
  });
});
