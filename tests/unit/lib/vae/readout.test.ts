/**
 * The plain-array read-outs (src/lib/vae/readout.ts): each returns exactly what the model's own
 * tensor method gives for the same input (read back here by hand), takes and returns plain
 * arrays, and leaves the live tensor count where it was — also when it throws. Models are small
 * and seeded; the "split" is 600 seeded random images, so `encodeSplit` needs two chunks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { Classifier } from '../../../../src/lib/vae/classifier.ts';
import type { MnistSplit } from '../../../../src/lib/vae/data.ts';
import { makeBatch } from '../../../../src/lib/vae/batch.ts';
import { createModel } from '../../../../src/lib/vae/models/index.ts';
import {
  classifyImages,
  decodeAndClassify,
  decodeCodes,
  decodeWithLabels,
  denoiseImages,
  discriminate,
  drawSamples,
  encodeMeans,
  encodeSplit,
  imagesOf,
  klPerDimension,
  reconstructImages,
} from '../../../../src/lib/vae/readout.ts';
import { sampleModel } from '../../../../src/lib/vae/sampling.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

const PIXELS = 784;

/** `count` seeded images of random grey levels, with digits cycling 0…9. */
function randomSplit(count: number, seed: number): MnistSplit {
  const rng = mulberry32(seed);
  const images = Uint8Array.from({ length: count * PIXELS }, () => Math.floor(256 * rng()));
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count };
}

/** A tensor's values as a plain array; disposes it. */
async function read(t: tf.Tensor): Promise<number[]> {
  const values = await t.data();
  t.dispose();
  return Array.from(values);
}

const split = randomSplit(600, 3);
const images = imagesOf(split, [0, 1, 2, 3, 4]);
const codes = Float32Array.from([0, 0, 1, -1, -2, 0.5]);

beforeAll(async () => {
  await useNodeBackend();
});

describe('imagesOf(split, indices)', () => {
  it('gives the grey levels makeBatch gives, byte / 255, image after image', async () => {
    const batch = makeBatch(split, [7, 2, 599]);
    expect(Array.from(imagesOf(split, [7, 2, 599]))).toEqual(await read(batch.x));
    batch.y.dispose();
  });

  it('rejects an index outside the split', () => {
    expect(() => imagesOf(split, [600])).toThrow(RangeError);
  });
});

describe('decoding', () => {
  it('decodeCodes(model, codes) equals model.decode on the same rows, for the VAE and the autoencoder', async () => {
    for (const kind of ['vae', 'autoencoder'] as const) {
      const model = createModel({ kind, hidden: [16], latentDim: 2 }, 1);
      const expected = await read(tf.tidy(() => model.decode(tf.tensor2d(codes, [3, 2]))));
      const values = await decodeCodes(model, codes);
      expect(values).toBeInstanceOf(Float32Array);
      expect(Array.from(values)).toEqual(expected);
      model.dispose();
    }
  });

  it('decodeWithLabels(cvae, codes, labels) draws row i with digit labels[i]', async () => {
    const cvae = createModel({ kind: 'cvae', hidden: [16], latentDim: 2 }, 1);
    const labels = [3, 0, 9];
    const expected = await read(tf.tidy(() => cvae.decode(tf.tensor2d(codes, [3, 2]), cvae.oneHot(labels))));
    expect(Array.from(await decodeWithLabels(cvae, codes, labels))).toEqual(expected);
    await expect(decodeWithLabels(cvae, codes, [1, 2])).rejects.toThrow(RangeError);
    cvae.dispose();
  });

  it("decodeAndClassify reads the classifier's digit of the first images next to the decoded images", async () => {
    const cvae = createModel({ kind: 'cvae', hidden: [16], latentDim: 2 }, 1);
    const classifier = new Classifier({ kind: 'classifier', hidden: [8] }, 2);
    const labels = [4, 5, 6];
    const decoded = await decodeWithLabels(cvae, codes, labels);
    const expected = await read(tf.tidy(() => tf.argMax(classifier.logits(tf.tensor2d(decoded.subarray(0, 2 * PIXELS), [2, PIXELS])), 1)));
    const both = await decodeAndClassify(cvae, codes, labels, classifier, 2);
    expect(Array.from(both.images)).toEqual(Array.from(decoded));
    expect(both.classes).toBeInstanceOf(Int32Array);
    expect(Array.from(both.classes ?? [])).toEqual(expected);
    expect((await decodeAndClassify(cvae, codes, labels, undefined, 2)).classes).toBeUndefined();
    cvae.dispose();
    classifier.dispose();
  });
});

