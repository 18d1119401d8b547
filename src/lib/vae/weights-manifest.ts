/**
 * The weights manifest: the JSON half of a checkpoint, and the check that a manifest is one this
 * book can read.
 *
 * A checkpoint is this manifest (names, shapes, byte ranges, quantisation parameters) plus one
 * binary blob holding every tensor's values one after another, little-endian, each tensor
 * starting at a multiple of 4 bytes. `weight-codec.ts` writes and reads the blob;
 * `validateManifest` guards every manifest that comes from outside (a download, a file, a record
 * in IndexedDB) before a byte of the blob is read.
 */

/** How the values are stored: exact 'float32', half-precision 'float16', or affine-quantised 'uint8'. */
export type WeightDType = 'float32' | 'float16' | 'uint8';

export const WEIGHT_DTYPES: readonly WeightDType[] = ['float32', 'float16', 'uint8'];
export const BYTES_PER_VALUE: Readonly<Record<WeightDType, number>> = { float32: 4, float16: 2, uint8: 1 };

export const MANIFEST_FORMAT = 'vae-book-weights';
export const MANIFEST_VERSION = 1;

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
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
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

/** The number of values a tensor of `shape` holds (1 for a scalar's empty shape). */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
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
  if (value['format'] !== MANIFEST_FORMAT) return fail(`format is ${JSON.stringify(value['format'])}, expected "${MANIFEST_FORMAT}"`);
  if (value['version'] !== MANIFEST_VERSION) {
    return fail(`version ${JSON.stringify(value['version'])} is not supported (this book reads version ${MANIFEST_VERSION})`);
  }
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
