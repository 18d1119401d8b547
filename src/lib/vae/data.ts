/**
 * MNIST for the book, in Node and in the browser: loading the prepared assets, seeded shuffling,
 * batch values, and optional binarisation. Free of TensorFlow.js (the page's main thread loads
 * MNIST with it; `batch.ts` turns a batch into tensors).
 *
 * The assets are produced by `scripts/prepare-data.ts` (run by `npm run prepare-data`, and
 * automatically before dev, build and unit tests) into `public/data/mnist/`, which the site
 * serves at `<base>data/mnist/` ({@link MNIST_ASSET_DIR}). They are gzip-compressed uint8 grey
 * levels cut into shards of 5,000 images, plus one label file per split and a `manifest.json`
 * that lists every file with its compressed size. So a page can load a subset (the first shards
 * only, {@link BROWSER_DEFAULT}: ≈ 2.4 MB) and report progress against a total known up front;
 * the full set (≈ 11.2 MB, the manifest's `dataBytes` plus the manifest) loads on request.
 *
 * Where the bytes come from is injected as a {@link ByteSource}: {@link httpSource} in the
 * browser, `fsSource` from `./data-node` in Node. Nothing here touches the DOM or `node:` APIs.
 */
import { AssetError } from './asset-error.ts';
import { mulberry32 } from '../math/random.ts';
import { IMAGE_SIZE, NUM_CLASSES } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Asset format (written by scripts/prepare-data.ts, which imports these types)

/** Path of the assets below the site's base URL, and below `public/` on disk. */
export const MNIST_ASSET_DIR = 'data/mnist/';
/** The manifest format this loader understands; prepare-data writes the same number. */
export const MNIST_FORMAT_VERSION = 1;

/** One stored file: its name in the asset folder, its size as stored (gzip) and unpacked. */
export interface ManifestFile {
  readonly file: string;
  readonly bytes: number;
  readonly rawBytes: number;
}

/** A shard of images `start … start + count − 1` of its split (rawBytes = count · 784). */
export interface ManifestShard extends ManifestFile {
  readonly start: number;
  readonly count: number;
}

export interface ManifestSplit {
  readonly count: number;
  /** One uint8 label 0–9 per image of the split (rawBytes = count). */
  readonly labels: ManifestFile;
  /** In image order, contiguous, covering 0 … count − 1. */
  readonly shards: readonly ManifestShard[];
}

/** `public/data/mnist/manifest.json`. */
export interface MnistManifest {
  readonly format: 'vae-book/mnist';
  readonly version: number;
  readonly rows: number;
  readonly cols: number;
  /** Images per shard (the last shard of a split may hold fewer). */
  readonly shardSize: number;
  /** Sizes of the IDX source files, so prepare-data can tell whether its output is current. */
  readonly source: { readonly package: string; readonly files: Readonly<Record<string, number>> };
  readonly splits: { readonly train: ManifestSplit; readonly test: ManifestSplit };
  /** Stored bytes of every label and shard file (the full set, without the manifest itself). */
  readonly dataBytes: number;
}

// ---------------------------------------------------------------------------------------------
// Data

/** One split of MNIST, `count` images in the official order (or its first `count` images). */
export interface MnistSplit {
  /** [count · 784] grey levels 0–255, row-major 28 × 28 per image, 0 = background. */
  readonly images: Uint8Array;
  /** [count] digits 0–9. */
  readonly labels: Uint8Array;
  readonly count: number;
}

/** The official split: 60,000 training and 10,000 test images (or a prefix of each). */
export interface MnistData {
  readonly train: MnistSplit;
  readonly test: MnistSplit;
}

/** Image `index` of a split as a view (no copy) of its 784 grey levels. */
export function imageAt(split: MnistSplit, index: number): Uint8Array {
  checkIndex(index, split.count);
  return split.images.subarray(index * IMAGE_SIZE, (index + 1) * IMAGE_SIZE);
}

// ---------------------------------------------------------------------------------------------
// Byte sources

