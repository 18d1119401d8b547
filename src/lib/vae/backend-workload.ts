/**
 * What `backend-measure.ts` times, and what it keys its cache on.
 *
 * `timeTrainingSteps` trains the book's VAE (784-400-20-400-784, ReLU, Adam 1e-3, batch 128,
 * the network of chapter 6's trainer and of `npm run bench`) on the *active* backend through the
 * library's own `createModel` / `trainStep`, so it measures what a reader's training figure will
 * get — including the library's WASM-specific kernels — rather than a bare matrix product. The
 * batch is random pixels in [0, 1]: the step's cost does not depend on the values, and no MNIST
 * download is needed. One warm-up step (shader compilation, WASM start-up, XNNPACK packing) is not
 * timed. Timed steps run in blocks that end with a read-back of the loss, so a GPU backend is
 * timed on finished work without a pipeline stall after every step: a first block of one step
 * (enough to stop a backend already `stopAboveMs` slow), then blocks of four until `budgetMs`
 * or `maxSteps`. On WASM and CPU, which compile nothing, the warm-up step already costs about
 * one step, so a warm-up slower than `stopAboveMs` stops them at once (`trainingStepWorkload`);
 * GPU backends always get a timed step, because their warm-up is mostly shader compilation and
 * says little about their speed.
 *
 * `backendFingerprint` names the browser and its GPU: the user agent, the WebGL renderer (the
 * unmasked one where the browser exposes it) and the WebGPU adapter's description. A new
 * browser version, driver or graphics card changes it, and the cached choice is measured again.
 * DOM-free: it uses `OffscreenCanvas` and `navigator.gpu`, which workers have too.
 */
import type { BackendName } from './backend.ts';
import type { StepTiming, TimeWorkload } from './backend-measure.ts';
import { createModel } from './models/index.ts';
import * as tf from './tf.ts';

export interface WorkloadOptions {
  /** Stop once the mean step time exceeds this (after the first timed block). */
  stopAboveMs?: number;
  /** Timed milliseconds after which no new block starts (default 250). */
  budgetMs?: number;
  /** Most timed steps (default 9: blocks of 1, 4, 4). */
  maxSteps?: number;
  /** Seed of the weights, the batch and the steps' noise (default 1). */
  seed?: number;
  /** Stop after the warm-up step when it alone exceeds `stopAboveMs` (for backends that compile nothing). */
  stopAfterSlowWarmUp?: boolean;
}

const BATCH = 128;
const PIXELS = 784;

/**
 * Mean milliseconds per training step of the 784-400-20 VAE at batch 128 on the active backend,
 * after one untimed warm-up step. Disposes everything it creates (the tensor count is flat).
 */
export async function timeTrainingSteps(options: WorkloadOptions = {}): Promise<StepTiming> {
  const { stopAboveMs = Infinity, budgetMs = 250, maxSteps = 9, seed = 1, stopAfterSlowWarmUp = false } = options;
  const model = createModel({ kind: 'vae', hidden: [400], latentDim: 20, learningRate: 1e-3 }, seed);
  const x = tf.randomUniform([BATCH, PIXELS], 0, 1, 'float32', seed) as tf.Tensor2D;
  const y = tf.tidy(() => tf.oneHot(tf.zeros([BATCH], 'int32') as tf.Tensor1D, 10) as tf.Tensor2D);
  let step = 0;
  /** Runs `count` steps and waits for the last one's loss to be read back. */
  const block = async (count: number) => {
    let last: tf.Scalar | undefined;
    for (let i = 0; i < count; i++) {
      const metrics = model.trainStep({ x, y }, seed + ++step);
      last?.dispose();
      last = metrics['total'];
      tf.dispose(
        Object.entries(metrics)
          .filter(([name]) => name !== 'total')
          .map(([, value]) => value),
      );
    }
    try {
      await last?.data();
    } finally {
      last?.dispose();
    }
  };
  try {
    const warmUpStart = performance.now();
    await block(1);
    const warmUpMs = performance.now() - warmUpStart;
    if (stopAfterSlowWarmUp && warmUpMs > stopAboveMs) return { msPerStep: warmUpMs, steps: 1, stopped: true };
    let steps = 0;
    let elapsed = 0;
    while (steps < maxSteps) {
      const count = Math.min(steps === 0 ? 1 : 4, maxSteps - steps);
      const start = performance.now();
      await block(count);
      elapsed += performance.now() - start;
      steps += count;
      if (elapsed / steps > stopAboveMs) return { msPerStep: elapsed / steps, steps, stopped: true };
      if (elapsed >= budgetMs) break;
    }
    return { msPerStep: elapsed / steps, steps, stopped: false };
  } finally {
    model.dispose();
    x.dispose();
    y.dispose();
  }
}

/** Backends whose first step compiles nothing, so that it already tells their speed. */
const NO_COMPILE: readonly BackendName[] = ['wasm', 'cpu'];

/** The workload the book measures backends with (`chooseMeasuredBackend`'s `timeWorkload`). */
export const trainingStepWorkload: TimeWorkload = (name, { stopAboveMs }) => timeTrainingSteps({ stopAboveMs, stopAfterSlowWarmUp: NO_COMPILE.includes(name) });

interface GpuAdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

/** The WebGL renderer string, or '' where there is no WebGL. Releases the context it makes. */
export function webglRenderer(): string {
  const Canvas = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(kind: string): unknown } }).OffscreenCanvas;
  if (Canvas === undefined) return '';
  try {
    const canvas = new Canvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (gl === null) return '';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return '';
  }
}

/** The WebGPU adapter's description, or '' where there is none (asks for at most `timeoutMs`). */
export async function webgpuAdapter(timeoutMs = 1000): Promise<string> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<{ info?: GpuAdapterInfo } | null> } } | undefined)?.gpu;
  if (gpu === undefined) return '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const adapter = await Promise.race([gpu.requestAdapter(), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)))]);
    const info = adapter?.info;
    return info === undefined ? '' : [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  } catch {
    return '';
  } finally {
    clearTimeout(timer);
  }
}

/** The cache key's browser part: user agent | WebGL renderer (read here unless given) | WebGPU adapter. */
export async function backendFingerprint(renderer = webglRenderer()): Promise<string> {
  const userAgent = (globalThis.navigator as { userAgent?: string } | undefined)?.userAgent ?? '';
  return [userAgent, renderer, await webgpuAdapter()].join(' | ');
}
