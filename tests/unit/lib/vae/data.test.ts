import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { BROWSER_DEFAULT, batchIndices, batchesPerEpoch, epochBatches, httpSource, imageAt, loadMnist, shuffledIndices } from '../../../../src/lib/vae/data.ts';
import { makeBatch } from '../../../../src/lib/vae/batch.ts';
import type { ByteSource, LoadProgress, MnistData, MnistManifest, MnistSplit } from '../../../../src/lib/vae/data.ts';
import { defaultAssetDir, fsSource, loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { parseIdxImages, parseIdxLabels } from '../../../../scripts/prepare-data.ts';

const assetDir = defaultAssetDir();

/** Wraps a source and records which files it served and how many stored bytes. */
function countingSource(inner: ByteSource): { source: ByteSource; files: string[]; bytes: () => number } {
  const files: string[] = [];
  let bytes = 0;
  const source: ByteSource = async (file, onBytes) => {
    files.push(file);
    const data = await inner(file, onBytes);
    bytes += data.byteLength;
    return data;
  };
  return { source, files, bytes: () => bytes };
}

/** A fetch that serves the asset folder from disk, each body in chunks of `chunk` bytes. */
function diskFetch(chunk: number, requested: string[] = []): typeof fetch {
  return async (input) => {
    const url = String(input);
    requested.push(url);
    const name = url.slice(url.lastIndexOf('/') + 1);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(join(assetDir, name)));
    } catch {
      return new Response('not found', { status: 404, statusText: 'Not Found' });
    }
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.byteLength; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
        controller.close();
      },
    });
    return new Response(body);
  };
}

function histogram(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? Number.NaN;
  return sum / values.length;
}

