/**
 * The browser half of `npm run bench`: bundled by Vite into a temporary folder together with the
 * model library (bench/browser/chromium.spec.ts does it) and driven by Playwright. It exposes
 * `window.vaeBench.run(backend, settings)`, which selects the backend exactly as the book does
 * (`tryBackend`: load, initialise, correctness probe) and returns figure (e) — the library's
 * training step against the straightforward implementation on that backend, with the floor — and
 * the decode latency, or why the backend did not initialise.
 */
import { type BackendName, tryBackend } from '../../src/lib/vae/backend';
import { httpSource, loadMnist, makeBatch, MNIST_ASSET_DIR } from '../../src/lib/vae/data';
import { fusedAdamAvailable } from '../../src/lib/vae/simd';
import * as tf from '../../src/lib/vae/tf';
import { BATCH_SIZE, compareSteps, decodeLatency, type Timing } from '../measure';

export interface BrowserBenchSettings {
  readonly rounds: number;
  readonly libraryBlock: number;
  readonly straightforwardBlock: number;
  readonly matmulRepeats: number;
  readonly decodeRepeats: number;
}

async function run(backend: BackendName, settings: BrowserBenchSettings) {
  try {
    await tryBackend(backend);
  } catch (error) {
    return { backend, initialised: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const mnist = await loadMnist(httpSource(`./${MNIST_ASSET_DIR}`), { trainCount: 10 * BATCH_SIZE, testCount: 1 });
  const batches = Array.from({ length: 10 }, (_, j) => makeBatch(mnist.train, Array.from({ length: BATCH_SIZE }, (_, i) => j * BATCH_SIZE + i)));
  // GPU backends queue their work: time blocks of steps ended by one read-back.
  const timing: Timing = backend === 'webgl' || backend === 'webgpu' ? 'block' : 'per-step';
  try {
    const { step, floor } = await compareSteps({ batches, timing, warmup: 2, seed: 1, ...settings });
    const decode = await decodeLatency(settings.decodeRepeats);
    // Whether the library's WebAssembly SIMD kernels (fused Adam, transpose) ran: WASM only.
    return { backend, initialised: true, simdKernels: fusedAdamAvailable(), step, floor, decode };
  } finally {
    tf.dispose(batches.flatMap((b) => [b.x, b.y]));
  }
}

declare global {
  interface Window {
    vaeBench: { run: typeof run };
  }
}

window.vaeBench = { run };
