import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { GRADIENTS } from '../../../../src/lib/vae/gradients.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { Classifier } from '../../../../src/lib/vae/classifier.ts';
import type { MnistData } from '../../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createModel, type ModelSpec } from '../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import type { TrainableModel } from '../../../../src/lib/vae/types.ts';
import { train } from '../../model-helpers.ts';

/**
 * `src/lib/vae/gradients.ts` registers only the gradients the models need. A missing one makes a
 * training step throw ("gradient function not found for <kernel>"), so every model kind, every
 * likelihood, hidden activation and corruption the book trains takes one step here on both
 * product forms of the dense layer: CPU (flagged transposes, as on WebGL and WebGPU) and WASM
 * (explicit SIMD transposes).
 */
const SMALL = { hidden: [16], latentDim: 2 } as const;
const SPECS: readonly ModelSpec[] = [
  { kind: 'autoencoder', ...SMALL },
  { kind: 'autoencoder', ...SMALL, activation: 'tanh', noise: 0.3, corruption: 'mask' },
  { kind: 'autoencoder', ...SMALL, activation: 'leakyRelu', noise: 0.3 },
  { kind: 'vae', ...SMALL },
  { kind: 'vae', ...SMALL, likelihood: { kind: 'gaussian', sigma: 0.1 }, beta: 4 },
  { kind: 'vae', ...SMALL, likelihood: { kind: 'gaussian-learned' } },
  { kind: 'cvae', ...SMALL },
  { kind: 'gan', latentDim: 2, generatorHidden: [16], discriminatorHidden: [16] },
  { kind: 'gan', dataDim: 784, latentDim: 2, generatorHidden: [16], discriminatorHidden: [16], generatorLoss: 'minimax', activation: 'relu' },
  { kind: 'vaegan', ...SMALL, discriminatorHidden: [16] },
];

let mnist: MnistData;

beforeAll(async () => {
  mnist = await loadMnistNode({ trainCount: 256, testCount: 16 });
});

afterAll(async () => {
  await useNodeBackend();
});

function trainsOneStep(model: TrainableModel): void {
  expect(() => train(model, mnist.train, 1, 32, 1)).not.toThrow();
}

describe.each(['cpu', 'wasm'])('registered gradients suffice on %s', (backend) => {
  beforeAll(async () => {
    if (backend === 'wasm') await useNodeBackend();
    else expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each(SPECS.map((spec) => [JSON.stringify(spec), spec] as const))('%s trains', (_, spec) => {
    expect(tf.getBackend()).toBe(backend);
    const model = createModel(spec, 1);
    trainsOneStep(model);
    model.dispose();
  });

  it('the digit classifier trains', () => {
    const model = new Classifier({ kind: 'classifier', hidden: [16] }, 1);
    trainsOneStep(model);
    model.dispose();
  });
});

it('registers each gradient once, by a kernel name of its own', () => {
  const names = GRADIENTS.map((config) => config.kernelName);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toContain('BatchMatMul');
});
