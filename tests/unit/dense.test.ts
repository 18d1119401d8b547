import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '~/lib/vae/backend-node';
import { createDense, dense } from '~/lib/vae/dense';
import * as tf from '~/lib/vae/tf';

beforeAll(async () => {
  await useNodeBackend();
});

describe('dense', () => {
  it('dense(x, params) matches x·W + b and its gradients match automatic differentiation through stacked layers', async () => {
    const first = createDense('test.0', 5, 4, 'relu', 1);
    const second = createDense('test.1', 4, 3, 'linear', 2);
    const x = tf.randomNormal<tf.Rank.R2>([6, 5], 0, 1, 'float32', 3);
    const variables = [first.w, first.b, second.w, second.b];
    const fast = () => tf.sum(tf.square(dense(dense(x, first, 'relu'), second))) as tf.Scalar;
    const plain = () => {
      const h = tf.relu(tf.add(tf.matMul(x, first.w), first.b)) as tf.Tensor2D;
      return tf.sum(tf.square(tf.add(tf.matMul(h, second.w), second.b))) as tf.Scalar;
    };
    const a = tf.variableGrads(fast, variables);
    const b = tf.variableGrads(plain, variables);
    expect(await a.value.data()).toEqual(await b.value.data());
    for (const v of variables) {
      const got = await a.grads[v.name]!.data();
      const want = await b.grads[v.name]!.data();
      want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 4));
    }
    tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads), x, ...variables]);
  });

  it('createDense(name, …, seed) is deterministic per seed, seed 0 included', async () => {
    for (const seed of [0, 7]) {
      const p = createDense(`det.${seed}.a`, 3, 2, 'tanh', seed);
      const q = createDense(`det.${seed}.b`, 3, 2, 'tanh', seed);
      expect(await p.w.data()).toEqual(await q.w.data());
      tf.dispose([p.w, p.b, q.w, q.b]);
    }
  });
});