describe('encoding and reconstruction', () => {
  it("encodeMeans gives the posterior mean (VAE), the code (autoencoder), and the CVAE's mean given each digit", async () => {
    const vae = createModel({ kind: 'vae', hidden: [16], latentDim: 3 }, 1);
    const ae = createModel({ kind: 'autoencoder', hidden: [16], latentDim: 2 }, 1);
    const cvae = createModel({ kind: 'cvae', hidden: [16], latentDim: 2 }, 1);
    const x = () => tf.tensor2d(images, [5, PIXELS]);
    const labels = [1, 1, 7, 0, 9];
    expect(Array.from(await encodeMeans(vae, images))).toEqual(await read(tf.tidy(() => vae.encode(x()).mean)));
    expect(Array.from(await encodeMeans(ae, images))).toEqual(await read(tf.tidy(() => ae.encode(x()))));
    expect(Array.from(await encodeMeans(cvae, images, labels))).toEqual(await read(tf.tidy(() => cvae.encode(x(), cvae.oneHot(labels)).mean)));
    await expect(encodeMeans(cvae, images)).rejects.toThrow(RangeError);
    for (const model of [vae, ae, cvae]) model.dispose();
  });

  it('encodeSplit encodes the first `count` images in chunks, as one encodeMeans of them all would, with their digits', async () => {
    const cvae = createModel({ kind: 'cvae', hidden: [16], latentDim: 2 }, 1);
    const all = Array.from({ length: 600 }, (_, i) => i);
    const result = await encodeSplit(cvae, split, 10_000);
    expect(result.dim).toBe(2);
    expect(Array.from(result.labels)).toEqual(Array.from(split.labels));
    const expected = await encodeMeans(cvae, imagesOf(split, all), split.labels);
    expect(Array.from(result.codes)).toEqual(Array.from(expected));
    expect((await encodeSplit(cvae, split, 3)).codes).toHaveLength(6);
    cvae.dispose();
  });

  it('reconstructImages equals model.reconstruct (through the posterior mean)', async () => {
    const vae = createModel({ kind: 'vae', hidden: [16], latentDim: 2 }, 1);
    const expected = await read(tf.tidy(() => vae.reconstruct(tf.tensor2d(images, [5, PIXELS]))));
    expect(Array.from(await reconstructImages(vae, images))).toEqual(expected);
    vae.dispose();
  });

  it('denoiseImages gives the corrupted inputs (seeded) and their reconstructions', async () => {
    const ae = createModel({ kind: 'autoencoder', hidden: [16], latentDim: 2, noise: 0.5, corruption: 'mask' }, 1);
    const [corrupted, reconstructed] = tf.tidy(() => {
      const input = ae.corrupt(tf.tensor2d(images, [5, PIXELS]), 11);
      return [input, ae.reconstruct(input)];
    });
    const expected = { corrupted: await read(corrupted), reconstructed: await read(reconstructed) };
    const result = await denoiseImages(ae, images, 11);
    expect({ corrupted: Array.from(result.corrupted), reconstructed: Array.from(result.reconstructed) }).toEqual(expected);
    expect(expected.corrupted).not.toEqual(Array.from(images));
    ae.dispose();
  });

  it('klPerDimension equals Vae.klPerDimension: one average per latent dimension', async () => {
    const vae = createModel({ kind: 'vae', hidden: [16], latentDim: 4 }, 1);
    const expected = await read(tf.tidy(() => vae.klPerDimension(tf.tensor2d(images, [5, PIXELS]))));
    const kl = await klPerDimension(vae, images);
    expect(kl).toHaveLength(4);
    expect(Array.from(kl)).toEqual(expected);
    vae.dispose();
  });
});

