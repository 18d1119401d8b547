/**
 * The weights codec (`weight-codec.ts`): the three encodings on seeded weights (exactness, error
 * bounds, padding, refusals, truncated or corrupt data), and on the shipped files in
 * public/models: decoding then encoding gives back their bytes exactly, and the decoder agrees
 * with TensorFlow.js's own `tf.io.decodeWeights` on every tensor.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { loadCheckpointFile } from '../../../../src/lib/vae/checkpoint-node.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { decodeWeights, encodeWeights } from '../../../../src/lib/vae/weight-codec.ts';
import type { CheckpointManifest } from '../../../../src/lib/vae/weights-manifest.ts';

beforeAll(async () => {
  await useNodeBackend();
});

/** Seeded weights with a spread of magnitudes: two tensors, [3, 4] and [4]. */
function sampleWeights(seed = 1) {
  const random = mulberry32(seed);
  const w = Float32Array.from({ length: 12 }, () => (random() - 0.5) * 4);
  const b = Float32Array.from({ length: 4 }, () => (random() - 0.5) * 0.02);
  return {
    weights: new Map([
      ['enc.w', w],
      ['enc.b', b],
    ]),
    shapes: new Map([
      ['enc.w', [3, 4]],
      ['enc.b', [4]],
    ]),
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('encodeWeights / decodeWeights', () => {
  test('encodeWeights(…, "float32") round-trips exactly, with 4-byte aligned offsets', () => {
    const { weights, shapes } = sampleWeights();
    const { manifest, data } = encodeWeights(weights, shapes, 'float32', { model: 'tiny', steps: 3 });
    expect(manifest).toMatchObject({ format: 'vae-book-weights', version: 1, dtype: 'float32', meta: { model: 'tiny', steps: 3 } });
    expect(manifest.tensors.map((t) => [t.name, t.shape, t.offset, t.byteLength])).toEqual([
      ['enc.w', [3, 4], 0, 48],
      ['enc.b', [4], 48, 16],
    ]);
    expect(data.byteLength).toBe(64);
    const decoded = decodeWeights(clone(manifest), data);
    expect([...decoded.keys()]).toEqual(['enc.w', 'enc.b']);
    expect(decoded.get('enc.w')).toEqual({ shape: [3, 4], values: weights.get('enc.w') });
    expect(decoded.get('enc.b')).toEqual({ shape: [4], values: weights.get('enc.b') });
  });

  test('encodeWeights(…, "float16") halves the size with relative error ≤ 2⁻¹¹ in the normal range, keeping 0 and subnormals', () => {
    const random = mulberry32(7);
    const values = Float32Array.from({ length: 1001 }, (_, i) => (i === 0 ? 0 : (random() < 0.5 ? -1 : 1) * 10 ** (random() * 8 - 4)));
    values[1] = 3e-7; // subnormal in half precision
    values[2] = -0;
    values[3] = 60000;
    const { manifest, data } = encodeWeights(new Map([['v', values]]), new Map([['v', [7, 11, 13]]]), 'float16');
    expect(manifest.tensors[0]?.byteLength).toBe(2002);
    expect(data.byteLength).toBe(2004); // padded to a multiple of 4
    const decoded = decodeWeights(manifest, data).get('v')?.values ?? new Float32Array();
    expect(decoded[0]).toBe(0);
    expect(Object.is(decoded[2], -0)).toBe(true);
    expect(Math.abs((decoded[1] ?? 0) - 3e-7)).toBeLessThanOrEqual(2 ** -25);
    for (let i = 3; i < values.length; i++) {
      const v = values[i] ?? 0;
      const error = Math.abs((decoded[i] ?? 0) - v);
      if (Math.abs(v) >= 2 ** -14) expect(error / Math.abs(v)).toBeLessThanOrEqual(2 ** -11);
      else expect(error).toBeLessThanOrEqual(2 ** -25);
    }
  });

  test('encodeWeights(…, "uint8") quantises each tensor to min + q·scale with error ≤ scale/2', () => {
    const { weights, shapes } = sampleWeights(3);
    const { manifest, data } = encodeWeights(weights, shapes, 'uint8');
    expect(data.byteLength).toBe(12 + 4);
    const decoded = decodeWeights(manifest, data);
    for (const entry of manifest.tensors) {
      const original = weights.get(entry.name) ?? new Float32Array();
      const values = decoded.get(entry.name)?.values ?? new Float32Array();
      const min = Math.min(...original);
      const max = Math.max(...original);
      expect(entry.min).toBeCloseTo(min, 6);
      expect(entry.scale).toBeCloseTo((max - min) / 255, 9);
      const bound = (entry.scale ?? 0) / 2 + 1e-6 * Math.max(Math.abs(min), Math.abs(max));
      original.forEach((v, i) => expect(Math.abs((values[i] ?? Number.NaN) - v)).toBeLessThanOrEqual(bound));
    }
  });

  test('encodeWeights(…, "uint8") stores a constant tensor exactly (scale 0)', () => {
    const { manifest, data } = encodeWeights(new Map([['c', new Float32Array([0.25, 0.25, 0.25])]]), new Map([['c', [3]]]), 'uint8');
    expect(manifest.tensors[0]).toMatchObject({ min: 0.25, scale: 0 });
    expect(decodeWeights(manifest, data).get('c')?.values).toEqual(new Float32Array([0.25, 0.25, 0.25]));
  });

  test('encodeWeights() refuses non-finite values, missing or wrong shapes and out-of-range float16', () => {
    const shapes = new Map([['a', [2]]]);
    expect(() => encodeWeights(new Map([['a', new Float32Array([1, Number.NaN])]]), shapes, 'float32')).toThrow(/"a" holds NaN at index 1/);
    expect(() => encodeWeights(new Map([['a', new Float32Array([Infinity, 1])]]), shapes, 'uint8')).toThrow(/Infinity at index 0/);
    expect(() => encodeWeights(new Map([['b', new Float32Array(2)]]), shapes, 'float32')).toThrow(/No shape given for weight tensor "b"/);
    expect(() => encodeWeights(new Map([['a', new Float32Array(3)]]), shapes, 'float32')).toThrow(/3 values but shape \[2\] needs 2/);
    expect(() => encodeWeights(new Map([['a', new Float32Array([1, 1e5])]]), shapes, 'float16')).toThrow(/"a" cannot be stored as float16/);
  });

  test('decodeWeights() validates the manifest first (see weights-manifest.test.ts)', () => {
    const { weights, shapes } = sampleWeights();
    const { manifest, data } = encodeWeights(weights, shapes, 'float32');
    expect(() => decodeWeights({ ...manifest, version: 2 } as unknown as CheckpointManifest, data)).toThrow(
      /Invalid weights manifest: version 2 is not supported/,
    );
  });

  test('decodeWeights() rejects truncated data and NaN values', () => {
    const { weights, shapes } = sampleWeights();
    const { manifest, data } = encodeWeights(weights, shapes, 'float32');
    expect(() => decodeWeights(manifest, data.subarray(0, 60))).toThrow(/truncated: tensor "enc.b" needs bytes 48–64 but the data has 60 bytes/);
    const corrupt = data.slice();
    new DataView(corrupt.buffer).setFloat32(8, Number.NaN, true);
    expect(() => decodeWeights(manifest, corrupt)).toThrow(/corrupt: tensor "enc.w" holds NaN at index 2/);
    const half = encodeWeights(weights, shapes, 'float16');
    const infinite = half.data.slice();
    new DataView(infinite.buffer).setUint16(48 / 2, 0x7c00, true);
    expect(() => decodeWeights(half.manifest, infinite)).toThrow(/holds Infinity/);
  });
});

describe('the shipped weights in public/models', () => {
  const files = readdirSync('public/models').filter((file) => file.endsWith('.json') && file !== 'manifest.json');

  test('there are shipped checkpoints to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  test.each(files)('decodeWeights then encodeWeights gives back %s and its blob byte for byte', async (file) => {
    const { manifest, data } = await loadCheckpointFile(join('public/models', file));
    const decoded = [...decodeWeights(manifest, data)];
    const again = encodeWeights(
      new Map(decoded.map(([name, tensor]) => [name, tensor.values])),
      new Map(decoded.map(([name, tensor]) => [name, tensor.shape])),
      manifest.dtype,
      manifest.meta,
    );
    expect(again.manifest).toEqual({ ...manifest, file: undefined });
    expect(again.data.byteLength).toBe(data.byteLength);
    expect(Buffer.from(again.data).equals(Buffer.from(data))).toBe(true);
  });

  test.each(files)('decodeWeights agrees bit for bit with tf.io.decodeWeights on every tensor of %s', async (file) => {
    const { manifest, data } = await loadCheckpointFile(join('public/models', file));
    const ours = decodeWeights(manifest, data);
    for (const { name, shape, offset, byteLength, min, scale } of manifest.tensors) {
      const spec: tf.io.WeightsManifestEntry = { name, shape, dtype: 'float32' };
      if (manifest.dtype === 'float16') spec.quantization = { dtype: 'float16' };
      if (manifest.dtype === 'uint8') spec.quantization = { dtype: 'uint8', min: min ?? Number.NaN, scale: scale ?? Number.NaN };
      // One tensor at a time: tf.io.decodeWeights expects tensors packed without the 4-byte padding.
      const bytes = data.slice(offset, offset + byteLength).buffer;
      const tensor = tf.io.decodeWeights(bytes, [spec])[name] as tf.Tensor;
      expect(tensor.shape).toEqual(shape);
      const theirs = tensor.dataSync() as Float32Array;
      tensor.dispose();
      expect(Buffer.from(theirs.buffer).equals(Buffer.from(ours.get(name)?.values.buffer ?? new ArrayBuffer(0)))).toBe(true);
    }
  });
});