/**
 * Fetches one asset file by name (e.g. `manifest.json`) and resolves to its bytes exactly as
 * stored. `onBytes`, when given, is called with the number of bytes received so far for this
 * file (cumulative, non-decreasing) as they arrive, so the loader can show progress.
 */
export type ByteSource = (file: string, onBytes?: (bytes: number) => void) => Promise<Uint8Array>;

/**
 * A {@link ByteSource} over HTTP: `<baseUrl>/<file>`, read as a stream so that progress is
 * reported chunk by chunk. In a page, pass the site's base joined with {@link MNIST_ASSET_DIR},
 * e.g. `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${MNIST_ASSET_DIR}` (Astro's BASE_URL
 * lacks the trailing slash when a base path is configured without one).
 *
 * Throws an Error naming the HTTP status and the URL when the response is not OK.
 * `fetchFn` is injectable for tests; the default calls the global `fetch`.
 */
export function httpSource(baseUrl: string, fetchFn: typeof fetch = (input, init) => fetch(input, init)): ByteSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return async (file, onBytes) => {
    const url = `${base}${file}`;
    let response: Response;
    try {
      response = await fetchFn(url);
    } catch (error) {
      throw new Error(`Could not fetch ${url}: ${errorMessage(error)}`, { cause: error });
    }
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${url}`);
    }
    if (!response.body) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      onBytes?.(bytes.byteLength);
      return bytes;
    }
    return readAll(response.body, onBytes);
  };
}

/** Reads a byte stream to the end, reporting the cumulative byte count after each chunk. */
async function readAll(body: ReadableStream<Uint8Array>, onBytes?: (bytes: number) => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onBytes?.(received);
  }
  return concat(chunks, received);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Loading

export interface LoadProgress {
  /** Stored bytes received so far (non-decreasing, ≤ totalBytes). */
  loadedBytes: number;
  /** Stored bytes of everything this load fetches: manifest + label files + needed shards. */
  totalBytes: number;
}

export interface LoadOptions {
  /** How many training images, from the start of the official order; default 'all'. */
  trainCount?: number | 'all';
  /** How many test images, from the start of the official order; default 'all'. */
  testCount?: number | 'all';
  /** Called after the manifest arrives and then as bytes arrive; ends at totalBytes. */
  onProgress?: (p: LoadProgress) => void;
}

/**
 * The subset a page loads unless the reader asks for the full set: the first 10,000 training and
 * the first 5,000 test images (two and one shards). With the current assets that is 2,424,833
 * bytes transferred (manifest 3.1 kB + both label files 32 kB + three shards 2.39 MB), under the
 * book's 3 MB budget before the first training step (a third training shard would exceed it); a
 * unit test measures it against the real files.
 * The digits are roughly balanced in any prefix of MNIST, so a prefix is a fair subset.
 */
export const BROWSER_DEFAULT = { trainCount: 10_000, testCount: 5_000 } as const satisfies LoadOptions;

/**
 * Loads MNIST from prepared assets: first `manifest.json`, then, in parallel, each split's label
 * file and the first shards that cover the requested counts. A count is trimmed, not rounded: the
 * result holds exactly `count` images, although whole shards are transferred (so counts that are
 * multiples of the shard size, 5,000, waste nothing). Defaults to the full set; browsers should
 * pass {@link BROWSER_DEFAULT}.
 *
 * Gzip is undone with `DecompressionStream` (which also checks gzip's CRC). A file whose size
 * equals its unpacked size is taken as already unpacked, because some servers label `.gz` files
 * `Content-Encoding: gzip` and the browser then decompresses them itself. Every size is checked
 * against the manifest.
 *
 * Throws if a file is missing (the message says to run `npm run prepare-data`), if the manifest
 * is of another format version, or if a count is not an integer in 1 … split size.
 */
export async function loadMnist(source: ByteSource, options: LoadOptions = {}): Promise<MnistData> {
  const manifestBytes = await fetchAsset(source, 'manifest.json');
  const manifest = parseManifest(manifestBytes);
  const plans = [
    planSplit(manifest.splits.train, options.trainCount ?? 'all', 'trainCount'),
    planSplit(manifest.splits.test, options.testCount ?? 'all', 'testCount'),
  ] as const;
  const files = plans.flatMap((plan) => [plan.split.labels, ...plan.shards]);
  const progress = progressTracker(manifestBytes.byteLength, files, options.onProgress);

  const unpacked = await Promise.all(
    files.map(async (file, i) => {
      const stored = await fetchAsset(source, file.file, (bytes) => progress.update(i, bytes));
      progress.update(i, file.bytes);
      return unpack(stored, file);
    }),
  );
  progress.finish();

  let next = 0;
  const [train, test] = plans.map((plan) => {
    const labels = unpacked[next++];
    const shards = plan.shards.map(() => unpacked[next++]);
    return assembleSplit(plan.count, labels, shards);
  });
  if (!train || !test) throw new Error('loadMnist: internal error, a split is missing');
  return { train, test };
}

interface SplitPlan {
  readonly split: ManifestSplit;
  readonly count: number;
  readonly shards: readonly ManifestShard[];
}

/** Which shards hold images 0 … count − 1. */
function planSplit(split: ManifestSplit, requested: number | 'all', name: string): SplitPlan {
  const count = requested === 'all' ? split.count : requested;
  if (!Number.isInteger(count) || count < 1 || count > split.count) {
    throw new RangeError(`loadMnist: ${name} must be 'all' or an integer in 1…${split.count}, got ${requested}`);
  }
  return { split, count, shards: split.shards.filter((shard) => shard.start < count) };
}

/** Sums per-file byte counts (each clamped to its stored size) into monotone progress events. */
function progressTracker(
  manifestBytes: number,
  files: readonly ManifestFile[],
  onProgress: ((p: LoadProgress) => void) | undefined,
): { update(file: number, bytes: number): void; finish(): void } {
  const totalBytes = manifestBytes + files.reduce((sum, file) => sum + file.bytes, 0);
  const received = files.map(() => 0);
  let loadedBytes = manifestBytes;
  onProgress?.({ loadedBytes, totalBytes });
  return {
    update(file, bytes) {
      const size = files[file]?.bytes ?? 0;
      const clamped = Math.min(Math.max(bytes, received[file] ?? 0), size);
      const gain = clamped - (received[file] ?? 0);
      if (gain <= 0) return;
      received[file] = clamped;
      loadedBytes += gain;
      onProgress?.({ loadedBytes, totalBytes });
    },
    finish() {
      if (loadedBytes !== totalBytes) onProgress?.({ loadedBytes: totalBytes, totalBytes });
    },
  };
}

/** source(file), with an error that names the file and says how to create the assets. */
async function fetchAsset(source: ByteSource, file: string, onBytes?: (bytes: number) => void): Promise<Uint8Array> {
  try {
    return await source(file, onBytes);
  } catch (error) {
    throw new AssetError(
      'mnist',
      `MNIST asset ${file} could not be loaded (${errorMessage(error)}). ` +
        'The assets are build output: run `npm run prepare-data` to create public/data/mnist/.',
      { cause: error },
    );
  }
}

function parseManifest(bytes: Uint8Array): MnistManifest {
  let manifest: MnistManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as MnistManifest;
  } catch (error) {
    throw new AssetError('mnist', `MNIST manifest.json is not valid JSON (${errorMessage(error)}); run \`npm run prepare-data\`.`, {
      cause: error,
    });
  }
  if (manifest.format !== 'vae-book/mnist' || manifest.version !== MNIST_FORMAT_VERSION) {
    throw new AssetError(
      'mnist',
      `MNIST manifest.json has format ${String(manifest.format)} v${String(manifest.version)}, this loader reads ` +
        `vae-book/mnist v${MNIST_FORMAT_VERSION}; run \`npm run prepare-data\` to rebuild the assets.`,
    );
  }
  if (manifest.rows * manifest.cols !== IMAGE_SIZE) {
    throw new AssetError('mnist', `MNIST manifest.json describes ${manifest.rows}×${manifest.cols} images, expected 28×28.`);
  }
  return manifest;
}

