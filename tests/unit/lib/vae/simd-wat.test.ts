/**
 * The SIMD kernels' build: src/lib/vae/simd-module.generated.ts must hold exactly what wabt
 * assembles src/lib/vae/simd.wat to (a stale file fails here; `npm run assemble-wasm` renews
 * it), and both assembled variants — ordinary and shared memory — must instantiate and compute.
 * The kernels' results on the real backend are checked in simd.test.ts and adam.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, WAT_PATH, generatedSource, watSources } from '../../../../scripts/assemble-wasm.ts';
import { SIMD_MODULE_BASE64, SIMD_MODULE_SHARED_BASE64 } from '../../../../src/lib/vae/simd-module.generated.ts';

interface Kernels {
  adam(...args: number[]): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

function instantiate(base64: string, memory: WebAssembly.Memory): Kernels {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes(base64)), { env: { memory } }).exports as unknown as Kernels;
}

/** Transposes a [rows, cols] matrix of distinct values in `memory` and returns [got, want]. */
function transposeIn(kernels: Kernels, memory: WebAssembly.Memory, rows: number, cols: number): [number[], number[]] {
  const heap = new Float32Array(memory.buffer);
  const src = 16;
  const dst = src + 4 * rows * cols;
  const x = Array.from({ length: rows * cols }, (_, i) => i + 0.5);
  heap.set(x, src / 4);
  kernels.transpose(src, dst, rows, cols);
  const want = Array.from({ length: rows * cols }, (_, k) => x[(k % rows) * cols + Math.floor(k / rows)] ?? Number.NaN);
  return [Array.from(heap.subarray(dst / 4, dst / 4 + rows * cols)), want];
}

describe('simd.wat', () => {
  it('simd-module.generated.ts is what simd.wat assembles to (else run `npm run assemble-wasm`)', async () => {
    const wat = await readFile(WAT_PATH, 'utf8');
    expect(await readFile(GENERATED_PATH, 'utf8')).toBe(await generatedSource(wat));
  });

  it('the shared variant differs from the .wat only in its memory import', async () => {
    const { plain, shared } = watSources(await readFile(WAT_PATH, 'utf8'));
    const differing = plain.split('\n').filter((line, i) => line !== shared.split('\n')[i]);
    expect(differing.map((line) => line.trim())).toEqual(['(import "env" "memory" (memory 1))']);
    expect(() => watSources(plain.replace('(memory 1)', '(memory 2)'))).toThrow(/exactly once/);
  });

  it('each variant instantiates on its kind of memory only, and transposes there', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const sharedMemory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    expect(() => instantiate(SIMD_MODULE_BASE64, sharedMemory)).toThrow(WebAssembly.LinkError);
    expect(() => instantiate(SIMD_MODULE_SHARED_BASE64, memory)).toThrow(WebAssembly.LinkError);
    for (const [base64, mem] of [
      [SIMD_MODULE_BASE64, memory],
      [SIMD_MODULE_SHARED_BASE64, sharedMemory],
    ] as const) {
      const [got, want] = transposeIn(instantiate(base64, mem), mem, 8, 12);
      expect(got).toEqual(want);
    }
  });

  it('adam computes tf.train.adam’s float32 update, four lanes per iteration, in place for m and v', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const kernels = instantiate(SIMD_MODULE_BASE64, memory);
    const heap = new Float32Array(memory.buffer);
    const f = Math.fround;
    const [g, m, v, w, wOut] = [64, 96, 128, 160, 192] as const; // byte offsets of 8 floats each
    const values = (seed: number) => Array.from({ length: 8 }, (_, i) => f(Math.sin(seed * 10 + i) * (i + 1)));
    [g, m, v, w].forEach((at, k) => heap.set(k === 2 ? values(k).map(Math.abs) : values(k), at / 4));
    const s = [0.9, 0.1, 0.999, 0.001, 1 - 0.9 ** 3, 1 - 0.999 ** 3, 1e-7, -1e-3].map(f) as [number, number, number, number, number, number, number, number];
    const [b1, c1, b2, c2, a1, a2, eps, negLr] = s;
    const want = Array.from({ length: 8 }, (_, i) => {
      const gi = heap[g / 4 + i] ?? 0;
      const mi = f(f((heap[m / 4 + i] ?? 0) * b1) + f(gi * c1));
      const vi = f(f((heap[v / 4 + i] ?? 0) * b2) + f(f(gi * gi) * c2));
      const wi = f(f(f(f(mi / a1) / f(f(Math.sqrt(f(vi / a2))) + eps)) * negLr) + (heap[w / 4 + i] ?? 0));
      return [mi, vi, wi];
    });
    kernels.adam(g, m, v, w, m, v, wOut, 32, ...s); // bytes = 8 floats
    const read = (at: number) => Array.from(heap.subarray(at / 4, at / 4 + 8));
    expect([read(m), read(v), read(wOut)]).toEqual([0, 1, 2].map((k) => want.map((row) => row[k])));
  });
});