describe('sampling, discriminating, classifying', () => {
  it('drawSamples reads back sampleModel, for every kind of model', async () => {
    const models = [
      createModel({ kind: 'vae', hidden: [16], latentDim: 2 }, 1),
      createModel({ kind: 'cvae', hidden: [16], latentDim: 2 }, 1),
      createModel({ kind: 'autoencoder', hidden: [16], latentDim: 2 }, 1),
      createModel({ kind: 'gan', dataDim: 2, latentDim: 2, generatorHidden: [8], discriminatorHidden: [8], outputActivation: 'linear' }, 1),
    ];
    const codeStats = { mean: [1, -1], std: [0.5, 2] };
    for (const model of models) {
      const expected = await read(sampleModel(model, 4, 5, codeStats));
      expect(Array.from(await drawSamples(model, 4, 5, codeStats)), model.kind).toEqual(expected);
    }
    for (const model of models) model.dispose();
  });

  it("discriminate gives the GAN's D(x) for each point, in (0, 1)", async () => {
    const gan = createModel({ kind: 'gan', dataDim: 2, latentDim: 2, generatorHidden: [8], discriminatorHidden: [8], outputActivation: 'linear' }, 1);
    const points = [0, 0, 1, 2, -3, 0.5];
    const expected = await read(tf.tidy(() => gan.discriminate(tf.tensor2d(points, [3, 2]))));
    const d = await discriminate(gan, points);
    expect(Array.from(d)).toEqual(expected);
    expect(d.every((p) => p > 0 && p < 1)).toBe(true);
    await expect(discriminate(gan, [1, 2, 3])).rejects.toThrow(RangeError);
    gan.dispose();
  });

  it('classifyImages gives the most probable class of each image as integers', async () => {
    const classifier = new Classifier({ kind: 'classifier', hidden: [8] }, 2);
    const expected = await read(tf.tidy(() => tf.argMax(classifier.predict(tf.tensor2d(images, [5, PIXELS])), 1)));
    const classes = await classifyImages(classifier, images);
    expect(classes).toBeInstanceOf(Int32Array);
    expect(Array.from(classes)).toEqual(expected);
    classifier.dispose();
  });
});

describe('tensor ownership', () => {
  it('every read-out leaves the live tensor count unchanged, also when it throws', async () => {
    const vae = createModel({ kind: 'vae', hidden: [16], latentDim: 2 }, 1);
    const ae = createModel({ kind: 'autoencoder', hidden: [16], latentDim: 2, noise: 0.3 }, 1);
    const cvae = createModel({ kind: 'cvae', hidden: [16], latentDim: 2 }, 1);
    const gan = createModel({ kind: 'gan', dataDim: 2, latentDim: 2, generatorHidden: [8], discriminatorHidden: [8], outputActivation: 'linear' }, 1);
    const classifier = new Classifier({ kind: 'classifier', hidden: [8] }, 2);
    const all = async () => {
      await decodeCodes(vae, codes);
      await decodeWithLabels(cvae, codes, [1, 2, 3]);
      await decodeAndClassify(cvae, codes, [1, 2, 3], classifier, 3);
      await reconstructImages(ae, images);
      await denoiseImages(ae, images, 1);
      await encodeMeans(vae, images);
      await encodeSplit(cvae, split, 520);
      await klPerDimension(vae, images);
      await drawSamples(cvae, 3, 1);
      await discriminate(gan, codes);
      await classifyImages(classifier, images);
      await expect(decodeCodes(vae, [1, 2, 3])).rejects.toThrow(RangeError);
      await expect(encodeMeans(cvae, images, [1])).rejects.toThrow(RangeError);
    };
    await all(); // burn-in: backend kernels may keep tensors of their own on a first run
    const before = tf.memory().numTensors;
    await all();
    expect(tf.memory().numTensors).toBe(before);
    for (const model of [vae, ae, cvae, gan, classifier]) model.dispose();
  });
});