/** Stored bytes → unpacked bytes of the size the manifest promises. */
async function unpack(stored: Uint8Array, file: ManifestFile): Promise<Uint8Array> {
  let raw: Uint8Array;
  if (stored.byteLength === file.bytes) raw = await gunzip(stored);
  else if (stored.byteLength === file.rawBytes)
    raw = stored; // the server already decoded it
  else {
    throw new AssetError(
      'mnist',
      `MNIST asset ${file.file} has ${stored.byteLength} bytes, the manifest says ${file.bytes} ` +
        `(or ${file.rawBytes} unpacked); run \`npm run prepare-data\`.`,
    );
  }
  if (raw.byteLength !== file.rawBytes) {
    throw new AssetError('mnist', `MNIST asset ${file.file} unpacks to ${raw.byteLength} bytes, the manifest says ${file.rawBytes}.`);
  }
  return raw;
}

/** Gunzips with the platform's DecompressionStream (Node ≥ 18 and every current browser). */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Copy into a fresh ArrayBuffer: the stream may take ownership, and the type wants ArrayBuffer.
  const written = writer.write(new Uint8Array(bytes)).then(() => writer.close());
  const [, out] = await Promise.all([written, new Response(stream.readable).arrayBuffer()]);
  return new Uint8Array(out);
}

