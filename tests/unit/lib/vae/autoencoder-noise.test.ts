/** Autoencoder.setNoise: the denoising level of a live model, kept by its spec. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { createModel } from '../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { values } from '../../model-helpers.ts';

beforeAll(async () => {
  await useNodeBackend();
});

describe('Autoencoder.setNoise', () => {
  it('setNoise(level) changes the corruption of a live model, and spec reports the level so a rebuilt model corrupts alike', () => {
    const x = tf.fill([50, 784], 0.5) as tf.Tensor2D;
    const model = createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2 }, 1);
    expect(model.spec.noise).toBe(0);
    expect(values(model.corrupt(x, 3))).toEqual(values(tf.clone(x)));

    model.setNoise(0.2);
    expect(model.spec.noise).toBe(0.2);
    const noisy = values(model.corrupt(x, 3));
    const sd = Math.sqrt(noisy.reduce((s, v) => s + (v - 0.5) ** 2, 0) / noisy.length);
    expect(sd).toBeGreaterThan(0.18);
    expect(sd).toBeLessThan(0.22);

    const rebuilt = createModel(model.spec, 1);
    expect(values(rebuilt.corrupt(x, 3))).toEqual(noisy);

    model.setNoise(0);
    expect(values(model.corrupt(x, 3))).toEqual(values(tf.clone(x)));
    for (const m of [model, rebuilt]) m.dispose();
    x.dispose();
  });

  it('setNoise changes the training loss (the encoder sees the corrupted input) and keeps the weights', () => {
    const x = tf.tidy(() => tf.randomUniform([16, 784], 0, 1, 'float32', 5)) as tf.Tensor2D;
    const model = createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2 }, 1);
    const clean = values(model.loss(x, 1))[0] ?? Number.NaN;
    model.setNoise(0.5);
    const corrupted = values(model.loss(x, 1))[0] ?? Number.NaN;
    expect(corrupted).not.toBeCloseTo(clean, 3);
    model.setNoise(0);
    expect(values(model.loss(x, 1))[0]).toBe(clean);
    model.dispose();
    x.dispose();
  });

  it('setNoise rejects negative levels, and masking levels ≥ 1', () => {
    const gaussian = createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2 }, 1);
    expect(() => gaussian.setNoise(-0.1)).toThrow(RangeError);
    expect(() => gaussian.setNoise(Number.NaN)).toThrow(RangeError);
    gaussian.setNoise(1.5); // a Gaussian standard deviation may exceed 1
    const masking = createModel({ kind: 'autoencoder', hidden: [8], latentDim: 2, corruption: 'mask' }, 1);
    expect(() => masking.setNoise(1)).toThrow(RangeError);
    masking.setNoise(0.5);
    expect(masking.spec.noise).toBe(0.5);
    gaussian.dispose();
    masking.dispose();
  });
});
