/**
 * IEEE half precision by bit manipulation (`float16.ts`): exact bit patterns, rounding to
 * nearest-even in the normal and subnormal ranges, refusals, and the inverse over every half.
 */
import { describe, expect, test } from 'vitest';
import { float16BitsToFloat32, float16Table, float32ToFloat16Bits } from '../../../../src/lib/vae/float16.ts';

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

  test('float16Table()[bits] is float16BitsToFloat32(bits) as a float32, for all 65 536 patterns', () => {
    const table = float16Table();
    expect(table).toHaveLength(65536);
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = float16BitsToFloat32(bits);
      if (Number.isNaN(value)) expect(table[bits]).toBeNaN();
      else expect(Object.is(table[bits], value)).toBe(true); // every half is exact in float32
    }
    expect(float16Table()).toBe(table); // built once
  });
});
