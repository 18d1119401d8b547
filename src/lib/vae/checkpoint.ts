/**
 * Model weights as files and as saved browser data.
 *
 * Format: a JSON manifest (names, shapes, byte ranges, quantisation parameters) plus one binary
 * blob with every tensor's values one after another, each starting at a multiple of 4 bytes,
 * little-endian. Three encodings trade size for precision:
 * - 'float32': exact.
 * - 'float16': IEEE 754 half precision, round-to-nearest-even (relative error ≤ 2⁻¹¹ ≈ 4.9e-4
 *   for |v| in the normal range [6.1e-5, 65504]; smaller values keep an absolute error
 *   ≤ 2⁻²⁵; larger magnitudes are refused). Half the size.
 * - 'uint8': per-tensor affine quantisation v ≈ min + q·scale, q ∈ {0…255}, scale =
 *   (max − min)/255, so the error is at most scale/2. A quarter of the size; for shipped
 *   demo weights where a tiny loss of quality is invisible.
 *
 * Where checkpoints live: shipped files fetched over HTTP (`fetchCheckpoint`) or read from disk
 * in Node (`checkpoint-node.ts`), and the reader's own trained weights in IndexedDB
 * (`saveToIndexedDB` …), which never leave the browser.
 */
import { AssetError } from './asset-error';
import { applyWeights, captureWeights } from './weights';
import { forEachRecord, withStore } from './idb';
import type { TrainableModel } from './types';

export type WeightDType = 'float32' | 'float16' | 'uint8';

export const WEIGHT_DTYPES: readonly WeightDType[] = ['float32', 'float16', 'uint8'];
const BYTES_PER_VALUE: Record<WeightDType, number> = { float32: 4, float16: 2, uint8: 1 };

export interface CheckpointTensor {
  name: string;
  shape: number[];
  /** Start of the tensor's bytes in the data blob (a multiple of 4). */
  offset: number;
  byteLength: number;
  /** uint8 only: v = min + q·scale. */
  min?: number;
  scale?: number;
}

export interface CheckpointManifest {
  format: 'vae-book-weights';
  version: 1;
  dtype: WeightDType;
  tensors: CheckpointTensor[];
  /** File name of the data blob, relative to the manifest (set by `saveCheckpointFiles`). */
  file?: string;
  /** Free-form description: model spec, training steps, final loss, date… */
  meta?: Record<string, unknown>;
}

/** A manifest with its data blob. */
export interface Checkpoint {
  manifest: CheckpointManifest;
  data: Uint8Array;
}

export interface DecodedTensor {
  shape: number[];
  values: Float32Array;
}

const FORMAT = 'vae-book-weights';
const VERSION = 1;

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const align4 = (n: number) => Math.ceil(n / 4) * 4;

// --- IEEE 754 half precision, by bit manipulation --------------------------------------------

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The float16 bit pattern nearest to `value` (ties to even). Throws for non-finite values and
 * for magnitudes that round beyond the largest half (65504).
 */
