/**
 * The weights format (three encodings, validation), the model glue on a stand-in model of two
 * variables, shipped files (fake fetch, temporary folder) and IndexedDB (fake-indexeddb).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useNodeBackend } from '~/lib/vae/backend-node';
import {
  applyCheckpoint,
  type Checkpoint,
  type CheckpointManifest,
  checkpointFromModel,
  dataUrlFor,
  decodeWeights,
  deleteFromIndexedDB,
  encodeWeights,
  type FetchLike,
  fetchCheckpoint,
  float16BitsToFloat32,
  float32ToFloat16Bits,
  listIndexedDB,
  loadFromIndexedDB,
  readModelWeights,
  saveToIndexedDB,
  validateManifest,
  writeModelWeights,
} from '~/lib/vae/checkpoint';
import { loadCheckpointFile, saveCheckpointFiles } from '~/lib/vae/checkpoint-node';
import { mulberry32 } from '~/lib/math/random';
import * as tf from '~/lib/vae/tf';
import type { TrainableModel } from '~/lib/vae/types';

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

/** A stand-in TrainableModel owning two variables (the real models are not needed here). */
function tinyModel(seed: number): TrainableModel {
  const variables = new Map<string, tf.Variable>([
    ['enc.w', tf.variable(tf.randomNormal([3, 4], 0, 1, 'float32', seed), true, `w${seed}-${Math.random()}`)],
    ['enc.b', tf.variable(tf.randomNormal([4], 0, 1, 'float32', seed + 1), true, `b${seed}-${Math.random()}`)],
  ]);
  return {
    kind: 'tiny',
    trainStep: () => ({}),
    evaluate: () => ({}),
    namedVariables: () => variables,
    reinitialize: () => {},
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('float16 bit conversion', () => {
  test('float32ToFloat16Bits(v) gives the IEEE half bit patterns of exact values', () => {
    expect(float32ToFloat16Bits(0)).toBe(0x0000);
    expect(float32ToFloat16Bits(-0)).toBe(0x8000);
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(-2)).toBe(0xc000);
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
    expect(float32ToFloat16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float32ToFloat16Bits(1023 * 2 ** -24)).toBe(0x03ff); // largest subnormal
  });

  test('float32ToFloat16Bits(v) rounds to nearest, ties to even, in the normal and subnormal ranges', () => {
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie → even (down)
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(float32ToFloat16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // just above the tie
    expect(float32ToFloat16Bits(2 ** -25)).toBe(0x0000); // half the smallest subnormal: tie → 0
    expect(float32ToFloat16Bits(1.5 * 2 ** -24)).toBe(0x0002); // tie → even (up)
    expect(float32ToFloat16Bits(2 ** -30)).toBe(0x0000);
    expect(float32ToFloat16Bits(2047 * 2 ** -25)).toBe(0x0400); // rounds up into the smallest normal
    expect(float32ToFloat16Bits(65519)).toBe(0x7bff); // below the overflow threshold
  });

  test('float32ToFloat16Bits(v) refuses ±Infinity, NaN and magnitudes beyond 65504', () => {
    expect(() => float32ToFloat16Bits(Infinity)).toThrow(RangeError);
    expect(() => float32ToFloat16Bits(-Infinity)).toThrow(RangeError);
    expect(() => float32ToFloat16Bits(Number.NaN)).toThrow(RangeError);
    expect(() => float32ToFloat16Bits(65520)).toThrow(/float16 range/);
    expect(() => float32ToFloat16Bits(-1e6)).toThrow(/float16 range/);
  });

  test('float16BitsToFloat32(bits) inverts the conversion for every finite half', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const exponent = (bits >>> 10) & 0x1f;
      if (exponent === 31) continue;
      expect(float32ToFloat16Bits(float16BitsToFloat32(bits))).toBe(bits);
    }
    expect(float16BitsToFloat32(0x7c00)).toBe(Infinity);
    expect(float16BitsToFloat32(0xfc00)).toBe(-Infinity);
    expect(float16BitsToFloat32(0x7e00)).toBeNaN();
  });
});

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

  test('decodeWeights() names what is wrong with a bad manifest', () => {
    const { manifest, data } = encodeWeights(sampleWeights().weights, sampleWeights().shapes, 'uint8');
    const broken = (patch: (m: Record<string, unknown> & { tensors: Array<Record<string, unknown>> }) => void) => {
      const m = clone(manifest) as unknown as Record<string, unknown> & { tensors: Array<Record<string, unknown>> };
      patch(m);
      return () => decodeWeights(m as unknown as CheckpointManifest, data);
    };
    expect(broken((m) => (m['format'] = 'tfjs-layers'))).toThrow(/format is "tfjs-layers", expected "vae-book-weights"/);
    expect(broken((m) => (m['version'] = 2))).toThrow(/version 2 is not supported/);
    expect(broken((m) => (m['dtype'] = 'int4'))).toThrow(/dtype "int4"/);
    expect(broken((m) => ((m as Record<string, unknown>)['tensors'] = {}))).toThrow(/"tensors" is not an array/);
    expect(broken((m) => (m.tensors[1]!['name'] = 'enc.w'))).toThrow(/"enc.w" appears twice/);
    expect(broken((m) => (m.tensors[0]!['shape'] = [3, -4]))).toThrow(/"enc.w" has an invalid shape/);
    expect(broken((m) => (m.tensors[0]!['shape'] = [3, 5]))).toThrow(/"enc.w" has 12 bytes, but shape \[3, 5\] in uint8 needs 15/);
    expect(broken((m) => delete m.tensors[0]!['scale'])).toThrow(/lacks a finite min and non-negative scale/);
    expect(broken((m) => (m['file'] = '../secret.bin'))).toThrow(/plain file name/);
    expect(() => validateManifest('[1, 2]')).toThrow(/not a JSON object/);
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

describe('model glue', () => {
  test('readModelWeights(model) copies every variable; writeModelWeights(other, …) makes it equal', async () => {
    const source = tinyModel(1);
    const target = tinyModel(2);
    const { weights, shapes } = await readModelWeights(source);
    expect(shapes).toEqual(new Map([['enc.w', [3, 4]], ['enc.b', [4]]]));
    expect(weights.get('enc.w')).toEqual(await source.namedVariables().get('enc.w')?.data());
    const before = tf.memory().numTensors;
    writeModelWeights(target, decodeWeights(...(Object.values(encodeWeights(weights, shapes, 'float32')) as [CheckpointManifest, Uint8Array])));
    expect(tf.memory().numTensors).toBe(before);
    for (const [name, variable] of target.namedVariables()) {
      expect(await variable.data()).toEqual(await source.namedVariables().get(name)?.data());
    }
    source.dispose();
    target.dispose();
  });

  test('readModelWeights(model) returns copies that later training does not change', async () => {
    const model = tinyModel(3);
    const { weights } = await readModelWeights(model);
    const saved = Float32Array.from(weights.get('enc.b') ?? []);
    model.namedVariables().get('enc.b')?.assign(tf.zeros([4]));
    expect(weights.get('enc.b')).toEqual(saved);
    model.dispose();
  });

  test('writeModelWeights() names every missing, extra and mis-shaped tensor, and changes nothing', async () => {
    const model = tinyModel(4);
    const original = await readModelWeights(model);
    const decoded = new Map([
      ['enc.w', { shape: [4, 3], values: new Float32Array(12) }],
      ['dec.w', { shape: [2], values: new Float32Array(2) }],
    ]);
    expect(() => writeModelWeights(model, decoded)).toThrow(
      'These weights do not fit the tiny model: "enc.w" has shape [4, 3] but the model needs [3, 4]; missing "enc.b" [4]; unexpected "dec.w" (the model has no such variable).',
    );
    expect((await readModelWeights(model)).weights).toEqual(original.weights);
    model.dispose();
  });

  test('checkpointFromModel() and applyCheckpoint() round-trip a model through float16', async () => {
    const source = tinyModel(5);
    const target = tinyModel(6);
    applyCheckpoint(target, await checkpointFromModel(source, 'float16'));
    const a = await readModelWeights(source);
    const b = await readModelWeights(target);
    for (const [name, values] of a.weights) {
      values.forEach((v, i) => expect(Math.abs((b.weights.get(name)?.[i] ?? Number.NaN) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25));
    }
    source.dispose();
    target.dispose();
  });
});

describe('shipped files', () => {
  const { weights, shapes } = sampleWeights();
  const checkpoint = encodeWeights(weights, shapes, 'float16', { model: 'tiny' });

  /** A fake fetch serving `files` by URL and recording what was asked for. */
  function fakeFetch(files: Record<string, string | Uint8Array>) {
    const requested: string[] = [];
    const fetchFn: FetchLike = async (url) => {
      requested.push(url);
      const body = files[url];
      if (body === undefined) return new Response('not found', { status: 404, statusText: 'Not Found' });
      return new Response(typeof body === 'string' ? body : new Blob([body.slice()]));
    };
    return { requested, fetchFn };
  }

  test('dataUrlFor(manifestUrl, manifest) finds the sibling blob of absolute and relative URLs', () => {
    expect(dataUrlFor('https://book.test/models/vae.json', {})).toBe('https://book.test/models/vae.bin');
    expect(dataUrlFor('/models/vae.json?v=3', {})).toBe('/models/vae.bin');
    expect(dataUrlFor('models/vae.json', { file: 'vae-weights.bin' })).toBe('models/vae-weights.bin');
    expect(dataUrlFor('vae.json', {})).toBe('vae.bin');
  });

  test('fetchCheckpoint(url, fetch) downloads the manifest and its sibling blob, and decodes them', async () => {
    const { requested, fetchFn } = fakeFetch({
      '/models/vae.json': JSON.stringify(checkpoint.manifest),
      '/models/vae.bin': checkpoint.data,
    });
    const loaded = await fetchCheckpoint('/models/vae.json', fetchFn);
    expect(requested).toEqual(['/models/vae.json', '/models/vae.bin']);
    expect(loaded.manifest).toEqual(checkpoint.manifest);
    expect(loaded.data).toEqual(checkpoint.data);
  });

  test('fetchCheckpoint() reports HTTP errors, non-JSON manifests and truncated blobs clearly', async () => {
    await expect(fetchCheckpoint('/models/none.json', fakeFetch({}).fetchFn)).rejects.toThrow('Could not download /models/none.json: HTTP 404 Not Found.');
    await expect(fetchCheckpoint('/m.json', fakeFetch({ '/m.json': '<!doctype html>' }).fetchFn)).rejects.toThrow('/m.json is not JSON');
    const truncated = fakeFetch({ '/m.json': JSON.stringify(checkpoint.manifest), '/m.bin': checkpoint.data.subarray(0, 10) });
    await expect(fetchCheckpoint('/m.json', truncated.fetchFn)).rejects.toThrow(/truncated/);
    const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(fetchCheckpoint('/m.json', offline)).rejects.toThrow('Could not download /m.json: Failed to fetch');
  });

  describe('on disk', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'vae-book-checkpoint-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    test('saveCheckpointFiles(dir, name, checkpoint) writes <name>.json naming <name>.bin; loadCheckpointFile reads them back', async () => {
      const { manifestPath, dataPath } = await saveCheckpointFiles(join(dir, 'models'), 'tiny-vae', checkpoint);
      expect(manifestPath).toBe(join(dir, 'models', 'tiny-vae.json'));
      expect(JSON.parse(await readFile(manifestPath, 'utf8'))).toMatchObject({ file: 'tiny-vae.bin', dtype: 'float16' });
      expect(new Uint8Array(await readFile(dataPath))).toEqual(checkpoint.data);
      const loaded = await loadCheckpointFile(manifestPath);
      expect(loaded.manifest).toEqual({ ...checkpoint.manifest, file: 'tiny-vae.bin' });
      expect(decodeWeights(loaded.manifest, loaded.data)).toEqual(decodeWeights(checkpoint.manifest, checkpoint.data));
    });

    test('loadCheckpointFile() fails clearly on a missing or invalid manifest', async () => {
      await expect(loadCheckpointFile(join(dir, 'absent.json'))).rejects.toThrow(/Could not read the weights manifest .*absent\.json/);
      await writeFile(join(dir, 'bad.json'), JSON.stringify({ format: 'vae-book-weights', version: 9 }));
      await expect(loadCheckpointFile(join(dir, 'bad.json'))).rejects.toThrow(/version 9 is not supported/);
      await expect(saveCheckpointFiles(dir, '../escape', checkpoint)).rejects.toThrow(/not a plain file name/);
    });
  });
});

