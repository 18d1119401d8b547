/**
 * The weights manifest (`weights-manifest.ts`): `validateManifest` accepts what the codec writes
 * and names the first thing wrong with anything else.
 */
import { describe, expect, test } from 'vitest';
import { encodeWeights } from '../../../../src/lib/vae/weight-codec.ts';
import { validateManifest } from '../../../../src/lib/vae/weights-manifest.ts';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('validateManifest', () => {
  const { manifest } = encodeWeights(
    new Map([
      ['enc.w', Float32Array.from({ length: 12 }, (_, i) => i / 7 - 0.5)],
      ['enc.b', new Float32Array([0.1, -0.2, 0.3, 0])],
    ]),
    new Map([
      ['enc.w', [3, 4]],
      ['enc.b', [4]],
    ]),
    'uint8',
    { steps: 3 },
  );

  test('validateManifest(manifest) returns a manifest written by encodeWeights as it is, also after JSON', () => {
    expect(validateManifest(manifest)).toBe(manifest);
    expect(validateManifest(clone({ ...manifest, file: 'tiny.bin' }))).toEqual({ ...manifest, file: 'tiny.bin' });
  });

  test('validateManifest() names what is wrong with a bad manifest', () => {
    const broken = (patch: (m: Record<string, unknown> & { tensors: Array<Record<string, unknown>> }) => void) => {
      const m = clone(manifest) as unknown as Record<string, unknown> & { tensors: Array<Record<string, unknown>> };
      patch(m);
      return () => validateManifest(m);
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
    expect(broken((m) => (m.tensors[1]!['offset'] = -4))).toThrow(/"enc.b" has an invalid byte range/);
    expect(broken((m) => (m.tensors[0]!['name'] = ''))).toThrow(/tensors\[0\] has no name/);
    expect(broken((m) => (m['meta'] = 'steps: 3'))).toThrow(/"meta" is not an object/);
    expect(() => validateManifest('[1, 2]')).toThrow(/not a JSON object/);
    expect(() => validateManifest(null)).toThrow(/^Invalid weights manifest: not a JSON object\.$/);
  });
});