export function float32ToFloat16Bits(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be stored as float16`);
  f32[0] = value;
  const x = u32[0] ?? 0;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  const e = exponent - 127 + 15; // half's biased exponent
  if (e <= 0) {
    // Half subnormal: value = m·2⁻²⁴, m = M·2^(exponent−126) with M the 24-bit significand.
    if (e < -10) return sign; // below half the smallest subnormal: ±0
    const significand = mantissa | 0x800000;
    const shift = 14 - e;
    let m = significand >>> shift;
    const rest = significand & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (m & 1) === 1)) m++; // may carry into the smallest normal, correctly
    return sign | m;
  }
  let bits = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (bits & 1) === 1)) bits++; // a carry bumps the exponent, correctly
  if (bits >= 0x7c00) throw new RangeError(`${value} is beyond the float16 range (±65504)`);
  return sign | bits;
}

/** The number a float16 bit pattern stands for (±Infinity and NaN included). */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

let halfTable: Float32Array | undefined;
/** All 65 536 half values, built on first use: decoding is then one lookup per value. */
function float16Table(): Float32Array {
  if (halfTable === undefined) {
    halfTable = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) halfTable[bits] = float16BitsToFloat32(bits);
  }
  return halfTable;
}

// --- encode / decode ------------------------------------------------------------------------

/**
 * Packs named weights into a manifest and one data blob. Tensors are stored in the map's order.
 * Throws if a tensor has no shape, a shape that does not match its length, a non-finite value,
 * or (float16) a value beyond ±65504.
 */
export function encodeWeights(
  weights: ReadonlyMap<string, Float32Array>,
  shapes: ReadonlyMap<string, readonly number[]>,
  dtype: WeightDType,
  meta?: Record<string, unknown>,
): Checkpoint {
  if (!WEIGHT_DTYPES.includes(dtype)) throw new Error(`Unknown weight dtype "${String(dtype)}" (use ${WEIGHT_DTYPES.join(', ')}).`);
  const tensors: CheckpointTensor[] = [];
  let offset = 0;
  for (const [name, values] of weights) {
    const shape = shapes.get(name);
    if (shape === undefined) throw new Error(`No shape given for weight tensor "${name}".`);
    if (sizeOf(shape) !== values.length) {
      throw new Error(`Weight tensor "${name}" has ${values.length} values but shape [${shape.join(', ')}] needs ${sizeOf(shape)}.`);
    }
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new Error(`Weight tensor "${name}" holds ${values[i]} at index ${i}; only finite weights can be saved.`);
    }
    const byteLength = values.length * BYTES_PER_VALUE[dtype];
    tensors.push({ name, shape: [...shape], offset, byteLength });
    offset = align4(offset + byteLength);
  }

  const data = new Uint8Array(offset);
  const view = new DataView(data.buffer);
  let index = 0;
  for (const values of weights.values()) {
    const entry = tensors[index++] as CheckpointTensor;
    const base = entry.offset;
    if (dtype === 'float32') {
      for (let i = 0; i < values.length; i++) view.setFloat32(base + 4 * i, values[i] ?? 0, true);
    } else if (dtype === 'float16') {
      for (let i = 0; i < values.length; i++) {
        try {
          view.setUint16(base + 2 * i, float32ToFloat16Bits(values[i] ?? 0), true);
        } catch (error) {
          throw new Error(`Weight tensor "${entry.name}" cannot be stored as float16: ${(error as Error).message} (use float32).`);
        }
      }
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (values.length === 0) min = max = 0;
      const scale = (max - min) / 255;
      entry.min = min;
      entry.scale = scale;
      for (let i = 0; i < values.length; i++) {
        const q = scale > 0 ? Math.round(((values[i] ?? 0) - min) / scale) : 0;
        data[base + i] = Math.min(255, Math.max(0, q));
      }
    }
  }
  const manifest: CheckpointManifest = { format: FORMAT, version: VERSION, dtype, tensors };
  if (meta !== undefined) manifest.meta = meta;
  return { manifest, data };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * Checks that `value` (typically parsed JSON) is a manifest this version of the book can read,
 * and returns it typed. Throws an Error that names the first problem.
 */
export function validateManifest(value: unknown): CheckpointManifest {
  const fail = (problem: string): never => {
    throw new Error(`Invalid weights manifest: ${problem}.`);
  };
  if (!isObject(value)) return fail('not a JSON object');
  if (value['format'] !== FORMAT) return fail(`format is ${JSON.stringify(value['format'])}, expected "${FORMAT}"`);
  if (value['version'] !== VERSION) return fail(`version ${JSON.stringify(value['version'])} is not supported (this book reads version ${VERSION})`);
  const dtype = value['dtype'];
  if (!WEIGHT_DTYPES.includes(dtype as WeightDType)) return fail(`dtype ${JSON.stringify(dtype)} is not one of ${WEIGHT_DTYPES.join(', ')}`);
  const tensors = value['tensors'];
  if (!Array.isArray(tensors)) return fail('"tensors" is not an array');
  const names = new Set<string>();
  for (const [i, tensor] of tensors.entries()) {
    if (!isObject(tensor)) return fail(`tensors[${i}] is not an object`);
    const { name, shape, offset, byteLength, min, scale } = tensor;
    if (typeof name !== 'string' || name === '') return fail(`tensors[${i}] has no name`);
    if (names.has(name)) return fail(`tensor "${name}" appears twice`);
    names.add(name);
    if (!Array.isArray(shape) || !shape.every(isCount)) return fail(`tensor "${name}" has an invalid shape`);
    if (!isCount(offset) || !isCount(byteLength)) return fail(`tensor "${name}" has an invalid byte range`);
    const expected = sizeOf(shape as number[]) * BYTES_PER_VALUE[dtype as WeightDType];
    if (byteLength !== expected) return fail(`tensor "${name}" has ${byteLength} bytes, but shape [${shape.join(', ')}] in ${String(dtype)} needs ${expected}`);
    if (dtype === 'uint8' && !(Number.isFinite(min) && Number.isFinite(scale) && (scale as number) >= 0)) {
      return fail(`tensor "${name}" lacks a finite min and non-negative scale for uint8 dequantisation`);
    }
  }
  const file = value['file'];
  if (file !== undefined && !(typeof file === 'string' && /^[\w.-]+$/.test(file) && !file.startsWith('.'))) {
    return fail('"file" must be a plain file name next to the manifest');
  }
  if (value['meta'] !== undefined && !isObject(value['meta'])) return fail('"meta" is not an object');
  return value as unknown as CheckpointManifest;
}

/**
 * Unpacks a checkpoint into float32 values by name. Validates the manifest, that every byte
 * range lies inside `data` (a truncated download fails here) and that every value is finite.
 */
export function decodeWeights(manifest: CheckpointManifest, data: Uint8Array): Map<string, DecodedTensor> {
  const { dtype, tensors } = validateManifest(manifest);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const table = dtype === 'float16' ? float16Table() : undefined;
  const decoded = new Map<string, DecodedTensor>();
  for (const tensor of tensors) {
    const { name, shape, offset, byteLength } = tensor;
    if (offset + byteLength > data.byteLength) {
      throw new Error(`Weights data is truncated: tensor "${name}" needs bytes ${offset}–${offset + byteLength} but the data has ${data.byteLength} bytes.`);
    }
    const n = sizeOf(shape);
    const values = new Float32Array(n);
    if (dtype === 'float32') {
      for (let i = 0; i < n; i++) values[i] = view.getFloat32(offset + 4 * i, true);
    } else if (table !== undefined) {
      for (let i = 0; i < n; i++) values[i] = table[view.getUint16(offset + 2 * i, true)] ?? Number.NaN;
    } else {
      const min = tensor.min ?? 0;
      const scale = tensor.scale ?? 0;
      for (let i = 0; i < n; i++) values[i] = min + (data[offset + i] ?? 0) * scale;
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(values[i])) throw new Error(`Weights data is corrupt: tensor "${name}" holds ${values[i]} at index ${i}.`);
    }
    decoded.set(name, { shape: [...shape], values });
  }
  return decoded;
}

// --- model glue -----------------------------------------------------------------------------

/**
 * A model's weights (CPU-side copies, by stable name; see `captureWeights`) and their shapes.
 */
export async function readModelWeights(model: TrainableModel): Promise<{ weights: Map<string, Float32Array>; shapes: Map<string, number[]> }> {
  const weights = await captureWeights(model);
  const shapes = new Map([...model.namedVariables()].map(([name, variable]) => [name, [...variable.shape]]));
  return { weights, shapes };
}

/** Assigns decoded weights to a model's variables (shapes must match; see `applyWeights`). */
export function writeModelWeights(model: TrainableModel, decoded: ReadonlyMap<string, DecodedTensor>): void {
  const entries = [...decoded];
  applyWeights(model, new Map(entries.map(([name, t]) => [name, t.values])), new Map(entries.map(([name, t]) => [name, t.shape])));
}

/** A model's current weights as a checkpoint (`readModelWeights` + `encodeWeights`). */
export async function checkpointFromModel(model: TrainableModel, dtype: WeightDType, meta?: Record<string, unknown>): Promise<Checkpoint> {
  const { weights, shapes } = await readModelWeights(model);
  return encodeWeights(weights, shapes, dtype, meta);
}

/** Loads a checkpoint into a model (`decodeWeights` + `writeModelWeights`). */
export function applyCheckpoint(model: TrainableModel, checkpoint: Checkpoint): void {
  writeModelWeights(model, decodeWeights(checkpoint.manifest, checkpoint.data));
}

// --- shipped files over HTTP ---------------------------------------------------------------

/** The part of `fetch` that `fetchCheckpoint` uses (so tests can pass a fake). */
export type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'statusText' | 'text' | 'arrayBuffer'>>;

/**
 * Where the data blob of a manifest lives: `manifest.file` relative to the manifest, else the
 * manifest's own name with `.bin` for `.json` ("models/vae.json" → "models/vae.bin").
 */
export function dataUrlFor(manifestUrl: string, manifest: Pick<CheckpointManifest, 'file'>): string {
  const path = manifestUrl.replace(/[?#].*$/, '');
  const file = manifest.file ?? `${path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/i, '')}.bin`;
  if (/^[a-z][a-z\d+.-]*:/i.test(manifestUrl)) return new URL(file, manifestUrl).href;
  return path.slice(0, path.lastIndexOf('/') + 1) + file;
}

/**
 * Fetches a shipped checkpoint: the manifest JSON, then its sibling data blob; validates both.
 * Any failure is an `AssetError` ('weights') with the developer's detail as its message.
 */
export async function fetchCheckpoint(manifestUrl: string, fetchFn: FetchLike = (url) => fetch(url)): Promise<Checkpoint> {
  try {
    return await fetchCheckpointFiles(manifestUrl, fetchFn);
  } catch (error) {
    // Every failure here (network, HTTP status, not JSON, invalid manifest, wrong data size) is
    // a missing or damaged download: say so to the figure, keep the detail in the message.
    throw new AssetError('weights', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

async function fetchCheckpointFiles(manifestUrl: string, fetchFn: FetchLike): Promise<Checkpoint> {
  const get = async (url: string) => {
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await fetchFn(url);
    } catch (error) {
      throw new Error(`Could not download ${url}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
    return response;
  };
  const text = await (await get(manifestUrl)).text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${manifestUrl} is not JSON (is the path right?).`);
  }
  const manifest = validateManifest(json);
  const data = new Uint8Array(await (await get(dataUrlFor(manifestUrl, manifest))).arrayBuffer());
  decodeWeights(manifest, data); // fail now, with a clear message, rather than at first use
  return { manifest, data };
}

// --- the reader's own weights in IndexedDB --------------------------------------------------

/** A checkpoint saved in this browser. */
export interface SavedCheckpoint extends Checkpoint {
  key: string;
  savedAt: Date;
}

/** What `listIndexedDB` tells about each saved checkpoint, without its data. */
export interface SavedCheckpointInfo {
  key: string;
  savedAt: Date;
  dtype: WeightDType;
  /** Size of the data blob. */
  bytes: number;
  meta?: Record<string, unknown>;
}

interface StoredRecord {
  manifest: CheckpointManifest;
  data: Uint8Array;
  savedAt: number;
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw new Error('A saved checkpoint needs a non-empty string key.');
}

function readRecord(key: string, value: unknown): StoredRecord {
  if (!isObject(value) || !(value['data'] instanceof Uint8Array) || typeof value['savedAt'] !== 'number') {
    throw new Error(`The saved checkpoint "${key}" is not in a format this book reads.`);
  }
  return { manifest: validateManifest(value['manifest']), data: value['data'], savedAt: value['savedAt'] };
}

/** Saves (or replaces) a checkpoint under `key` in this browser's IndexedDB. */
export async function saveToIndexedDB(key: string, checkpoint: Checkpoint, idbFactory?: IDBFactory): Promise<void> {
  checkKey(key);
  const manifest = validateManifest(checkpoint.manifest);
  const { data } = checkpoint;
  // Store exactly the bytes of the view (a view of a larger buffer would clone all of it).
  const compact = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
  const record: StoredRecord = { manifest, data: compact, savedAt: Date.now() };
  await withStore('readwrite', `save the weights "${key}"`, (store) => store.put(record, key), idbFactory);
}

/** The checkpoint saved under `key`, or undefined if there is none. */
export async function loadFromIndexedDB(key: string, idbFactory?: IDBFactory): Promise<SavedCheckpoint | undefined> {
  checkKey(key);
  const value = await withStore<unknown>('readonly', `load the weights "${key}"`, (store) => store.get(key), idbFactory);
  if (value === undefined) return undefined;
  const { manifest, data, savedAt } = readRecord(key, value);
  return { key, manifest, data, savedAt: new Date(savedAt) };
}

/**
 * Every checkpoint saved in this browser, newest first. Records this version of the book cannot
 * read are left out of the list (`deleteFromIndexedDB` still removes them).
 */
export async function listIndexedDB(idbFactory?: IDBFactory): Promise<SavedCheckpointInfo[]> {
  const records: Array<[string, unknown]> = [];
  await forEachRecord('list the saved weights', (key, value) => records.push([String(key), value]), idbFactory);
  const found: SavedCheckpointInfo[] = [];
  for (const [key, value] of records) {
    let record: StoredRecord;
    try {
      record = readRecord(key, value);
    } catch {
      continue;
    }
    const info: SavedCheckpointInfo = { key, savedAt: new Date(record.savedAt), dtype: record.manifest.dtype, bytes: record.data.byteLength };
    if (record.manifest.meta !== undefined) info.meta = record.manifest.meta;
    found.push(info);
  }
  return found.sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime());
}

/** Deletes the checkpoint saved under `key` (nothing happens if there is none). */
export async function deleteFromIndexedDB(key: string, idbFactory?: IDBFactory): Promise<void> {
  checkKey(key);
  await withStore('readwrite', `delete the weights "${key}"`, (store) => store.delete(key), idbFactory);
}
