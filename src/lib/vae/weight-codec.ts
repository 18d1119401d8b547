/**
 * The weights codec: named Float32Arrays ⇄ a checkpoint (manifest + data blob; see
 * `weights-manifest.ts`). Three encodings trade size for precision:
 * - 'float32': exact.
 * - 'float16': IEEE half precision (`float16.ts`), round-to-nearest-even: relative error
 *   ≤ 2⁻¹¹ in the normal range, absolute error ≤ 2⁻²⁵ below it; magnitudes beyond 65504 are
 *   refused. Half the size.
 * - 'uint8': per-tensor affine quantisation v ≈ min + q·scale, q ∈ {0…255},
 *   scale = (max − min)/255, so the error is at most scale/2. A quarter of the size; for shipped
 *   demo weights where a tiny loss of quality is invisible.
 *
 * Why not TensorFlow.js's `tf.io.decodeWeights`, which dequantises float16 and uint8 too: it reads
 * tensors packed back to back, while this blob starts each tensor at a multiple of 4 bytes (7 of
 * the 66 shipped tensors are followed by padding), and it returns backend tensors where the
 * models take CPU arrays. `tests/unit/lib/vae/weight-codec.test.ts` checks that both decoders agree bit
 * for bit on every shipped tensor (fed to `tf.io.decodeWeights` one at a time).
 *
 *   const { manifest, data } = encodeWeights(weights, shapes, 'float16');
 *   decodeWeights(manifest, data).get('enc.w')  // { shape, values: Float32Array }
 */
import { float16Table, float32ToFloat16Bits } from './float16.ts';
import {
  BYTES_PER_VALUE,
  type Checkpoint,
  type CheckpointManifest,
  type CheckpointTensor,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  sizeOf,
  validateManifest,
  WEIGHT_DTYPES,
  type WeightDType,
} from './weights-manifest.ts';

export interface DecodedTensor {
  shape: number[];
  values: Float32Array;
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

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
      quantiseUint8(values, entry, data);
    }
  }
  const manifest: CheckpointManifest = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, dtype, tensors };
  if (meta !== undefined) manifest.meta = meta;
  return { manifest, data };
}

/** Writes q = round((v − min)/scale) of `values` at `entry.offset` in `data` and records min and scale in `entry`. */
function quantiseUint8(values: Float32Array, entry: CheckpointTensor, data: Uint8Array): void {
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
    data[entry.offset + i] = Math.min(255, Math.max(0, q));
  }
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
