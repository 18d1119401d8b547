/**
 * Backend selection. The order/fallback/override logic runs with injected `tryBackend` steps;
 * the real load → initialise → probe path runs in Node on WASM and CPU (WebGPU and WebGL do not
 * register outside a browser, which the attempts must say).
 */
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { describe, expect, test } from 'vitest';
import {
  BACKEND_ORDER,
  type BackendName,
  backendOverrideFromUrl,
  chooseBackend,
  isWebGLContextLost,
  measureMatMul,
  onWebGLContextLost,
  probeBackend,
  switchAfterContextLoss,
  tryBackend,
} from '../../../../src/lib/vae/backend.ts';
import { loadNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

const tryInNode = (name: BackendName) => tryBackend(name, loadNodeBackend);

/** A stand-in for trying backends: the names in `working` succeed, the others fail with a reason. */
function fakeTries(working: BackendName[]) {
  const tried: BackendName[] = [];
  const tryOne = async (name: BackendName) => {
    tried.push(name);
    if (!working.includes(name)) throw new Error(`${name} is broken here`);
  };
  return { tried, tryOne };
}

describe('backendOverrideFromUrl', () => {
  test('backendOverrideFromUrl(search) reads ?backend= from a query string or URLSearchParams', () => {
    expect(backendOverrideFromUrl('?backend=wasm')).toBe('wasm');
    expect(backendOverrideFromUrl('backend=cpu&mu1=2')).toBe('cpu');
    expect(backendOverrideFromUrl(new URLSearchParams({ backend: 'webgpu' }))).toBe('webgpu');
    expect(backendOverrideFromUrl('?backend=WebGL')).toBe('webgl');
  });

  test('backendOverrideFromUrl(search) ignores a missing, empty or unknown backend', () => {
    expect(backendOverrideFromUrl('')).toBeUndefined();
    expect(backendOverrideFromUrl('?backend=')).toBeUndefined();
    expect(backendOverrideFromUrl('?backend=banana')).toBeUndefined();
    expect(backendOverrideFromUrl('?backend=tensorflow')).toBeUndefined();
    expect(backendOverrideFromUrl('?other=wasm')).toBeUndefined();
  });
});

describe('chooseBackend with injected tries', () => {
  test('chooseBackend() tries WebGPU → WebGL → WASM → CPU and stops at the first that works', async () => {
    const { tried, tryOne } = fakeTries(['wasm', 'cpu']);
    const choice = await chooseBackend({ tryBackend: tryOne });
    expect(BACKEND_ORDER).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(tried).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(choice.name).toBe('wasm');
    expect(choice.overridden).toBe(false);
    expect(choice.attempts.map(({ name, ok, reason }) => ({ name, ok, reason }))).toEqual([
      { name: 'webgpu', ok: false, reason: 'webgpu is broken here' },
      { name: 'webgl', ok: false, reason: 'webgl is broken here' },
      { name: 'wasm', ok: true, reason: undefined },
    ]);
    for (const attempt of choice.attempts) expect(attempt.ms).toBeGreaterThanOrEqual(0);
  });

  test('chooseBackend({override}) tries the override first and reports that it was used', async () => {
    const { tried, tryOne } = fakeTries(['webgl', 'wasm', 'cpu']);
    const choice = await chooseBackend({ override: 'cpu', tryBackend: tryOne });
    expect(tried).toEqual(['cpu']);
    expect(choice).toMatchObject({ name: 'cpu', overridden: true });
  });

  test('chooseBackend({override}) falls back to the order when the override fails, saying why', async () => {
    const { tried, tryOne } = fakeTries(['webgl', 'cpu']);
    const choice = await chooseBackend({ override: 'wasm', tryBackend: tryOne });
    expect(tried).toEqual(['wasm', 'webgpu', 'webgl']);
    expect(choice.name).toBe('webgl');
    expect(choice.overridden).toBe(false);
    expect(choice.attempts[0]).toMatchObject({ name: 'wasm', ok: false, reason: 'wasm is broken here' });
  });

  test('chooseBackend({order}) tries only the given backends', async () => {
    const { tried, tryOne } = fakeTries(['cpu']);
    const choice = await chooseBackend({ order: ['wasm', 'cpu'], tryBackend: tryOne });
    expect(tried).toEqual(['wasm', 'cpu']);
    expect(choice.name).toBe('cpu');
  });

  test('chooseBackend() rejects, listing every reason, when no backend works', async () => {
    const { tryOne } = fakeTries([]);
    await expect(chooseBackend({ tryBackend: tryOne })).rejects.toThrow(/webgpu: webgpu is broken here; webgl: .*; cpu: cpu is broken here/);
  });

  test('chooseBackend({timeoutMs}) abandons a backend whose initialisation hangs', async () => {
    const choice = await chooseBackend({
      order: ['webgpu', 'cpu'],
      timeoutMs: 50,
      tryBackend: (name) => (name === 'webgpu' ? new Promise<void>(() => {}) : Promise.resolve()),
    });
    expect(choice.name).toBe('cpu');
    expect(choice.attempts[0]).toMatchObject({ name: 'webgpu', ok: false, reason: 'no answer within 50 ms' });
  });

  test('switchAfterContextLoss(previous) never tries WebGL again nor a backend that already failed', async () => {
    const previous = await chooseBackend({ tryBackend: fakeTries(['webgl', 'wasm', 'cpu']).tryOne });
    expect(previous.name).toBe('webgl');
    const { tried, tryOne } = fakeTries(['webgl', 'wasm', 'cpu']);
    const next = await switchAfterContextLoss(previous, { tryBackend: tryOne });
    expect(tried).toEqual(['wasm']);
    expect(next).toMatchObject({ name: 'wasm', overridden: false });

    const withoutHistory = fakeTries(['cpu']);
    expect((await switchAfterContextLoss(undefined, { tryBackend: withoutHistory.tryOne })).name).toBe('cpu');
    expect(withoutHistory.tried).toEqual(['webgpu', 'wasm', 'cpu']);
  });
});

describe('the real backends in Node', () => {
  test('chooseBackend() in Node picks WASM, after WebGPU and WebGL report that they are unavailable', async () => {
    const choice = await chooseBackend({ tryBackend: tryInNode });
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.attempts.map((a) => [a.name, a.ok])).toEqual([
      ['webgpu', false],
      ['webgl', false],
      ['wasm', true],
    ]);
    expect(choice.attempts[0]?.reason).toMatch(/WebGPU is not available/);
    expect(choice.attempts[1]?.reason).toMatch(/not supported/);
  });

  test('chooseBackend({override: "cpu"}) activates the CPU backend, and its probe passes; the tensor count stays flat', async () => {
    await chooseBackend({ order: ['wasm'], tryBackend: tryInNode });
    const before = tf.memory().numTensors;
    const choice = await chooseBackend({ override: 'cpu', order: ['wasm', 'cpu'], tryBackend: tryInNode });
    expect(choice).toMatchObject({ name: 'cpu', overridden: true });
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('wasm');
  });

  test('probeBackend() rejects a backend that initialises but multiplies wrongly', async () => {
    // A CPU backend whose matrix product returns zeros, as a lost WebGL context would.
    tf.registerBackend('broken-for-test', () => new MathBackendCPU());
    tf.registerKernel({
      kernelName: tf.BatchMatMul,
      backendName: 'broken-for-test',
      kernelFunc: ({ inputs, backend }) => {
        const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
        const shape = [a.shape[0] ?? 0, b.shape[1] ?? 0];
        const dataId = (backend as MathBackendCPU).write(new Float32Array(shape[0]! * shape[1]!), shape, 'float32');
        return { dataId, shape, dtype: 'float32' };
      },
    });
    expect(await tf.setBackend('broken-for-test')).toBe(true);
    await expect(probeBackend()).rejects.toThrow(/computes wrong results/);
    await tf.setBackend('wasm');
    await expect(probeBackend()).resolves.toBeUndefined();
  });

  test('measureMatMul() reports a positive GFLOP/s on the active backend without leaking tensors', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const result = await measureMatMul({ size: 64, minMs: 20, maxRepeats: 8 });
    expect(result.gflops).toBeGreaterThan(0);
    expect(result.repeats).toBeGreaterThanOrEqual(2);
    expect(result.repeats).toBeLessThanOrEqual(8);
    expect(result.gflops).toBeCloseTo((2 * 64 ** 3) / (result.msPerProduct * 1e6), 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('onWebGLContextLost() and isWebGLContextLost() do nothing when WebGL is not the active backend', () => {
    let called = false;
    const unsubscribe = onWebGLContextLost(() => (called = true));
    unsubscribe();
    expect(called).toBe(false);
    expect(isWebGLContextLost()).toBe(false);
  });

  test('isWebGLContextLost(backend) asks about a given (not necessarily active) backend, as tryBackend does before switching', () => {
    const withContext = (lost: boolean) => ({ gpgpu: { gl: { isContextLost: () => lost } } }) as unknown as tf.KernelBackend;
    expect(isWebGLContextLost(withContext(true))).toBe(true);
    expect(isWebGLContextLost(withContext(false))).toBe(false);
    expect(isWebGLContextLost(null)).toBe(false);
    expect(isWebGLContextLost(tf.findBackend('wasm'))).toBe(false);
  });
});
