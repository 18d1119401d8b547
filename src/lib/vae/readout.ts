/**
 * Plain-array read-outs of the library's models: what a figure asks of a model (decode these
 * codes, encode these images, reconstruct, sample, classify, score points), with plain numbers
 * in and typed arrays out. Every function builds its input tensors, runs the model inside
 * `tf.tidy`, reads the result back asynchronously (`data()`, so a GPU backend never stalls the
 * page) and disposes it, so the live tensor count is the same before and after the call and a
 * caller never holds a tensor. Widgets use this module instead of TensorFlow.js.
 *
 * Layout: a batch of n rows of width d is one row-major array of n·d numbers (images: rows of
 * `inputDim` grey levels in [0, 1]; codes: rows of `latentDim`). A length that is not a whole
 * number of rows is a RangeError.
 *
 *   const pixels = await decodeCodes(vae, new Float32Array([0, 0, 1, -1]));   // two 28×28 images
 */
import type { Classifier } from './classifier.ts';
import { imagesOf, type MnistSplit } from './data.ts';
import type { AnyModel, Autoencoder, Cvae, Gan, Vae, VaeGan } from './models/index.ts';
import { type CodeStats, sampleModel } from './sampling.ts';
import * as tf from './tf.ts';

/** Models with an unconditional decoder z → pixel means: the VAE, the VAE-GAN and the autoencoder. */
export type CodeDecoder = Vae | VaeGan | Autoencoder;
/** Models whose encoder gives one code per image (the posterior mean, or the autoencoder's code). */
export type ImageEncoder = Vae | VaeGan | Autoencoder | Cvae;

/** Codes of a split's first images with their digits, as the latent figures plot them. */
export interface Codes {
  /** [count · dim] codes, row-major. */
  readonly codes: Float32Array;
  readonly labels: Uint8Array;
  readonly dim: number;
}

/** Images encoded per model call by `encodeSplit`, so a few thousand images never make one huge tensor. */
const CHUNK = 500;

/** `values` as a [rows, width] tensor (call inside `tf.tidy`). */
function matrix(values: ArrayLike<number>, width: number, what: string): tf.Tensor2D {
  if (values.length % width !== 0) throw new RangeError(`${what}: ${values.length} values are not rows of ${width}`);
  return tf.tensor2d(Float32Array.from(values), [values.length / width, width], 'float32');
}