describe('IndexedDB', () => {
  const { weights, shapes } = sampleWeights(9);
  const small: Checkpoint = encodeWeights(weights, shapes, 'float32', { steps: 100, loss: 104.2 });

  test('saveToIndexedDB / loadFromIndexedDB round-trip a checkpoint, with its save date', async () => {
    const idb = new IDBFactory();
    const before = Date.now();
    await saveToIndexedDB('my-vae', small, idb);
    const loaded = await loadFromIndexedDB('my-vae', idb);
    expect(loaded?.manifest).toEqual(small.manifest);
    expect(loaded?.data).toEqual(small.data);
    expect(loaded?.savedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(decodeWeights(loaded?.manifest as CheckpointManifest, loaded?.data as Uint8Array).get('enc.w')?.values).toEqual(weights.get('enc.w'));
  });

  test('loadFromIndexedDB(key) is undefined for a key never saved', async () => {
    expect(await loadFromIndexedDB('nothing', new IDBFactory())).toBeUndefined();
  });

  test('listIndexedDB() lists keys newest first with dates, dtype, size and meta; deleteFromIndexedDB removes one', async () => {
    const idb = new IDBFactory();
    await saveToIndexedDB('first', small, idb);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const half = encodeWeights(weights, shapes, 'float16');
    await saveToIndexedDB('second', half, idb);
    const list = await listIndexedDB(idb);
    expect(list.map(({ key, dtype, bytes, meta }) => ({ key, dtype, bytes, meta }))).toEqual([
      { key: 'second', dtype: 'float16', bytes: half.data.byteLength, meta: undefined },
      { key: 'first', dtype: 'float32', bytes: small.data.byteLength, meta: { steps: 100, loss: 104.2 } },
    ]);
    expect(list[0]?.savedAt).toBeInstanceOf(Date);

    await deleteFromIndexedDB('first', idb);
    await deleteFromIndexedDB('never-saved', idb);
    expect((await listIndexedDB(idb)).map((info) => info.key)).toEqual(['second']);
    expect(await loadFromIndexedDB('first', idb)).toBeUndefined();
  });

  test('saveToIndexedDB() stores only the bytes of a view into a larger buffer, and replaces an earlier save', async () => {
    const idb = new IDBFactory();
    const padded = new Uint8Array(small.data.byteLength + 100);
    padded.set(small.data, 50);
    await saveToIndexedDB('k', { manifest: small.manifest, data: padded.subarray(50, 50 + small.data.byteLength) }, idb);
    expect((await loadFromIndexedDB('k', idb))?.data.buffer.byteLength).toBe(small.data.byteLength);
    const other = encodeWeights(sampleWeights(10).weights, shapes, 'uint8');
    await saveToIndexedDB('k', other, idb);
    expect((await loadFromIndexedDB('k', idb))?.manifest.dtype).toBe('uint8');
    expect(await listIndexedDB(idb)).toHaveLength(1);
  });

  test('the IndexedDB functions say clearly when IndexedDB is missing or unusable', async () => {
    // Node has no global indexedDB: the default factory is absent, as in some private modes.
    await expect(listIndexedDB()).rejects.toThrow(/does not offer IndexedDB \(private browsing may disable it\)/);
    const refusing = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as globalThis.IDBFactory;
    await expect(saveToIndexedDB('k', small, refusing)).rejects.toThrow(/Could not save the weights "k": IndexedDB is unavailable \(SecurityError/);
    await expect(saveToIndexedDB('', small, new IDBFactory())).rejects.toThrow(/non-empty string key/);
    await expect(saveToIndexedDB('k', { manifest: { ...small.manifest, version: 3 } as unknown as CheckpointManifest, data: small.data }, new IDBFactory())).rejects.toThrow(
      /version 3 is not supported/,
    );
  });
});
