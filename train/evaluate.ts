/**
 * Quality figures of the shipped models, shared by the training script (train/train-models.ts)
 * and the unit test that checks the shipped checkpoints (tests/unit/train/pretrained.test.ts).
 * Every figure is computed in chunks on the active backend, seeded, and read back as numbers.
 */
import { makeBatch } from '../src/lib/vae/batch.ts';
import type { MnistSplit } from '../src/lib/vae/data.ts';
import type { AnyModel } from '../src/lib/vae/models/index.ts';
import type { Classifier } from '../src/lib/vae/classifier.ts';
import * as tf from '../src/lib/vae/tf.ts';

export type ShippedModel = AnyModel | Classifier;

const range = (first: number, n: number) => Array.from({ length: n }, (_, i) => first + i);

/** Sums of named per-chunk means (weighted by chunk size) over the first `count` images of `split`. */
async function overChunks(
  split: MnistSplit,
  count: number,
  chunk: number,
  f: (batch: { x: tf.Tensor2D; y: tf.Tensor2D }, first: number) => Record<string, tf.Scalar>,
): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  const n = Math.min(count, split.count);
  for (let first = 0; first < n; first += chunk) {
    const size = Math.min(chunk, n - first);
    const batch = makeBatch(split, range(first, size));
    const out = f(batch, first);
    const names = Object.keys(out);
    const values = await Promise.all(names.map(async (k) => (await out[k]!.data())[0] ?? Number.NaN));
    names.forEach((k, i) => (sums[k] = (sums[k] ?? 0) + (values[i] ?? Number.NaN) * size));
    tf.dispose([batch.x, batch.y, ...Object.values(out)]);
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / n]));
}

/**
 * The model's held-out figure, one sample per image seeded by (seed + index of the chunk's first
 * image), so any prefix of the test set gives reproducible figures:
 * - vae, cvae, vaegan: negative ELBO (BCE over grey-level pixels + KL) per image, nats: {loss, reconstruction, kl}
 * - autoencoder: BCE per image, nats: {loss}
 * - gan: mean discriminator output D(x) on real test images: {dReal}
 * - classifier: {loss (cross-entropy, nats), accuracy}
 */
export function heldOut(model: ShippedModel, split: MnistSplit, count: number, seed: number): Promise<Record<string, number>> {
  return overChunks(split, count, 500, ({ x, y }, first) => {
    const s = seed + first;
    switch (model.kind) {
      case 'vae': {
        const t = model.lossTerms(x, s);
        return { loss: t.total, reconstruction: t.reconstruction, kl: t.kl };
      }
      case 'cvae': {
        const t = model.lossTerms(x, y, s);
        return { loss: t.total, reconstruction: t.reconstruction, kl: t.kl };
      }
      case 'vaegan': {
        const t = model.evaluate({ x, y }, s);
        const loss = tf.add(t.reconstruction, t.kl) as tf.Scalar;
        tf.dispose([t.discriminator, t.generator]);
        return { loss, reconstruction: t.reconstruction, kl: t.kl };
      }
      case 'autoencoder':
        return { loss: model.loss(x, s) };
      case 'gan':
        return { dReal: tf.tidy(() => tf.mean(model.discriminate(x)) as tf.Scalar) };
      case 'classifier':
        return model.evaluate({ x, y }, s);
    }
  });
}

/** The subset figure the unit test reproduces (the first entry of {@link heldOut}). */
export const SUBSET_METRIC: Record<ShippedModel['kind'], string> = {
  vae: 'loss',
  cvae: 'loss',
  vaegan: 'loss',
  autoencoder: 'loss',
  gan: 'dReal',
  classifier: 'accuracy',
};