/** The first `count` images and labels of a split, copied out of the unpacked files. */
function assembleSplit(count: number, labels: Uint8Array | undefined, shards: readonly (Uint8Array | undefined)[]): MnistSplit {
  if (!labels) throw new Error('loadMnist: internal error, labels missing');
  const images = new Uint8Array(count * IMAGE_SIZE);
  let offset = 0;
  for (const shard of shards) {
    if (!shard) throw new Error('loadMnist: internal error, shard missing');
    const take = Math.min(shard.byteLength, images.byteLength - offset);
    images.set(shard.subarray(0, take), offset);
    offset += take;
  }
  if (offset !== images.byteLength) throw new Error(`loadMnist: shards hold fewer than ${count} images`);
  const ownLabels = labels.slice(0, count);
  const bad = ownLabels.findIndex((label) => label >= NUM_CLASSES);
  if (bad >= 0) throw new Error(`loadMnist: label ${bad} is ${ownLabels[bad]}, outside 0–9`);
  return { images, labels: ownLabels, count };
}

// ---------------------------------------------------------------------------------------------
// Shuffling and batching

/**
 * A uniformly random permutation of 0 … count − 1 (Fisher–Yates driven by mulberry32), the same
 * for the same seed. [count]
 */
export function shuffledIndices(count: number, seed: number): Uint32Array {
  if (!Number.isInteger(count) || count < 0 || count > 0xffffffff) {
    throw new RangeError(`shuffledIndices: count must be a non-negative integer, got ${count}`);
  }
  const rng = mulberry32(seed);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = tmp;
  }
  return order;
}

/**
 * The shuffling seed of epoch `epoch` of a run seeded with `seed`: a 32-bit hash of both
 * (murmur3's finaliser), so that consecutive epochs and consecutive run seeds give unrelated
 * orders rather than overlapping mulberry32 streams.
 */
