/**
 * The WASM fast path is on where it should be. simd.ts hooks into internals of tfjs's WASM
 * backend (its memory at `wasm.asm.memory`, `dataIdMap`, `makeOutput`) and, when they are
 * missing, silently falls back to tfjs ops: still correct, so no other test notices, but a
 * training step becomes several times slower. These tests fail instead — on a tfjs upgrade that
 * changes those internals, or a Node without WASM SIMD — by asserting that in Node, on the WASM
 * backend, the kernels are available and a real VAE training step actually runs them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { createModel } from '../../../../src/lib/vae/models/index.ts';
import { ADAM_KERNEL, TRANSPOSE_KERNEL, fusedAdamAvailable, simdUnavailableReason } from '../../../../src/lib/vae/simd.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

beforeAll(async () => {
  expect(await useNodeBackend()).toBe('wasm');
});

describe('WASM SIMD fast path', () => {
  it('is available on the WASM backend in Node: simdUnavailableReason() is null', () => {
    expect(simdUnavailableReason()).toBeNull();
    expect(fusedAdamAvailable()).toBe(true);
  });

  it('a VAE training step runs the fused Adam once and the SIMD transpose, and none of tf.train.adam’s or tfjs’s transpose kernels', async () => {
    const model = createModel({ kind: 'vae', hidden: [32], latentDim: 4 }, 1);
    const batch = {
      x: tf.randomUniform<tf.Rank.R2>([16, 784], 0, 1, 'float32', 1),
      y: tf.oneHot(
        tf.tensor1d(
          Array.from({ length: 16 }, (_, i) => i % 10),
          'int32',
        ),
        10,
      ) as tf.Tensor2D,
    };
    tf.dispose(Object.values(model.trainStep(batch, 1))); // the first step creates Adam's moments
    const profile = await tf.profile(() => tf.dispose(Object.values(model.trainStep(batch, 2))));
    const count = (name: string) => profile.kernels.filter((k) => k.name === name).length;
    expect(count(ADAM_KERNEL)).toBe(1);
    expect(count(TRANSPOSE_KERNEL)).toBeGreaterThan(0);
    // tf.train.adam's update (and the ops fallback in models/adam.ts) is the only Sqrt in a step.
    expect(count('Sqrt')).toBe(0);
    expect(count('Transpose')).toBe(0);
    model.dispose();
    tf.dispose([batch.x, batch.y]);
  });
});