/** −L_K (IWAE bound, K importance samples), nats per image: an upper bound on −log p(x). */
export async function iwaeNll(model: ShippedModel, split: MnistSplit, count: number, k: number, seed: number): Promise<number> {
  if (model.kind !== 'vae' && model.kind !== 'cvae') throw new Error(`no IWAE bound for ${model.kind}`);
  const r = await overChunks(split, count, 100, ({ x, y }, first) => ({
    nll: tf.tidy(() => tf.neg(tf.mean(model.kind === 'vae' ? model.iwae(x, k, seed + first) : model.iwae(x, y, k, seed + first))) as tf.Scalar),
  }));
  return r['nll'] ?? Number.NaN;
}

export interface SampleQuality {
  readonly count: number;
  /** Mean over samples of the classifier's largest class probability (1 = every sample confidently a digit). */
  readonly meanMaxProb: number;
  /** Entropy (nats) of the histogram of predicted labels; ln 10 ≈ 2.303 for equally frequent digits. */
  readonly labelEntropy: number;
  /** Predicted labels' counts, digits 0…9. */
  readonly labelCounts: number[];
  /** Mean Euclidean distance (pixel space, 784-D, values in [0, 1]) to the nearest training image. */
  readonly nnDistance: number;
  /** CVAE only: fraction of samples classified as the requested label. */
  readonly accuracy?: number;
}

/** Classifier-based quality figures of images x [n, 784] (and, given `labels`, their accuracy). */
export async function sampleQuality(classifier: Classifier, x: tf.Tensor2D, train: MnistSplit, labels?: readonly number[]): Promise<SampleQuality> {
  const [n] = x.shape;
  const probs = classifier.predict(x);
  const [maxProbT, argmaxT] = [tf.max(probs, 1), tf.argMax(probs, 1)];
  const [maxProb, argmax] = [await maxProbT.data<'float32'>(), await argmaxT.data<'int32'>()];
  tf.dispose([maxProbT, argmaxT]);
  probs.dispose();
  const counts = Array.from({ length: 10 }, () => 0);
  let correct = 0;
  argmax.forEach((label, i) => {
    counts[label] = (counts[label] ?? 0) + 1;
    if (labels && labels[i] === label) correct++;
  });
  const labelEntropy = -counts.reduce((h, c) => (c > 0 ? h + (c / n) * Math.log(c / n) : h), 0);
  const meanMaxProb = maxProb.reduce((a: number, b: number) => a + b, 0) / n;
  return {
    count: n,
    meanMaxProb,
    labelEntropy,
    labelCounts: counts,
    nnDistance: await nearestNeighbourDistance(x, train),
    ...(labels ? { accuracy: correct / n } : {}),
  };
}

/** Mean over the rows of x of the distance to the nearest image of `train` (all of it, chunks of 5,000). */
export async function nearestNeighbourDistance(x: tf.Tensor2D, train: MnistSplit): Promise<number> {
  const [n] = x.shape;
  let best = tf.fill([n], Number.POSITIVE_INFINITY) as tf.Tensor1D;
  const xx = tf.sum(tf.square(x), 1);
  for (let first = 0; first < train.count; first += 5000) {
    const batch = makeBatch(train, range(first, Math.min(5000, train.count - first)));
    const next = tf.tidy(() => {
      const tt = tf.sum(tf.square(batch.x), 1);
      const d2 = tf.sub(tf.add(tf.reshape(xx, [n, 1]), tf.reshape(tt, [1, -1])), tf.mul(2, tf.matMul(x, tf.transpose(batch.x))));
      return tf.minimum(best, tf.min(d2, 1)) as tf.Tensor1D;
    });
    tf.dispose([best, batch.x, batch.y]);
    best = next;
  }
  const d = await best.data<'float32'>();
  tf.dispose([best, xx]);
  return d.reduce((a: number, v: number) => a + Math.sqrt(Math.max(v, 0)), 0) / n;
}

/** The first n test images as a tensor (a reference for {@link sampleQuality}). */
export function testImages(split: MnistSplit, n: number): tf.Tensor2D {
  const batch = makeBatch(split, range(0, n));
  batch.y.dispose();
  return batch.x;
}
