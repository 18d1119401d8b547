import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeBackend, useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { createDense, dense, LEAKY_RELU_ALPHA } from '../../../../src/lib/vae/dense.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

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

  for (const activation of ['linear', 'relu', 'leakyRelu', 'sigmoid', 'tanh'] as const) {
    it(`dense(x, params, '${activation}') and its gradients (W, b and x) match automatic differentiation of plain ops`, async () => {
      const params = createDense(`act.${activation}`, 6, 5, activation, 4);
      const x = tf.variable(tf.randomNormal<tf.Rank.R2>([7, 6], 0, 1, 'float32', 5), true, `act.${activation}.x`);
      const target = tf.randomNormal<tf.Rank.R2>([7, 5], 0, 1, 'float32', 6);
      const apply = (h: tf.Tensor2D): tf.Tensor2D =>
        ({ linear: h, relu: tf.relu(h), leakyRelu: tf.leakyRelu(h, LEAKY_RELU_ALPHA), sigmoid: tf.sigmoid(h), tanh: tf.tanh(h) })[activation];
      const loss = (y: tf.Tensor) => tf.sum(tf.mul(y, target)) as tf.Scalar;
      const variables = [params.w, params.b, x];
      const a = tf.variableGrads(() => loss(dense(x, params, activation)), variables);
      const b = tf.variableGrads(() => loss(apply(tf.add(tf.matMul(x, params.w), params.b))), variables);
      expect((await a.value.data())[0]).toBeCloseTo((await b.value.data())[0] ?? Number.NaN, 4);
      for (const v of variables) {
        const got = await a.grads[v.name]!.data();
        const want = await b.grads[v.name]!.data();
        want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 4));
      }
      tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads), x, target, params.w, params.b]);
    });
  }

  it('∂loss/∂x is right in both product forms (plain and transposed) and with weights that are not variables', async () => {
    // rows 3, 12 → 10: inputs·units > rows·(inputs + units), so WASM takes transpose(W·transpose(dz)).
    for (const [rows, inputs, units] of [
      [3, 12, 10],
      [9, 4, 3],
    ] as const) {
      const params = createDense(`forms.${rows}`, inputs, units, 'relu', 7);
      const x = tf.variable(tf.randomNormal<tf.Rank.R2>([rows, inputs], 0, 1, 'float32', 8), true, `forms.${rows}.x`);
      const target = tf.randomNormal<tf.Rank.R2>([rows, units], 0, 1, 'float32', 9);
      const variables = [params.w, params.b, x];
      // W·1 is an intermediate tensor, which the op must save rather than read back later.
      const viaTensor = () => tf.sum(tf.mul(dense(x, { w: tf.mul(params.w, 1) as tf.Variable<tf.Rank.R2>, b: params.b }, 'relu'), target)) as tf.Scalar;
      const viaVariable = () => tf.sum(tf.mul(dense(x, params, 'relu'), target)) as tf.Scalar;
      const plain = () => tf.sum(tf.mul(tf.relu(tf.add(tf.matMul(x, params.w), params.b)), target)) as tf.Scalar;
      const want = tf.variableGrads(plain, variables);
      for (const f of [viaTensor, viaVariable]) {
        const got = tf.variableGrads(f, variables);
        for (const v of variables) {
          const g = await got.grads[v.name]!.data();
          (await want.grads[v.name]!.data()).forEach((w, i) => expect(g[i]).toBeCloseTo(w, 4));
        }
        tf.dispose([got.value, ...Object.values(got.grads)]);
      }
      tf.dispose([want.value, ...Object.values(want.grads), x, target, params.w, params.b]);
    }
  });

  it('the backward pass skips ∂loss/∂x when x is data: three products for the first layer, four once x is a variable', async () => {
    const params = createDense('skip.0', 8, 3, 'relu', 1);
    const data = tf.randomNormal<tf.Rank.R2>([4, 8], 0, 1, 'float32', 2);
    const asVariable = tf.variable(data, true, 'skip.x');
    const products = async (variables: tf.Variable[], x: tf.Tensor2D) => {
      const profile = await tf.profile(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(dense(x, params, 'relu')) as tf.Scalar, variables);
        tf.dispose([value, ...Object.values(grads)]);
      });
      return profile.kernels.filter((k) => k.name === '_FusedMatMul' || k.name === 'BatchMatMul').length;
    };
    // Forward x·W, ∂W = xᵀ·dz, ∂b = 1ᵀ·dz; with x a variable also ∂x = dz·Wᵀ.
    expect(await products([params.w, params.b], data)).toBe(3);
    expect(await products([params.w, params.b, asVariable], asVariable)).toBe(4);
    tf.dispose([params.w, params.b, data, asVariable]);
  });

  it('dense(x, params) outside a gradient tape keeps no tensors', () => {
    const params = createDense('inference.0', 8, 3, 'tanh', 1);
    const x = tf.randomNormal<tf.Rank.R2>([4, 8], 0, 1, 'float32', 2);
    const before = tf.memory().numTensors;
    dense(x, params, 'tanh').dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([params.w, params.b, x]);
  });

  it('on the CPU backend (flagged products, ∂b as a sum) dense and its gradients match automatic differentiation', async () => {
    await loadNodeBackend('cpu');
    expect(await tf.setBackend('cpu')).toBe(true);
    try {
      const params = createDense('cpu.0', 12, 10, 'relu', 3);
      const x = tf.variable(tf.randomNormal<tf.Rank.R2>([3, 12], 0, 1, 'float32', 4), true, 'cpu.x');
      const target = tf.randomNormal<tf.Rank.R2>([3, 10], 0, 1, 'float32', 5);
      const variables = [params.w, params.b, x];
      const got = tf.variableGrads(() => tf.sum(tf.mul(dense(x, params, 'relu'), target)) as tf.Scalar, variables);
      const want = tf.variableGrads(() => tf.sum(tf.mul(tf.relu(tf.add(tf.matMul(x, params.w), params.b)), target)) as tf.Scalar, variables);
      for (const v of variables) {
        const g = await got.grads[v.name]!.data();
        (await want.grads[v.name]!.data()).forEach((w, i) => expect(g[i]).toBeCloseTo(w, 4));
      }
      tf.dispose([got.value, want.value, ...Object.values(got.grads), ...Object.values(want.grads), x, target, params.w, params.b]);
    } finally {
      await tf.setBackend('wasm');
    }
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
