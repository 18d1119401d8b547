/**
 * IEEE 754 half precision (float16) by bit manipulation, for the 'float16' weight encoding.
 *
 * A half has 1 sign bit, 5 exponent bits (bias 15) and 10 mantissa bits: normal values
 * ±(1 + m/1024)·2^(e−15) for e = 1…30, subnormals ±m·2⁻²⁴ for e = 0, ±Infinity and NaN for
 * e = 31. Encoding rounds to nearest, ties to even, so the relative error is ≤ 2⁻¹¹ ≈ 4.9e-4 in
 * the normal range [6.1e-5, 65504] and the absolute error ≤ 2⁻²⁵ below it.
 *
 *   float32ToFloat16Bits(1) === 0x3c00;  float16BitsToFloat32(0x3c00) === 1
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The float16 bit pattern nearest to `value` (ties to even). Throws a RangeError for non-finite
 * values and for magnitudes that round beyond the largest half (65504).
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
export function float16Table(): Float32Array {
  if (halfTable === undefined) {
    halfTable = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) halfTable[bits] = float16BitsToFloat32(bits);
  }
  return halfTable;
}
