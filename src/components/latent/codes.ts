/**
 * Running a model over plain numbers for the latent widgets: the codes of the first `count`
 * images of a split (in chunks, so a few thousand images never make one huge tensor), and the
 * images decoded from a list of code points. All tensors are freed before the promise resolves.
 */
import { mulberry32, standardNormal } from '~/lib/math/random';
import { makeBatch, type MnistSplit } from '~/lib/vae/data';
import type { Batch } from '~/lib/vae/types';
import * as tf from '~/lib/vae/tf';

const CHUNK = 500;

/** `count` codes of dimension `dim` from N(0, I), row after row; the same seed gives the same codes. */
export function normalCodes(count: number, dim: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: count * dim }, () => standardNormal(rng));
}

export interface Codes {
  /** [count · dim] codes, row-major. */
  readonly codes: Float32Array;
  readonly labels: Uint8Array;
  readonly dim: number;
}

/** `encode` maps a batch to its codes [n, dim] (e.g. a VAE's posterior means). */
export async function codesOf(split: MnistSplit, count: number, encode: (batch: Batch) => tf.Tensor2D): Promise<Codes> {
  const n = Math.min(count, split.count);
  const parts: Float32Array[] = [];
  let dim = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const indices = Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => start + i);
    const codes = tf.tidy(() => {
      const batch = makeBatch(split, indices);
      return encode(batch);
    });
    dim = codes.shape[1];
    parts.push(await codes.data<'float32'>());
    codes.dispose();
  }
  const codes = new Float32Array(n * dim);
  let offset = 0;
  for (const part of parts) {
    codes.set(part, offset);
    offset += part.length;
  }
  return { codes, labels: split.labels.slice(0, n), dim };
}

/** Decodes code points (rows of `dim` numbers) to images [k · 784] in [0, 1] with `decode`. */
export async function decodePoints(points: ArrayLike<number>, dim: number, decode: (z: tf.Tensor2D) => tf.Tensor2D): Promise<Float32Array> {
  const rows = Math.floor(points.length / dim);
  const images = tf.tidy(() => decode(tf.tensor2d(Float32Array.from(points), [rows, dim])));
  const values = await images.data<'float32'>();
  images.dispose();
  return values;
}

/** A `side × side` grid of 2-D points spanning the domain, top row first (largest z₂). */
export function gridPoints(side: number, [[x0, x1], [y0, y1]]: readonly [readonly [number, number], readonly [number, number]]): Float32Array {
  const points = new Float32Array(side * side * 2);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const k = row * side + col;
      points[2 * k] = x0 + ((col + 0.5) / side) * (x1 - x0);
      points[2 * k + 1] = y1 - ((row + 0.5) / side) * (y1 - y0);
    }
  }
  return points;
}