/** Byte equality without Vitest's element-wise diffing (fast on megabyte arrays). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

function isPermutation(order: Uint32Array): boolean {
  const sorted = Array.from(order).sort((a, b) => a - b);
  return sorted.every((value, i) => value === i);
}

let full: MnistData;
let manifest: MnistManifest;

beforeAll(async () => {
  await useNodeBackend();
  full = await loadMnistNode();
  manifest = JSON.parse(readFileSync(join(assetDir, 'manifest.json'), 'utf8')) as MnistManifest;
});

describe('loadMnist', () => {
  it('loadMnistNode() returns the official 60,000/10,000 split with 784 bytes per image', () => {
    expect(full.train.count).toBe(60_000);
    expect(full.test.count).toBe(10_000);
    expect(full.train.images.length).toBe(60_000 * 784);
    expect(full.test.images.length).toBe(10_000 * 784);
    expect(full.train.labels.length).toBe(60_000);
    expect(full.test.labels.length).toBe(10_000);
  });

  it('loadMnistNode() returns the known labels: first train 5, first test 7, official digit counts', () => {
    expect(Array.from(full.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(full.test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    expect(histogram(full.train.labels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(histogram(full.test.labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('loadMnistNode() returns grey levels 0–255 with the known MNIST means (≈ 33.3 train, ≈ 33.8 test)', () => {
    expect(Math.max(...full.train.images.subarray(0, 784 * 100))).toBe(255);
    expect(full.train.images[0]).toBe(0); // top-left corner is background
    expect(mean(full.train.images)).toBeCloseTo(0.1307 * 255, 1);
    expect(mean(full.test.images)).toBeCloseTo(0.1325 * 255, 1);
    expect(imageAt(full.train, 1)).toEqual(full.train.images.subarray(784, 1568));
  });

  it('loadMnist(source, counts) fetches only the first shards it needs and trims to exactly the counts', async () => {
    const counting = countingSource(fsSource());
    const data = await loadMnist(counting.source, { trainCount: 7_000, testCount: 100 });
    expect(counting.files.sort()).toEqual([
      'manifest.json',
      'test-images-00.u8.gz',
      'test-labels.u8.gz',
      'train-images-00.u8.gz',
      'train-images-01.u8.gz',
      'train-labels.u8.gz',
    ]);
    expect(data.train.count).toBe(7_000);
    expect(data.test.count).toBe(100);
    expect(sameBytes(data.train.images, full.train.images.subarray(0, 7_000 * 784))).toBe(true);
    expect(sameBytes(data.train.labels, full.train.labels.subarray(0, 7_000))).toBe(true);
    expect(sameBytes(data.test.images, full.test.images.subarray(0, 100 * 784))).toBe(true);
  });

  it('loadMnist(source, BROWSER_DEFAULT) transfers at most 3,000,000 bytes, reporting progress monotonically to totalBytes', async () => {
    const counting = countingSource(fsSource());
    const events: LoadProgress[] = [];
    const data = await loadMnist(counting.source, { ...BROWSER_DEFAULT, onProgress: (p) => events.push({ ...p }) });
    expect(data.train.count).toBe(BROWSER_DEFAULT.trainCount);
    expect(data.test.count).toBe(BROWSER_DEFAULT.testCount);
    expect(counting.bytes()).toBeLessThanOrEqual(3_000_000);
    const total = events[0]?.totalBytes;
    expect(total).toBe(counting.bytes());
    expect(events.every((e) => e.totalBytes === total)).toBe(true);
    expect(events.every((e, i) => i === 0 || e.loadedBytes >= (events[i - 1]?.loadedBytes ?? 0))).toBe(true);
    expect(events.at(-1)?.loadedBytes).toBe(total);
  });

  it('loadMnist(httpSource(url)) streams: progress arrives within files and covers the full set', async () => {
    const requested: string[] = [];
    const events: LoadProgress[] = [];
    const data = await loadMnist(httpSource('https://book.test/data/mnist', diskFetch(64 * 1024, requested)), {
      onProgress: (p) => events.push({ ...p }),
    });
    expect(sameBytes(data.train.labels, full.train.labels)).toBe(true);
    expect(sameBytes(data.test.images, full.test.images)).toBe(true);
    expect(requested).toContain('https://book.test/data/mnist/manifest.json');
    const fileCount = manifest.splits.train.shards.length + manifest.splits.test.shards.length + 2;
    expect(events.length).toBeGreaterThan(4 * fileCount); // ~0.8 MB shards in 64 kB chunks
    expect(events.at(-1)?.loadedBytes).toBe(events.at(-1)?.totalBytes);
    expect(events.at(-1)?.totalBytes).toBe(manifest.dataBytes + readFileSync(join(assetDir, 'manifest.json')).byteLength);
  });

  it('loadMnist(source) accepts files that the server already un-gzipped (Content-Encoding: gzip)', async () => {
    const decoded: ByteSource = async (file) => {
      const bytes = readFileSync(join(assetDir, file));
      return new Uint8Array(file.endsWith('.gz') ? gunzipSync(bytes) : bytes);
    };
    const data = await loadMnist(decoded, { trainCount: 5_000, testCount: 5_000 });
    expect(sameBytes(data.train.images, full.train.images.subarray(0, 5_000 * 784))).toBe(true);
  });

  it('loadMnist(source) without prepared assets fails with a message saying to run npm run prepare-data', async () => {
    await expect(loadMnist(fsSource('/nonexistent/mnist'))).rejects.toThrow(/manifest\.json.*npm run prepare-data/s);
  });

  it('loadMnist(source) rejects a truncated file, another format version and out-of-range counts', async () => {
    const truncated: ByteSource = async (file) => {
      const bytes = await fsSource()(file);
      return file === 'train-images-00.u8.gz' ? bytes.subarray(0, 1000) : bytes;
    };
    await expect(loadMnist(truncated, { trainCount: 10, testCount: 10 })).rejects.toThrow(/train-images-00.*1000 bytes/);

    const oldVersion: ByteSource = async (file) => new TextEncoder().encode(JSON.stringify({ ...manifest, version: 0 }) + file.slice(0, 0));
    await expect(loadMnist(oldVersion)).rejects.toThrow(/v0.*npm run prepare-data/);

    await expect(loadMnist(fsSource(), { trainCount: 0 })).rejects.toThrow(RangeError);
    await expect(loadMnist(fsSource(), { testCount: 10_001 })).rejects.toThrow(/testCount/);
    await expect(loadMnist(fsSource(), { trainCount: 2.5 })).rejects.toThrow(RangeError);
  });
});

describe('httpSource', () => {
  it('httpSource(baseUrl, fetch) joins the URL, returns the bytes and reports cumulative bytes per chunk', async () => {
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];
    const urls: string[] = [];
    const fetchFn: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        }),
      );
    };
    const seen: number[] = [];
    const bytes = await httpSource('/base/data/mnist/', fetchFn)('file.bin', (n) => seen.push(n));
    expect(Array.from(bytes)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen).toEqual([3, 5, 6]);
    expect(urls).toEqual(['/base/data/mnist/file.bin']);
  });

  it('httpSource(baseUrl, fetch) throws on HTTP 404 with the status and the URL in the message', async () => {
    const fetchFn: typeof fetch = async () => new Response('nope', { status: 404, statusText: 'Not Found' });
    await expect(httpSource('https://book.test/data/mnist', fetchFn)('manifest.json')).rejects.toThrow(
      'HTTP 404 Not Found for https://book.test/data/mnist/manifest.json',
    );
  });

  it('httpSource(baseUrl, fetch) names the URL when the request itself fails', async () => {
    const fetchFn: typeof fetch = async () => {
      throw new TypeError('network down');
    };
    await expect(httpSource('https://book.test/x/', fetchFn)('a.gz')).rejects.toThrow('Could not fetch https://book.test/x/a.gz: network down');
  });
});

describe('shuffling and batching', () => {
  it('shuffledIndices(count, seed) is a permutation, the same for a seed and different across seeds', () => {
    const a = shuffledIndices(1000, 7);
    expect(a).toHaveLength(1000);
    expect(isPermutation(a)).toBe(true);
    expect(shuffledIndices(1000, 7)).toEqual(a);
    expect(shuffledIndices(1000, 8)).not.toEqual(a);
    expect(Array.from(a.subarray(0, 20))).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(shuffledIndices(0, 1)).toHaveLength(0);
  });

  it('shuffledIndices(3, seed) draws all six orders about equally often over 6,000 seeds', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 6000; seed++) {
      const key = shuffledIndices(3, seed).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('epochBatches(count, batchSize, seed, epoch) yields floor(count/batchSize) full batches of distinct indices', () => {
    const batches = [...epochBatches(1000, 128, 3, 0)];
    expect(batches).toHaveLength(7);
    expect(batchesPerEpoch(1000, 128)).toBe(7);
    expect(batches.every((b) => b.length === 128)).toBe(true);
    const seen = new Set(batches.flatMap((b) => Array.from(b)));
    expect(seen.size).toBe(7 * 128);
    expect([...seen].every((i) => i >= 0 && i < 1000)).toBe(true);
  });

  it('batchIndices(count, batchSize, seed) reshuffles each epoch deterministically from (seed, epoch)', () => {
    const take = (n: number, seed: number): Uint32Array[] => {
      const out: Uint32Array[] = [];
      for (const batch of batchIndices(100, 30, seed)) {
        out.push(batch);
        if (out.length === n) break;
      }
      return out;
    };
    const run = take(9, 5); // three epochs of three batches (10 indices dropped each epoch)
    expect(take(9, 5)).toEqual(run);
    expect(take(9, 6)).not.toEqual(run);
    expect(run.slice(0, 3)).toEqual([...epochBatches(100, 30, 5, 0)]);
    expect(run.slice(3, 6)).toEqual([...epochBatches(100, 30, 5, 1)]);
    expect(run.slice(3, 6)).not.toEqual(run.slice(0, 3));
    for (let epoch = 0; epoch < 3; epoch++) {
      const indices = run.slice(epoch * 3, epoch * 3 + 3).flatMap((b) => Array.from(b));
      expect(new Set(indices).size).toBe(90);
    }
    expect(() => batchIndices(10, 11, 0).next()).toThrow(RangeError);
    expect(() => batchIndices(10, 0, 0).next()).toThrow(RangeError);
  });
});

describe('makeBatch', () => {
  const indices = [0, 1, 2, 59_999];
  let train: MnistSplit;
  beforeAll(() => {
    train = full.train;
  });

  it('makeBatch(split, indices) returns x [n, 784] = grey/255 and one-hot y [n, 10], and allocates only those two tensors', () => {
    const before = tf.memory().numTensors;
    const { x, y } = makeBatch(train, indices);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(x.shape).toEqual([4, 784]);
    expect(y.shape).toEqual([4, 10]);
    expect(x.dtype).toBe('float32');
    const xs = x.dataSync();
    const ys = y.dataSync();
    x.dispose();
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    indices.forEach((index, row) => {
      const grey = imageAt(train, index);
      for (let p = 0; p < 784; p++) expect(xs[row * 784 + p]).toBeCloseTo((grey[p] ?? 0) / 255, 6);
      const oneHot = Array.from(ys.subarray(row * 10, row * 10 + 10));
      expect(oneHot).toEqual(Array.from({ length: 10 }, (_, k) => (k === train.labels[index] ? 1 : 0)));
    });
  });

  it("makeBatch(split, indices, { binarize: 'threshold' }) gives 1 exactly where grey/255 > 0.5", () => {
    const { x, y } = makeBatch(train, indices, { binarize: 'threshold' });
    const xs = x.dataSync();
    tf.dispose([x, y]);
    indices.forEach((index, row) => {
      const grey = imageAt(train, index);
      for (let p = 0; p < 784; p++) expect(xs[row * 784 + p]).toBe((grey[p] ?? 0) > 127.5 ? 1 : 0);
    });
  });

  it("makeBatch(split, indices, { binarize: 'sample', seed }) draws Bernoulli(grey/255), reproducibly per seed", () => {
    const many = Array.from(shuffledIndices(60_000, 1).subarray(0, 1000));
    const sample = (seed: number): Float32Array => {
      const { x, y } = makeBatch(train, many, { binarize: 'sample', seed });
      const xs = x.dataSync() as Float32Array;
      tf.dispose([x, y]);
      return xs;
    };
    const a = sample(11);
    expect(a.every((v) => v === 0 || v === 1)).toBe(true);
    const greyMean = mean(many.map((i) => mean(imageAt(train, i)))) / 255;
    expect(Math.abs(mean(a) - greyMean)).toBeLessThan(0.003);
    const bytes = (xs: Float32Array): Uint8Array => new Uint8Array(xs.buffer, xs.byteOffset, xs.byteLength);
    expect(sameBytes(bytes(sample(11)), bytes(a))).toBe(true);
    expect(sameBytes(bytes(sample(12)), bytes(a))).toBe(false);
    // Background (0) never turns on and full ink (255) never turns off.
    let wrong = 0;
    many.forEach((index, row) => {
      const grey = imageAt(train, index);
      for (let p = 0; p < 784; p++) {
        const v = a[row * 784 + p];
        if ((grey[p] === 0 && v !== 0) || (grey[p] === 255 && v !== 1)) wrong++;
      }
    });
    expect(wrong).toBe(0);
  });

  it('makeBatch(split, indices, options) rejects sampling without a seed and out-of-range indices', () => {
    const before = tf.memory().numTensors;
    expect(() => makeBatch(train, [0], { binarize: 'sample' })).toThrow(/seed/);
    expect(() => makeBatch(train, [60_000])).toThrow(RangeError);
    expect(() => makeBatch(train, [-1])).toThrow(RangeError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('prepare-data IDX parsing', () => {
  /** An IDX header: magic number then big-endian uint32 dimensions, followed by `payload` bytes. */
  function idx(magic: number, dims: number[], payload: number): Uint8Array {
    const bytes = new Uint8Array(4 + 4 * dims.length + payload);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, magic);
    dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
    return bytes;
  }

  it('parseIdxImages(bytes, count) returns the pixels and rejects a wrong magic number, shape or length', () => {
    expect(parseIdxImages(idx(0x803, [2, 28, 28], 2 * 784), 2, 'ok')).toHaveLength(2 * 784);
    expect(() => parseIdxImages(idx(0x801, [2, 28, 28], 2 * 784), 2, 'f')).toThrow(/magic/);
    expect(() => parseIdxImages(idx(0x803, [2, 28, 27], 2 * 756), 2, 'f')).toThrow(/28×28/);
    expect(() => parseIdxImages(idx(0x803, [3, 28, 28], 3 * 784), 2, 'f')).toThrow(/expected 2/);
    expect(() => parseIdxImages(idx(0x803, [2, 28, 28], 784), 2, 'f')).toThrow(/bytes/);
  });

  it('parseIdxLabels(bytes, count) returns the labels and rejects a wrong magic number, count or a label > 9', () => {
    const ok = idx(0x801, [3], 3);
    ok.set([5, 0, 9], 8);
    expect(Array.from(parseIdxLabels(ok, 3, 'ok'))).toEqual([5, 0, 9]);
    expect(() => parseIdxLabels(idx(0x803, [3], 3), 3, 'f')).toThrow(/magic/);
    expect(() => parseIdxLabels(idx(0x801, [4], 4), 3, 'f')).toThrow(/expected 3/);
    const bad = idx(0x801, [1], 1);
    bad[8] = 10;
    expect(() => parseIdxLabels(bad, 1, 'f')).toThrow(/outside 0–9/);
  });
});
