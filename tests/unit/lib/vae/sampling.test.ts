/** The library's one way of drawing samples from any model (`src/lib/vae/sampling.ts`). */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { createModel } from '../../../../src/lib/vae/models/index.ts';
import { sampleLabels, sampleModel } from '../../../../src/lib/vae/sampling.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

beforeAll(async () => {
  await useNodeBackend();
});

const read = async (t: tf.Tensor) => {
  const values = await t.data();
  t.dispose();
  return Array.from(values);
};

describe('sampleLabels', () => {
  it("cycles through the classes in turn, the labels sampleModel draws a CVAE's samples for", () => {
    expect(sampleLabels(12, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(sampleLabels(5, 3)).toEqual([0, 1, 2, 0, 1]);
    expect(sampleLabels(0, 10)).toEqual([]);
  });
});

describe('sampleModel', () => {
  it('gives the CVAE one sample per label, the labels cycling 0…9, exactly as model.sample(labels) does', async () => {
    const cvae = createModel({ kind: 'cvae', hidden: [16], latentDim: 2 }, 1);
    const labels = Array.from({ length: 12 }, (_, i) => i % 10);
    expect(await read(sampleModel(cvae, 12, 5))).toEqual(await read(cvae.sample(labels, 5)));
    cvae.dispose();
  });

  it('decodes the autoencoder at codes drawn from the fitted Gaussian: mean + std · ε', async () => {
    const ae = createModel({ kind: 'autoencoder', hidden: [16], latentDim: 2 }, 1);
    const codeStats = { mean: [1, -2], std: [0.5, 3] };
    const expected = tf.tidy(() =>
      ae.decode(tf.add(tf.mul(tf.randomNormal([4, 2], 0, 1, 'float32', 9), tf.tensor1d(codeStats.std)), tf.tensor1d(codeStats.mean)) as tf.Tensor2D),
    );
    expect(await read(sampleModel(ae, 4, 9, codeStats))).toEqual(await read(expected));
    ae.dispose();
  });

  it('draws from the prior for the VAE and frees every intermediate tensor', async () => {
    const vae = createModel({ kind: 'vae', hidden: [16], latentDim: 2 }, 1);
    const before = tf.memory().numTensors;
    const x = sampleModel(vae, 3, 2);
    expect(x.shape).toEqual([3, 784]);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(await read(x)).toEqual(await read(vae.sample(3, 2)));
    vae.dispose();
  });
});