/** Reads `t` back to the CPU and disposes it. */
async function readBack(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Reads several tensors back at once (one wait for all) and disposes them. */
async function readAll(tensors: readonly tf.Tensor[]): Promise<Float32Array[]> {
  try {
    return (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
  } finally {
    tf.dispose([...tensors]);
  }
}

export { imagesOf } from './data.ts';

/** Pixel means in [0, 1] for codes [n · latentDim]: [n · inputDim]. */
export async function decodeCodes(model: CodeDecoder, codes: ArrayLike<number>): Promise<Float32Array> {
  return readBack(tf.tidy(() => model.decode(matrix(codes, model.latentDim, 'codes'))));
}

/** The CVAE's decode of codes [n, latentDim] with one-hot `labels` (call inside `tf.tidy`). */
function decodeLabelled(model: Cvae, codes: ArrayLike<number>, labels: readonly number[]): tf.Tensor2D {
  if (labels.length * model.latentDim !== codes.length)
    throw new RangeError(`decodeWithLabels: ${labels.length} labels for ${codes.length / model.latentDim} codes`);
  return model.decode(matrix(codes, model.latentDim, 'codes'), model.oneHot(labels));
}

/** The CVAE's pixel means for codes [n · latentDim], row i drawn with digit `labels[i]`: [n · inputDim]. */
export async function decodeWithLabels(model: Cvae, codes: ArrayLike<number>, labels: readonly number[]): Promise<Float32Array> {
  return readBack(tf.tidy(() => decodeLabelled(model, codes, labels)));
}

/**
 * `decodeWithLabels`, and `classifier`'s digit for each of the first `classified` images, in one
 * pass on the backend (the images are not sent back for classifying). `classes` is undefined
 * without a classifier.
 */
export async function decodeAndClassify(
  model: Cvae,
  codes: ArrayLike<number>,
  labels: readonly number[],
  classifier: Classifier | undefined,
  classified: number,
): Promise<{ images: Float32Array; classes: Int32Array | undefined }> {
  const [decoded, predicted] = tf.tidy(() => {
    const images = decodeLabelled(model, codes, labels);
    if (classifier === undefined) return [images, undefined] as const;
    const rows = tf.slice(images, [0, 0], [classified, -1]) as tf.Tensor2D;
    return [images, tf.argMax(classifier.logits(rows), 1)] as const;
  });
  try {
    const [images, classes] = await Promise.all([decoded.data(), predicted?.data()]);
    return { images: images as Float32Array, classes: classes as Int32Array | undefined };
  } finally {
    decoded.dispose();
    predicted?.dispose();
  }
}

/** Reconstructions through the posterior mean (the autoencoder: its code) of images [n · inputDim]: [n · inputDim]. */
export async function reconstructImages(model: CodeDecoder, images: ArrayLike<number>): Promise<Float32Array> {
  return readBack(tf.tidy(() => model.reconstruct(matrix(images, model.spec.inputDim, 'images'))));
}

/**
 * What a denoising autoencoder does to images [n · inputDim]: the corrupted inputs it is shown
 * (its current noise level, drawn from `seed`) and its reconstructions of them, each [n · inputDim].
 */
export async function denoiseImages(
  model: Autoencoder,
  images: ArrayLike<number>,
  seed: number,
): Promise<{ corrupted: Float32Array; reconstructed: Float32Array }> {
  const [corrupted = new Float32Array(0), reconstructed = new Float32Array(0)] = await readAll(
    tf.tidy(() => {
      const input = model.corrupt(matrix(images, model.spec.inputDim, 'images'), seed);
      return [input, model.reconstruct(input)];
    }),
  );
  return { corrupted, reconstructed };
}

/** The encoding of x [n, inputDim] (y: one-hot labels, the CVAE only) as one code per row (call inside `tf.tidy`). */
function codeTensor(model: ImageEncoder, x: tf.Tensor2D, labels: ArrayLike<number> | undefined): tf.Tensor2D {
  switch (model.kind) {
    case 'autoencoder':
      return model.encode(x);
    case 'cvae': {
      if (labels === undefined || labels.length !== x.shape[0]) throw new RangeError('encodeMeans: the CVAE needs one label per image');
      return model.encode(x, model.oneHot(Array.from(labels))).mean;
    }
    default:
      return model.encode(x).mean;
  }
}

/**
 * One code per image of images [n · inputDim]: the posterior mean of q_φ(z|x) (the CVAE's
 * q_φ(z|x, y), given each image's digit in `labels`), or the autoencoder's code. [n · latentDim]
 */
export async function encodeMeans(model: ImageEncoder, images: ArrayLike<number>, labels?: ArrayLike<number>): Promise<Float32Array> {
  return readBack(tf.tidy(() => codeTensor(model, matrix(images, model.spec.inputDim, 'images'), labels)));
}

/** The codes (`encodeMeans`) of the first `count` images of `split` (all of it if smaller), with their digits. */
export async function encodeSplit(model: ImageEncoder, split: MnistSplit, count: number): Promise<Codes> {
  const n = Math.min(count, split.count);
  const dim = model.latentDim;
  const codes = new Float32Array(n * dim);
  for (let start = 0; start < n; start += CHUNK) {
    const indices = Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => start + i);
    codes.set(await encodeMeans(model, imagesOf(split, indices), split.labels.subarray(start, start + indices.length)), start * dim);
  }
  return { codes, labels: split.labels.slice(0, n), dim };
}

/** KL(q_φ(z|x) ‖ N(0, I)) per latent dimension, averaged over images [n · inputDim]: [latentDim] nats. */
export async function klPerDimension(model: Vae, images: ArrayLike<number>): Promise<Float32Array> {
  return readBack(tf.tidy(() => model.klPerDimension(matrix(images, model.spec.inputDim, 'images'))));
}

/**
 * `n` samples of `model` from `seed` (the library's `sampleModel`: prior codes decoded, the CVAE
 * cycling labels 0…9, the autoencoder at codes from `codeStats`), row after row: pixel means in
 * [0, 1] for the image models, points for a GAN on points. [n · output width]
 */
export async function drawSamples(model: AnyModel, n: number, seed: number, codeStats?: CodeStats): Promise<Float32Array> {
  return readBack(sampleModel(model, n, seed, codeStats));
}

/** The GAN's D(x) = P(real | x) for each row of points [n · dataDim]: [n] in (0, 1). */
export async function discriminate(model: Gan, points: ArrayLike<number>): Promise<Float32Array> {
  return readBack(tf.tidy(() => model.discriminate(matrix(points, model.spec.dataDim, 'points'))));
}

/** The classifier's most probable class of each image of images [n · inputDim]: [n] integers. */
export async function classifyImages(classifier: Classifier, images: ArrayLike<number>): Promise<Int32Array> {
  const predicted = tf.tidy(() => tf.argMax(classifier.logits(matrix(images, classifier.spec.inputDim, 'images')), 1));
  try {
    return (await predicted.data()) as Int32Array;
  } finally {
    predicted.dispose();
  }
}
