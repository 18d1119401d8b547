/**
 * The browser half of `npm run bench`: bundled by Vite into a temporary folder together with the
 * model library (bench/browser/library-figures.ts does it) and driven by Playwright. It exposes
 * `window.vaeBench.run(backend, settings)`, which selects the backend exactly as the book does
 * (`tryBackend`: load, initialise, correctness probe) and returns figure (e) — the library's
 * training step against the straightforward implementation on that backend, with the floor — and
 * the decode latency, or why the backend did not initialise. `window.vaeBench.choose(settings)`
 * gives figure (h): the book's automatic choice (`chooseMeasuredBackend` with the book's workload,
 * as on a reader's first visit: no cache, no override) against the fastest backend when every
 * working backend trains side by side in interleaved rounds.
 */
import { type BackendName, tryBackend } from '../../src/lib/vae/backend.ts';
import { chooseMeasuredBackend } from '../../src/lib/vae/backend-measure.ts';
import { timeTrainingSteps, trainingStepWorkload } from '../../src/lib/vae/backend-workload.ts';
import { httpSource, loadMnist, MNIST_ASSET_DIR } from '../../src/lib/vae/data.ts';
import { makeBatch } from '../../src/lib/vae/batch.ts';
import { fusedAdamAvailable } from '../../src/lib/vae/simd.ts';
import * as tf from '../../src/lib/vae/tf.ts';
import { BATCH_SIZE, compareSteps, decodeLatency, median, type Timing } from '../measure.ts';

export interface BrowserBenchSettings {
  readonly rounds: number;
  readonly libraryBlock: number;
  readonly straightforwardBlock: number;
  readonly matmulRepeats: number;
  readonly decodeRepeats: number;
  /**
   * Figure (i): milliseconds of main-thread work per animation frame while measuring, standing in
   * for a page that redraws its charts as it trains (0: an idle page).
   */
  readonly uiLoadMs?: number;
  /** Figure (i): XNNPACK's thread count for the multi-threaded WASM build (TensorFlow.js's default otherwise). */
  readonly wasmThreads?: number;
}

/** Busy-waits `ms` in every animation frame until the returned function is called. */
function loadTheMainThread(ms: number): () => void {
  let running = ms > 0;
  const frame = () => {
    if (!running) return;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // a chart redraw's worth of main-thread work
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return () => {
    running = false;
  };
}

/** How the WASM backend runs in this page: cross-origin isolated or not, and XNNPACK's thread count. */
async function wasmThreads() {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const multithreadSupport = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return { crossOriginIsolated: self.crossOriginIsolated, multithreadSupport, threads: wasm.getThreadsCount(), logicalCores: navigator.hardwareConcurrency };
}

async function run(backend: BackendName, settings: BrowserBenchSettings) {
  try {
    if (backend === 'wasm' && settings.wasmThreads !== undefined) (await import('@tensorflow/tfjs-backend-wasm')).setThreadsCount(settings.wasmThreads);
    await tryBackend(backend);
  } catch (error) {
    return { backend, initialised: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const mnist = await loadMnist(httpSource(`./${MNIST_ASSET_DIR}`), { trainCount: 10 * BATCH_SIZE, testCount: 1 });
  const batches = Array.from({ length: 10 }, (_, j) =>
    makeBatch(
      mnist.train,
      Array.from({ length: BATCH_SIZE }, (_, i) => j * BATCH_SIZE + i),
    ),
  );
  // GPU backends queue their work: time blocks of steps ended by one read-back.
  const timing: Timing = backend === 'webgl' || backend === 'webgpu' ? 'block' : 'per-step';
  const stopLoad = loadTheMainThread(settings.uiLoadMs ?? 0);
  try {
    const { step, floor } = await compareSteps({ batches, timing, warmup: 2, seed: 1, ...settings });
    const decode = await decodeLatency(settings.decodeRepeats);
    // Whether the library's WebAssembly SIMD kernels (fused Adam, transpose) ran: WASM only.
    const threads = backend === 'wasm' ? await wasmThreads() : undefined;
    return { backend, initialised: true, simdKernels: fusedAdamAvailable(), ...(threads ? { wasm: threads } : {}), step, floor, decode };
  } finally {
    stopLoad();
    tf.dispose(batches.flatMap((b) => [b.x, b.y]));
  }
}

/**
 * Figure (h): chooses as the book does, then times every backend that works in `rounds`
 * interleaved rounds (order rotating; each a fresh model, one warm-up step, steps for `budgetMs`)
 * and reports the median over rounds of chosen / fastest-in-that-round (target ≤ 1.1).
 */
async function choose(settings: { rounds: number; budgetMs: number }) {
  const start = performance.now();
  const choice = await chooseMeasuredBackend({ timeWorkload: trainingStepWorkload });
  const selectionMs = performance.now() - start;
  const working = choice.attempts.filter((attempt) => attempt.ok).map((attempt) => attempt.name);
  const times = new Map<BackendName, number[]>(working.map((name) => [name, []]));
  const ratios: number[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    const order = working.map((_, i) => working[(i + round) % working.length] as BackendName);
    const roundMs = new Map<BackendName, number>();
    for (const name of order) {
      await tf.setBackend(name);
      const { msPerStep } = await timeTrainingSteps({ budgetMs: settings.budgetMs, maxSteps: 30, seed: round + 1 });
      roundMs.set(name, msPerStep);
      times.get(name)?.push(msPerStep);
    }
    ratios.push((roundMs.get(choice.name) ?? Number.NaN) / Math.min(...roundMs.values()));
  }
  await tf.setBackend(choice.name);
  const msPerStep = Object.fromEntries([...times].map(([name, list]) => [name, Math.round(median(list) * 10) / 10]));
  const fastest = working.reduce((a, b) => ((msPerStep[b] ?? Infinity) < (msPerStep[a] ?? Infinity) ? b : a));
  return {
    chosen: choice.name,
    reason: choice.reason,
    fastest,
    chosenOverFastest: Math.round(median(ratios) * 1000) / 1000,
    msPerStep,
    selectionMs: Math.round(selectionMs),
    measured: choice.attempts.map(({ name, ok, ms, msPerStep: m, stopped, reason }) => ({
      name,
      ok,
      initMs: Math.round(ms),
      ...(m === undefined ? {} : { msPerStep: Math.round(m * 10) / 10 }),
      ...(stopped ? { stopped } : {}),
      ...(reason === undefined ? {} : { reason }),
    })),
  };
}

declare global {
  interface Window {
    vaeBench: { run: typeof run; choose: typeof choose };
  }
}

window.vaeBench = { run, choose };
