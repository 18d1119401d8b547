import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../../src/lib/vae/backend-node.ts';
import type { MnistData } from '../../../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../../../src/lib/vae/data-node.ts';
import { createModel } from '../../../../../src/lib/vae/models/index.ts';
import type { AnyModel } from '../../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../../src/lib/vae/tf.ts';
import type { Batch } from '../../../../../src/lib/vae/types.ts';
import { evaluate, firstImages, rows, train, values } from '../../../model-helpers.ts';

/**
 * Each model trains for a few hundred steps on 3,000 MNIST training images (batch 64, small
 * networks) and is evaluated before and after on 500 held-out test images with a fixed seed.
 * The thresholds leave a wide margin below what the runs reach (see the commit message).
 */
const SMALL = { hidden: [128], latentDim: 8 } as const;
const BATCH = 64;
const TIMEOUT = 30_000;

let mnist: MnistData;
let test: Batch;

beforeAll(async () => {
  await useNodeBackend();
  mnist = await loadMnistNode({ trainCount: 3000, testCount: 500 });
  test = firstImages(mnist.test, 500);
});

afterAll(() => {
  tf.dispose([test.x, test.y]);
});

/**
 * Trains `steps` steps and checks on the way that the tensor count stays flat: one burn-in step
 * (the optimisers create their moment variables), then the rest.
 */
function trainWithFlatMemory(model: AnyModel, steps: number): void {
  train(model, mnist.train, 1, BATCH, 100);
  const before = tf.memory().numTensors;
  train(model, mnist.train, steps - 1, BATCH, 1);
  expect(tf.memory().numTensors, `${model.kind}: tensors after ${steps - 1} steps`).toBe(before);
}

describe('training on MNIST (each run also checks that the tensor count stays flat)', () => {
  it('Autoencoder.trainStep lowers the held-out reconstruction loss (200 steps)', { timeout: TIMEOUT }, () => {
    const model = createModel({ kind: 'autoencoder', ...SMALL }, 1);
    const before = evaluate(model, test);
    trainWithFlatMemory(model, 200);
    const after = evaluate(model, test);
    expect(after.loss).toBeLessThan(0.6 * (before.loss ?? 0));
    model.dispose();
  });

  it('Vae.trainStep lowers the held-out negative ELBO (200 steps)', { timeout: TIMEOUT }, () => {
    const model = createModel({ kind: 'vae', ...SMALL }, 1);
    const before = evaluate(model, test);
    trainWithFlatMemory(model, 200);
    const after = evaluate(model, test);
    expect(after.total).toBeLessThan(0.5 * (before.total ?? 0));
    expect(after.total).toBeCloseTo((after.reconstruction ?? 0) + (after.kl ?? 0), 3);
    expect(after.kl).toBeGreaterThan(1); // the latent code carries information
    model.dispose();
  });

  it('Cvae.trainStep lowers the held-out negative ELBO, and its decoder depends on the label', { timeout: TIMEOUT }, () => {
    // A 2-D latent space, as in the book's CVAE figures: z is too small to hold the digit's
    // identity as well as its style, so the decoder must take the identity from the label.
    const model = createModel({ kind: 'cvae', hidden: [128], latentDim: 2 }, 1);
    const before = evaluate(model, test);
    trainWithFlatMemory(model, 200);
    const after = evaluate(model, test);
    expect(after.total).toBeLessThan(0.5 * (before.total ?? 0));

    // The same z (the prior mean) decoded as each digit: ten clearly different images, most of
    // them nearest to the mean test image of their own digit.
    const digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const images = rows(tf.tidy(() => model.decode(tf.zeros([10, 2]), model.oneHot(digits))));
    const distance = (a: readonly number[], b: readonly number[]): number => Math.sqrt(a.reduce((s, v, i) => s + (v - (b[i] ?? 0)) ** 2, 0));
    const distances = digits.flatMap((a) => digits.slice(a + 1).map((b) => distance(images[a]!, images[b]!)));
    expect(Math.min(...distances)).toBeGreaterThan(1);
    const classMeans = rows(tf.tidy(() => tf.div(tf.matMul(test.y, test.x, true, false), tf.reshape(tf.sum(test.y, 0), [10, 1]))));
    const nearestClass = images.map((image) =>
      digits.reduce((best, d) => (distance(image, classMeans[d]!) < distance(image, classMeans[best]!) ? d : best), 0),
    );
    expect(nearestClass.filter((d, i) => d === i).length, 'decoded digits nearest to their own class mean').toBeGreaterThanOrEqual(7);
    // And the label is used as information: test images scored under the wrong labels (digit + 1
    // mod 10) have a much worse bound than under their own labels.
    const wrongY = tf.tidy(() => tf.concat([tf.slice(test.y, [0, 9], [-1, 1]), tf.slice(test.y, [0, 0], [-1, 9])], 1) as tf.Tensor2D);
    const wrong = evaluate(model, { x: test.x, y: wrongY });
    wrongY.dispose();
    expect(wrong.total).toBeGreaterThan((after.total ?? 0) + 10);
    model.dispose();
  });

  it('Gan.trainStep moves the mean generated image towards the data mean, and D tells real from fake (200 steps)', { timeout: TIMEOUT }, () => {
    // A GAN's losses need not fall (it is a game), so the criterion is about samples: the
    // per-pixel mean of 500 generated images must approach the mean test image.
    const model = createModel({ kind: 'gan', generatorHidden: [128], discriminatorHidden: [128], latentDim: 8, learningRate: 1e-3 }, 1);
    const dataMean = values(tf.tidy(() => tf.mean(test.x, 0)));
    const distanceToData = (): number => {
      const sampleMean = values(tf.tidy(() => tf.mean(model.sample(500, 3), 0)));
      return Math.sqrt(sampleMean.reduce((s, v, i) => s + (v - dataMean[i]!) ** 2, 0));
    };
    const before = { distance: distanceToData(), metrics: evaluate(model, test) };
    trainWithFlatMemory(model, 200);
    const after = { distance: distanceToData(), metrics: evaluate(model, test) };
    expect(after.distance).toBeLessThan(0.5 * before.distance);
    expect(after.metrics.dReal).toBeGreaterThan(after.metrics.dFake ?? 1);
    model.dispose();
  });

  it('VaeGan.trainStep lowers the held-out reconstruction loss (200 steps)', { timeout: TIMEOUT }, () => {
    const model = createModel({ kind: 'vaegan', ...SMALL, discriminatorHidden: [128], learningRate: 1e-3 }, 1);
    const before = evaluate(model, test);
    trainWithFlatMemory(model, 200);
    const after = evaluate(model, test);
    expect(after.reconstruction).toBeLessThan(0.6 * (before.reconstruction ?? 0));
    for (const value of Object.values(after)) expect(Number.isFinite(value)).toBe(true);
    model.dispose();
  });
});
