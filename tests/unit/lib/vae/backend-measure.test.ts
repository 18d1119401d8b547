/**
 * Choosing the backend measured fastest. The selection rule, the override, the cache and the
 * time-outs run with injected tries and made-up step times (so WebGPU or a real GPU can win in
 * Node); the real workload and a real measurement run on WASM and CPU in Node.
 */
import { describe, expect, test } from 'vitest';
import { type BackendAttempt, type BackendName, switchAfterContextLoss, tryBackend } from '../../../../src/lib/vae/backend.ts';
import {
  type BackendCache,
  CACHE_KEY,
  chooseMeasuredBackend,
  MEASURE_ORDER,
  MEASUREMENT_VERSION,
  measureBackends,
  pickFastest,
  readCachedChoice,
  SLOWER_FACTOR,
  type TimeWorkload,
} from '../../../../src/lib/vae/backend-measure.ts';
import { timeTrainingSteps, trainingStepWorkload } from '../../../../src/lib/vae/backend-workload.ts';
import { loadNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

/** A browser stand-in: `working` backends pass the probe; `msPerStep` is each one's step time. */
function fakeBrowser(working: BackendName[], msPerStep: Partial<Record<BackendName, number>>) {
  const tried: BackendName[] = [];
  const timed: { name: BackendName; stopAboveMs: number }[] = [];
  const active: BackendName[] = [];
  const tryOne = async (name: BackendName) => {
    tried.push(name);
    if (!working.includes(name)) throw new Error(`${name} fails the probe`);
  };
  // Like timeTrainingSteps: one timed step, then stop if already too slow, else four more.
  const timeWorkload: TimeWorkload = async (name, { stopAboveMs }) => {
    timed.push({ name, stopAboveMs });
    const ms = msPerStep[name] ?? 1;
    return ms > stopAboveMs ? { msPerStep: ms, steps: 1, stopped: true } : { msPerStep: ms, steps: 5, stopped: false };
  };
  const activate = async (name: BackendName) => void active.push(name);
  return { tried, timed, active, options: { tryBackend: tryOne, timeWorkload, activate } };
}

function memoryStorage(): BackendCache & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

describe('pickFastest', () => {
  test('pickFastest(attempts) takes the lowest step time among working backends', () => {
    const attempts: BackendAttempt[] = [
      { name: 'wasm', ok: true, ms: 5, msPerStep: 20 },
      { name: 'webgpu', ok: true, ms: 5, msPerStep: 4 },
      { name: 'webgl', ok: false, ms: 5, reason: 'no' },
    ];
    expect(pickFastest(attempts)).toEqual({ name: 'webgpu', reason: 'fastest' });
    expect(pickFastest(attempts.slice(0, 1))).toEqual({ name: 'wasm', reason: 'only' });
    expect(pickFastest(attempts.slice(2))).toBeUndefined();
  });
});

describe('measureBackends with injected timings', () => {
  test('a real GPU wins: WebGPU at 3 ms beats WebGL, WASM and CPU, and becomes active', async () => {
    const browser = fakeBrowser(['webgpu', 'webgl', 'wasm', 'cpu'], { webgpu: 3, webgl: 8, wasm: 20, cpu: 400 });
    const choice = await measureBackends(browser.options);
    expect(choice).toMatchObject({ name: 'webgpu', reason: 'fastest', overridden: false });
    expect(browser.active).toEqual(['webgpu']);
    expect(browser.tried).toEqual([...MEASURE_ORDER]);
    expect(choice.attempts.map((a) => [a.name, a.msPerStep])).toEqual([
      ['wasm', 20],
      ['webgpu', 3],
      ['webgl', 8],
      ['cpu', 400],
    ]);
    // Each candidate is capped at SLOWER_FACTOR × the best before it; CPU was stopped early.
    expect(browser.timed.map((t) => t.stopAboveMs)).toEqual([Infinity, 20 * SLOWER_FACTOR, 3 * SLOWER_FACTOR, 3 * SLOWER_FACTOR]);
    expect(choice.attempts.find((a) => a.name === 'cpu')?.stopped).toBe(true);
  });

  test('without a GPU WASM wins over a software WebGL that initialises and passes the probe', async () => {
    const browser = fakeBrowser(['webgl', 'wasm', 'cpu'], { webgl: 281, wasm: 23, cpu: 470 });
    const choice = await measureBackends(browser.options);
    expect(choice).toMatchObject({ name: 'wasm', reason: 'fastest' });
    expect(choice.attempts.find((a) => a.name === 'webgpu')).toMatchObject({ ok: false, reason: 'webgpu fails the probe' });
    expect(choice.attempts.find((a) => a.name === 'webgl')).toMatchObject({ ok: true, msPerStep: 281, stopped: true });
  });

  test('a candidate failing the probe is never timed; the only working one wins with reason "only"', async () => {
    const browser = fakeBrowser(['cpu'], { cpu: 400 });
    const choice = await measureBackends(browser.options);
    expect(choice).toMatchObject({ name: 'cpu', reason: 'only' });
    expect(browser.timed.map((t) => t.name)).toEqual(['cpu']);
  });

  test('a hanging initialisation or workload times out and the candidate fails; none working rejects', async () => {
    const browser = fakeBrowser(['webgpu', 'wasm'], { wasm: 20 });
    const choice = await measureBackends({
      ...browser.options,
      order: ['webgl', 'webgpu', 'wasm'],
      timeoutMs: 30,
      tryBackend: (name) => (name === 'webgl' ? new Promise<void>(() => {}) : browser.options.tryBackend(name)),
      timeWorkload: (name, limit) => (name === 'webgpu' ? new Promise(() => {}) : browser.options.timeWorkload(name, limit)),
    });
    expect(choice.name).toBe('wasm');
    expect(choice.attempts[0]).toMatchObject({ name: 'webgl', ok: false, reason: 'no answer within 30 ms' });
    expect(choice.attempts[1]).toMatchObject({ name: 'webgpu', ok: false, reason: 'a training step failed: no answer within 30 ms' });
    await expect(measureBackends(fakeBrowser([], {}).options)).rejects.toThrow(/wasm: wasm fails the probe; webgpu: .*cpu: cpu fails the probe/);
  });
});

describe('chooseMeasuredBackend: override and cache', () => {
  test('?backend= wins even when it is slower, and nothing is measured', async () => {
    const browser = fakeBrowser(['webgl', 'wasm'], { webgl: 281, wasm: 23 });
    const choice = await chooseMeasuredBackend({ ...browser.options, override: 'webgl' });
    expect(choice).toMatchObject({ name: 'webgl', overridden: true, reason: 'override' });
    expect(browser.tried).toEqual(['webgl']);
    expect(browser.timed).toEqual([]);
  });

  test('a failing override stays first in the attempts; the others are measured', async () => {
    const browser = fakeBrowser(['wasm', 'cpu'], { wasm: 23, cpu: 470 });
    const choice = await chooseMeasuredBackend({ ...browser.options, override: 'webgl' });
    expect(choice).toMatchObject({ name: 'wasm', overridden: false, reason: 'fastest' });
    expect(choice.attempts.map((a) => a.name)).toEqual(['webgl', 'wasm', 'webgpu', 'cpu']);
    expect(choice.attempts[0]).toMatchObject({ ok: false, reason: 'webgl fails the probe' });
  });

  test('the result is cached per fingerprint: the next page only probes the winner', async () => {
    const storage = memoryStorage();
    const cache = { storage, fingerprint: 'Chrome 156 | SwiftShader | ' };
    const first = fakeBrowser(['webgl', 'wasm'], { webgl: 281, wasm: 23 });
    expect((await chooseMeasuredBackend({ ...first.options, cache })).name).toBe('wasm');
    expect(JSON.parse(storage.map.get(CACHE_KEY) ?? '')).toMatchObject({ version: MEASUREMENT_VERSION, name: 'wasm' });

    const second = fakeBrowser(['webgl', 'wasm'], { webgl: 281, wasm: 23 });
    const cached = await chooseMeasuredBackend({ ...second.options, cache });
    expect(cached).toMatchObject({ name: 'wasm', reason: 'cached' });
    expect(second.tried).toEqual(['wasm']);
    expect(second.timed).toEqual([]);
    expect(cached.attempts.find((a) => a.name === 'webgl')?.msPerStep).toBe(281);

    // Another GPU (or browser version) measures again; so does "Run the check".
    const other = fakeBrowser(['webgpu', 'wasm'], { webgpu: 2, wasm: 23 });
    expect(await chooseMeasuredBackend({ ...other.options, cache: { storage, fingerprint: 'Chrome 156 | RTX | x' } })).toMatchObject({
      name: 'webgpu',
      reason: 'fastest',
    });
    const again = fakeBrowser(['webgpu', 'wasm'], { webgpu: 2, wasm: 23 });
    await chooseMeasuredBackend({ ...again.options, cache: { storage, fingerprint: 'Chrome 156 | RTX | x' }, ignoreCache: true });
    expect(again.timed.length).toBe(2);
  });

  test('a broken, outdated or no-longer-working cache entry is ignored and measured again', async () => {
    const fingerprint = 'fp';
    for (const text of [
      '{not json',
      JSON.stringify({ version: MEASUREMENT_VERSION - 1, fingerprint, name: 'wasm', attempts: [{ name: 'wasm', ok: true, ms: 1 }] }),
      JSON.stringify({ version: MEASUREMENT_VERSION, fingerprint, name: 'banana', attempts: [] }),
    ]) {
      const storage = memoryStorage();
      storage.map.set(CACHE_KEY, text);
      expect(readCachedChoice(storage, fingerprint)).toBeUndefined();
      const browser = fakeBrowser(['wasm'], { wasm: 23 });
      expect(await chooseMeasuredBackend({ ...browser.options, cache: { storage, fingerprint } })).toMatchObject({ name: 'wasm', reason: 'only' });
      expect(browser.timed.length).toBe(1);
    }
    // The cached winner now fails its probe (a driver update): measure the rest.
    const storage = memoryStorage();
    await chooseMeasuredBackend({ ...fakeBrowser(['webgl', 'wasm'], { webgl: 5, wasm: 23 }).options, cache: { storage, fingerprint } });
    const later = fakeBrowser(['wasm'], { wasm: 23 });
    expect(await chooseMeasuredBackend({ ...later.options, cache: { storage, fingerprint } })).toMatchObject({ name: 'wasm', reason: 'only' });
    expect(later.tried[0]).toBe('webgl');
  });

  test('after a context loss, switchAfterContextLoss tries the next fastest measured backend first', async () => {
    const previous = await measureBackends(fakeBrowser(['webgl', 'wasm', 'cpu'], { webgl: 2, wasm: 23, cpu: 40 }).options);
    expect(previous.name).toBe('webgl');
    const tried: BackendName[] = [];
    const next = await switchAfterContextLoss(previous, { order: ['cpu', 'webgpu', 'webgl', 'wasm'], tryBackend: async (name) => void tried.push(name) });
    expect(next.name).toBe('wasm');
    expect(tried).toEqual(['wasm']);
  });
});

describe('the real workload in Node', () => {
  const tryInNode = (name: BackendName) => tryBackend(name, loadNodeBackend);

  test('timeTrainingSteps() times VAE training steps on the active backend without leaking tensors', async () => {
    await tryInNode('wasm');
    await timeTrainingSteps({ maxSteps: 1 });
    const before = tf.memory().numTensors;
    const timing = await timeTrainingSteps({ budgetMs: 50, maxSteps: 5 });
    expect(timing.msPerStep).toBeGreaterThan(0);
    expect(timing.steps).toBeGreaterThanOrEqual(1);
    expect(timing.steps).toBeLessThanOrEqual(5);
    expect(timing.stopped).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    // A backend already slower than the cap stops after its first timed step.
    expect(await timeTrainingSteps({ stopAboveMs: 0.001 })).toMatchObject({ steps: 1, stopped: true });
    // WASM and CPU compile nothing: a warm-up step over the cap already stops them.
    expect(await trainingStepWorkload('cpu', { stopAboveMs: 0.001 })).toMatchObject({ steps: 1, stopped: true });
  });

  test('measureBackends() in Node: WASM beats the plain-JavaScript CPU backend and is left active', async () => {
    const choice = await measureBackends({
      order: ['wasm', 'cpu'],
      tryBackend: tryInNode,
      timeWorkload: (_name, { stopAboveMs }) => timeTrainingSteps({ stopAboveMs, budgetMs: 100 }),
    });
    expect(choice).toMatchObject({ name: 'wasm', reason: 'fastest' });
    expect(tf.getBackend()).toBe('wasm');
    const [wasm, cpu] = choice.attempts;
    expect(cpu?.msPerStep).toBeGreaterThan(wasm?.msPerStep ?? Infinity);
  }, 30_000);
});