export function epochSeed(seed: number, epoch: number): number {
  let h = ((seed >>> 0) ^ Math.imul((epoch >>> 0) + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Full batches per epoch: floor(count / batchSize) (the partial remainder is dropped). */
export function batchesPerEpoch(count: number, batchSize: number): number {
  checkBatchArgs(count, batchSize);
  return Math.floor(count / batchSize);
}

/**
 * The batches of one epoch: a fresh permutation seeded by {@link epochSeed}(seed, epoch), cut
 * into floor(count / batchSize) batches of exactly `batchSize` indices. The last count mod
 * batchSize indices of the permutation are dropped, so every batch has the same shape (one
 * compiled kernel shape, one comparable loss scale); a different subset is dropped each epoch.
 * Each yielded array is a view into that epoch's permutation. [batchSize] each
 */
export function* epochBatches(count: number, batchSize: number, seed: number, epoch: number): Generator<Uint32Array, void> {
  const batches = batchesPerEpoch(count, batchSize);
  const order = shuffledIndices(count, epochSeed(seed, epoch));
  for (let b = 0; b < batches; b++) yield order.subarray(b * batchSize, (b + 1) * batchSize);
}

/**
 * An endless stream of training batches: the batches of epoch `firstEpoch`, then of the next
 * epoch, and so on (see {@link epochBatches}). Within an epoch no index repeats; each epoch is
 * reshuffled deterministically from (seed, epoch). The caller takes as many as it needs; the
 * epoch of the k-th batch (from 0) is firstEpoch + floor(k / {@link batchesPerEpoch}).
 * Throws a RangeError if batchSize is not an integer in 1 … count.
 */
export function* batchIndices(count: number, batchSize: number, seed: number, firstEpoch = 0): Generator<Uint32Array, never> {
  checkBatchArgs(count, batchSize);
  for (let epoch = firstEpoch; ; epoch++) yield* epochBatches(count, batchSize, seed, epoch);
}

function checkBatchArgs(count: number, batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1 || !Number.isInteger(count) || batchSize > count) {
    throw new RangeError(`batch size must be an integer in 1…count (${count}), got ${batchSize}`);
  }
}

export interface BatchOptions {
  /**
   * 'none' (default): grey levels / 255. 'threshold': 1 where the grey level / 255 > 0.5, else 0
   * (fixed binarisation). 'sample': 1 with probability grey / 255, drawn afresh from `seed`
   * (dynamic binarisation, the usual protocol for binarised-MNIST likelihoods).
   */
  binarize?: 'none' | 'threshold' | 'sample';
  /** Required with binarize 'sample' (derive it from the step, so each batch gets new noise). */
  seed?: number;
}

/**
 * The values of one batch from the images and labels at `indices` of `split`, filled in typed
 * arrays (`makeBatch` in `batch.ts` uploads them as tensors).
 *
 * @returns x [indices.length · 784] in [0, 1]; y [indices.length · 10] one-hot.
 */
export function batchValues(split: MnistSplit, indices: ArrayLike<number>, options: BatchOptions = {}): { x: Float32Array; y: Float32Array } {
  const mode = options.binarize ?? 'none';
  if (mode === 'sample' && options.seed === undefined) {
    throw new Error("makeBatch: binarize 'sample' needs a seed (e.g. derived from the training step)");
  }
  const rng = mulberry32(options.seed ?? 0);
  const n = indices.length;
  const x = new Float32Array(n * IMAGE_SIZE);
  const y = new Float32Array(n * NUM_CLASSES);
  for (let row = 0; row < n; row++) {
    const index = indices[row] ?? Number.NaN;
    checkIndex(index, split.count);
    const src = index * IMAGE_SIZE;
    const dst = row * IMAGE_SIZE;
    for (let p = 0; p < IMAGE_SIZE; p++) {
      const grey = (split.images[src + p] ?? 0) / 255;
      x[dst + p] = mode === 'none' ? grey : mode === 'threshold' ? Number(grey > 0.5) : Number(rng() < grey);
    }
    y[row * NUM_CLASSES + (split.labels[index] ?? 0)] = 1;
  }
  return { x, y };
}

/** The grey levels of a split's images `indices` in [0, 1] (byte / 255, as `makeBatch` scales them), image after image. */
export function imagesOf(split: MnistSplit, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * IMAGE_SIZE);
  for (let row = 0; row < indices.length; row++) {
    const image = imageAt(split, indices[row] ?? Number.NaN);
    for (let p = 0; p < IMAGE_SIZE; p++) out[row * IMAGE_SIZE + p] = (image[p] ?? 0) / 255;
  }
  return out;
}

function checkIndex(index: number, count: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`index ${index} is outside 0…${count - 1}`);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
