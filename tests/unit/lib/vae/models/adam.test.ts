import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadNodeBackend, useNodeBackend } from '../../../../../src/lib/vae/backend-node.ts';
import { Adam } from '../../../../../src/lib/vae/models/adam.ts';
import { fusedAdamAvailable } from '../../../../../src/lib/vae/simd.ts';
import * as tf from '../../../../../src/lib/vae/tf.ts';

beforeAll(async () => {
  await useNodeBackend();
});

afterEach(async () => {
  await tf.setBackend('wasm');
});

let id = 0;

/** Two identical sets of variables (shapes with and without a size divisible by 4) and gradients per step. */
function setup(shapes: number[][], steps: number) {
  id++;
  const initial = shapes.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', 100 + i));
  const ours = initial.map((t, i) => tf.variable(t, true, `adam-test-${id}-ours-${i}`));
  const theirs = initial.map((t, i) => tf.variable(t, true, `adam-test-${id}-theirs-${i}`));
  tf.dispose(initial);
  // Gradients of very different scales, including exact zeros.
  const grads = Array.from({ length: steps }, (_, s) =>
    shapes.map((shape, i) => tf.tidy(() => tf.relu(tf.randomNormal(shape, 0, 10 ** (s % 3) / 100, 'float32', 1000 * s + i)))),
  );
  const dispose = () => tf.dispose([...ours, ...theirs, ...grads.flat()]);
  return { ours, theirs, grads, dispose };
}

const SHAPES = [[7, 5], [5], [12, 4], [3]];

/** The gradient map tf.train.adam takes (its type says variables; it reads any tensors). */
const asVariableMap = (grads: tf.NamedTensorMap) => grads as unknown as Record<string, tf.Variable>;

async function runBoth(settings: { learningRate: number; beta1: number }, steps = 6) {
  const { ours, theirs, grads, dispose } = setup(SHAPES, steps);
  const adam = new Adam(settings);
  const reference = tf.train.adam(settings.learningRate, settings.beta1, 0.999);
  for (const g of grads) {
    adam.applyGradients(Object.fromEntries(ours.map((v, i) => [v.name, g[i] as tf.Tensor])));
    reference.applyGradients(asVariableMap(Object.fromEntries(theirs.map((v, i) => [v.name, g[i] as tf.Tensor]))));
  }
  const got = await Promise.all(ours.map((v) => v.data()));
  const want = await Promise.all(theirs.map((v) => v.data()));
  adam.dispose();
  reference.dispose();
  dispose();
  return { got, want };
}

describe('Adam', () => {
  it('Adam.applyGradients(grads) gives tf.train.adam’s weights bit for bit on WASM (fused kernel)', async () => {
    expect(fusedAdamAvailable()).toBe(true);
    const { got, want } = await runBoth({ learningRate: 1e-3, beta1: 0.9 });
    got.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(want[i] ?? [])));
  });

  it('Adam.applyGradients(grads) gives tf.train.adam’s weights on the CPU backend (tfjs ops)', async () => {
    await loadNodeBackend('cpu');
    expect(await tf.setBackend('cpu')).toBe(true);
    expect(fusedAdamAvailable()).toBe(false);
    const { got, want } = await runBoth({ learningRate: 2e-4, beta1: 0.5 });
    got.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(want[i] ?? [])));
  });

  it('Adam keys moments by variable name, so the order of the gradients does not matter', async () => {
    const { ours, theirs, grads, dispose } = setup(SHAPES, 3);
    const a = new Adam({ learningRate: 1e-2, beta1: 0.9 });
    const b = new Adam({ learningRate: 1e-2, beta1: 0.9 });
    for (const g of grads) {
      a.applyGradients(Object.fromEntries(ours.map((v, i) => [v.name, g[i] as tf.Tensor])));
      b.applyGradients(Object.fromEntries(theirs.map((v, i) => [v.name, g[i] as tf.Tensor]).reverse()));
    }
    for (let i = 0; i < ours.length; i++) expect(await ours[i]?.data()).toEqual(await theirs[i]?.data());
    a.dispose();
    b.dispose();
    dispose();
  });

  it('Adam.applyGradients leaves the tensor count flat after the first step and dispose() frees the moments', () => {
    const { ours, grads, dispose } = setup(SHAPES, 3);
    const before = tf.memory().numTensors;
    const adam = new Adam({ learningRate: 1e-3, beta1: 0.9 });
    const map = (s: number) => Object.fromEntries(ours.map((v, i) => [v.name, grads[s]?.[i] as tf.Tensor]));
    adam.applyGradients(map(0));
    const afterFirst = tf.memory().numTensors;
    expect(afterFirst).toBe(before + 2 * SHAPES.length);
    adam.applyGradients(map(1));
    adam.applyGradients(map(2));
    expect(tf.memory().numTensors).toBe(afterFirst);
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
    dispose();
  });

  it('Adam.setLearningRate(lr) keeps the moments: the next step equals tf.train.adam’s after the same change', async () => {
    const { ours, theirs, grads, dispose } = setup(SHAPES, 4);
    const adam = new Adam({ learningRate: 1e-3, beta1: 0.9 });
    const reference = tf.train.adam(1e-3, 0.9, 0.999);
    grads.forEach((g, s) => {
      if (s === 2) {
        adam.setLearningRate(5e-3);
        (reference as unknown as { learningRate: number }).learningRate = 5e-3;
      }
      adam.applyGradients(Object.fromEntries(ours.map((v, i) => [v.name, g[i] as tf.Tensor])));
      reference.applyGradients(asVariableMap(Object.fromEntries(theirs.map((v, i) => [v.name, g[i] as tf.Tensor]))));
    });
    for (let i = 0; i < ours.length; i++) expect(await ours[i]?.data()).toEqual(await theirs[i]?.data());
    expect(adam.iterations).toBe(4);
    adam.dispose();
    reference.dispose();
    dispose();
  });

  it('Adam.reset() forgets the moments and the step count: the next step equals a fresh Adam’s first, at the kept learning rate', async () => {
    const { ours, theirs, grads, dispose } = setup(SHAPES, 4);
    const adam = new Adam({ learningRate: 1e-3, beta1: 0.5 });
    const map = (vars: tf.Variable[], s: number) => Object.fromEntries(vars.map((v, i) => [v.name, grads[s]?.[i] as tf.Tensor]));
    for (let s = 0; s < 3; s++) adam.applyGradients(map(ours, s));
    adam.setLearningRate(4e-3);
    const before = tf.memory().numTensors;
    adam.reset();
    expect(tf.memory().numTensors).toBe(before - 2 * SHAPES.length);
    expect(adam.iterations).toBe(0);
    expect(adam.learningRate).toBe(4e-3);
    // Start both sets of weights at the same point, then take one step each.
    ours.forEach((v, i) => theirs[i]?.assign(v));
    const fresh = new Adam({ learningRate: 4e-3, beta1: 0.5 });
    adam.applyGradients(map(ours, 3));
    fresh.applyGradients(map(theirs, 3));
    for (let i = 0; i < ours.length; i++) expect(await ours[i]?.data()).toEqual(await theirs[i]?.data());
    expect(adam.iterations).toBe(1);
    adam.dispose();
    fresh.dispose();
    dispose();
  });
});
