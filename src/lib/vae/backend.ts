/**
 * Where the tensors live in a browser: loading, initialising and probing one backend
 * (`tryBackend`), and `chooseBackend`, the first in the order WebGPU → WebGL → WASM → CPU that
 * initialises *and computes correctly*. Pages choose through `backend-measure.ts` instead (the
 * backend measured fastest, cached per browser), which uses `tryBackend` for every candidate.
 * Each backend package is imported only when it is tried, so a page downloads only the backends
 * it actually reaches.
 *
 * Why a correctness probe: a backend can initialise and still compute garbage (a lost WebGL
 * context reads back zeros, some mobile GPUs mis-handle float textures). `chooseBackend` runs a
 * small matrix product with a known answer on every candidate before trusting it.
 *
 * WebGL context loss: the GPU process can drop the context at any time (driver reset, too many
 * contexts, tab in the background). TensorFlow.js keeps computing on the dead context and
 * silently returns zeros (tfjs issue 756), so a trainer must stop at once.
 * `onWebGLContextLost` reports the loss; `switchAfterContextLoss` picks the next working
 * backend. Tensors created on the lost context are garbage: the caller rebuilds its model on
 * the new backend from CPU-side copies of the last good weights.
 *
 * In Node use `backend-node.ts` (WASM from the package folder); this module is browser-oriented
 * but DOM-free apart from the WebGL context the WebGL backend owns. Every step that touches a
 * real backend is injectable (`tryBackend`, `load`) so the selection logic runs in unit tests.
 */
import * as tf from './tf.ts';

export { BACKEND_ORDER, backendOverrideFromUrl, isBackendName, type BackendName } from './backend-names.ts';
import { BACKEND_ORDER, type BackendName } from './backend-names.ts';

/** One backend tried by `chooseBackend`: whether it works, why not, and how long it took. */
export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was rejected (absent when ok). */
  reason?: string;
  /** Wall-clock milliseconds for loading, initialising and probing it. */
  ms: number;
  /** Measured milliseconds per training step (`backend-measure.ts`); absent when not measured. */
  msPerStep?: number;
  /** True when the measurement was cut short because the backend was already far slower than the best. */
  stopped?: boolean;
}

/**
 * Why a backend was chosen: `override` (`?backend=`), `fastest` (measured fastest of several),
 * `only` (the only one that works), `cached` (measured fastest on an earlier visit), `first`
 * (the first that works in a fixed order, as `chooseBackend` picks).
 */
export type ChoiceReason = 'override' | 'fastest' | 'only' | 'cached' | 'first';

/** The backend now active in TensorFlow.js and every attempt that led to it, in order. */
export interface BackendChoice {
  name: BackendName;
  attempts: BackendAttempt[];
  /** True when the chosen backend is the one the caller asked for with `override`. */
  overridden: boolean;
  /** Why this backend won (absent: `first`). */
  reason?: ChoiceReason;
}

/** Loads a backend's code (registering it with TensorFlow.js). */
export type BackendLoader = (name: BackendName) => Promise<void>;

export interface ChooseBackendOptions {
  /** Try this backend first; if it fails, fall back to `order` (the attempt records why). */
  override?: BackendName | undefined;
  /** Candidates in preference order (default `BACKEND_ORDER`). */
  order?: readonly BackendName[];
  /** Makes one backend active and verifies it, throwing an Error whose message is the reason
   * it is unusable. Default: `tryBackend` with the browser loader. Injected by tests. */
  tryBackend?: (name: BackendName) => Promise<void>;
  /** Give up on a backend whose initialisation takes longer than this (default 15 000 ms). */
  timeoutMs?: number;
}

/**
 * Browser loader: imports a backend package on first use, which registers it with the engine.
 * For WASM it first points TensorFlow.js at the `.wasm` binaries that Vite copies into the
 * build (hashed file names under `/_astro/`), so they come from our own host, never a CDN.
 */
export const loadBrowserBackend: BackendLoader = async (name) => {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'wasm': {
      const [wasm, plain, simd, threaded] = await Promise.all([
        import('@tensorflow/tfjs-backend-wasm'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
      ]);
      // Takes effect when the backend first initialises (in `tf.setBackend`); calling it again
      // later is harmless. Which binary loads depends on SIMD and on cross-origin isolation.
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': plain.default,
        'tfjs-backend-wasm-simd.wasm': simd.default,
        'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
      });
      return;
    }
  }
};

const PROBE_SIZE = 16;

/** Deterministic small integers, so every product is exact even in float16 arithmetic. */
function probeMatrices(): { a: Float32Array; b: Float32Array; expected: Float32Array } {
  const n = PROBE_SIZE;
  const a = new Float32Array(n * n);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      a[i * n + j] = ((i + 2 * j) % 5) - 2;
      b[i * n + j] = ((3 * i + j) % 7) - 3;
    }
  }
  const expected = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += (a[i * n + k] ?? 0) * (b[k * n + j] ?? 0);
      expected[i * n + j] = sum;
    }
  }
  return { a, b, expected };
}

/**
 * Checks that the active backend computes: a 16×16 · 16×16 product of small integers (large
 * enough that WebGL runs it on the GPU rather than forwarding it to the CPU), read back and
 * compared with the exact answer. Throws an Error describing the first wrong entry.
 */
export async function probeBackend(): Promise<void> {
  const { a, b, expected } = probeMatrices();
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(a, [PROBE_SIZE, PROBE_SIZE]), tf.tensor2d(b, [PROBE_SIZE, PROBE_SIZE])));
  let values: Float32Array | Int32Array | Uint8Array;
  try {
    values = (await product.data()) as Float32Array;
  } finally {
    product.dispose();
  }
  if (values.length !== expected.length) {
    throw new Error(`probe returned ${values.length} values instead of ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i] ?? 0;
    const got = values[i] ?? Number.NaN;
    if (!(Math.abs(got - want) <= 1e-3 * Math.max(1, Math.abs(want)))) {
      throw new Error(`computes wrong results (a test product gave ${got} where ${want} is right)`);
    }
  }
}

/** A browser-side reason for a backend that did not initialise, where one can be found. */
async function diagnoseInitFailure(name: BackendName): Promise<string> {
  if (tf.findBackendFactory(name) === null) {
    return name === 'webgpu' ? 'WebGPU is not available in this browser' : 'not supported in this environment';
  }
  if (name === 'webgpu') {
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
    const adapter = await gpu?.requestAdapter().catch(() => null);
    if (adapter == null) return 'no WebGPU adapter (no usable GPU, or the GPU is blocklisted)';
  }
  if (name === 'webgl' && tf.env().getNumber('WEBGL_VERSION') === 0) {
    return 'no WebGL context (WebGL is disabled, or only a slow software renderer is available)';
  }
  return 'failed to initialise (the console has TensorFlow.js warnings with details)';
}

/**
 * Loads `name`, makes it the active backend and verifies it with `probeBackend`. Throws an
 * Error whose message says why the backend is unusable.
 */
export async function tryBackend(name: BackendName, load: BackendLoader = loadBrowserBackend): Promise<void> {
  try {
    await load(name);
  } catch (error) {
    throw new Error(`its code could not be loaded: ${errorMessage(error)}`);
  }
  if (tf.findBackendFactory(name) === null) throw new Error(await diagnoseInitFailure(name));
  // Checked before switching: setBackend would make the dead context active, and anything
  // computing meanwhile would stall on it.
  if (name === 'webgl' && isWebGLContextLost(tf.findBackend('webgl'))) throw new Error('its WebGL context was lost in this page (reload to use WebGL again)');
  let ok: boolean;
  try {
    // On failure the engine is left without an active backend; `tf.ready()` would then try to
    // initialise every registered backend, so it is only awaited after a success.
    ok = await tf.setBackend(name);
    if (ok) await tf.ready();
  } catch (error) {
    throw new Error(errorMessage(error));
  }
  if (!ok) throw new Error(await diagnoseInitFailure(name));
  await probeBackend();
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

/** `promise`, or a rejection saying "no answer within <ms> ms" if it takes longer. */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Makes the first working backend active and reports every attempt. With `override`, that
 * backend is tried first; if it fails, the rest of `order` is tried and `overridden` is false.
 * Throws if none works (the message lists each reason).
 */
export function chooseBackend(options: ChooseBackendOptions = {}): Promise<BackendChoice> {
  // One choice at a time: TensorFlow.js has one active backend per page, and a choice passes
  // through moments with none (a failed setBackend leaves the engine without one), so two
  // interleaved choices — say two widgets recovering from the same lost WebGL context — could
  // leave one computing on a backend the other had just abandoned.
  return oneChoiceAtATime(() => chooseBackendNow(options));
}

let choosing: Promise<unknown> = Promise.resolve();

/** Runs `choose` after every choice already under way has settled (see `chooseBackend`). */
export function oneChoiceAtATime<T>(choose: () => Promise<T>): Promise<T> {
  const choice = choosing.then(choose);
  choosing = choice.catch(() => undefined);
  return choice;
}

async function chooseBackendNow(options: ChooseBackendOptions): Promise<BackendChoice> {
  const { override, order = BACKEND_ORDER, tryBackend: tryOne = (name) => tryBackend(name), timeoutMs = 15_000 } = options;
  const candidates = override === undefined ? [...order] : [override, ...order.filter((name) => name !== override)];
  const attempts: BackendAttempt[] = [];
  for (const name of candidates) {
    const start = performance.now();
    try {
      await withTimeout(tryOne(name), timeoutMs);
      attempts.push({ name, ok: true, ms: performance.now() - start });
      return { name, attempts, overridden: name === override, reason: name === override ? 'override' : 'first' };
    } catch (error) {
      attempts.push({ name, ok: false, reason: errorMessage(error), ms: performance.now() - start });
    }
  }
  const reasons = attempts.map((attempt) => `${attempt.name}: ${attempt.reason ?? ''}`).join('; ');
  throw new Error(`No TensorFlow.js backend works here (${reasons}).`);
}

/**
 * After a WebGL context loss: chooses the next working backend, never WebGL again in this page,
 * nor any backend that already failed in `previous` (typically WebGPU). Options as for
 * `chooseBackend` (an `override` is ignored unless it is still a candidate).
 */
export function switchAfterContextLoss(previous?: BackendChoice, options: ChooseBackendOptions = {}): Promise<BackendChoice> {
  const failed = new Set(previous?.attempts.filter((attempt) => !attempt.ok).map((attempt) => attempt.name));
  // Where the previous choice measured step times, the next fastest comes first (stable sort:
  // unmeasured backends keep their place after the measured ones).
  const measured = new Map(
    previous?.attempts.flatMap((attempt) => (attempt.ok && attempt.msPerStep !== undefined ? [[attempt.name, attempt.msPerStep] as const] : [])),
  );
  const order = (options.order ?? BACKEND_ORDER)
    .filter((name) => name !== 'webgl' && !failed.has(name))
    .sort((a, b) => {
      const [ma, mb] = [measured.get(a) ?? Number.POSITIVE_INFINITY, measured.get(b) ?? Number.POSITIVE_INFINITY];
      return ma === mb ? 0 : ma < mb ? -1 : 1;
    });
  const override = options.override !== undefined && order.includes(options.override) ? options.override : undefined;
  return chooseBackend({ ...options, order, override });
}

type GL = WebGLRenderingContext | WebGL2RenderingContext;

/** The GL context of the WebGL backend, read through the one field we rely on (`gpgpu.gl`). */
function glOf(backend: unknown): GL | undefined {
  if (typeof backend !== 'object' || backend === null || !('gpgpu' in backend)) return undefined;
  const gpgpu: unknown = backend.gpgpu;
  if (typeof gpgpu !== 'object' || gpgpu === null || !('gl' in gpgpu)) return undefined;
  const gl: unknown = gpgpu.gl;
  return typeof gl === 'object' && gl !== null && 'isContextLost' in gl ? (gl as GL) : undefined;
}

/** The WebGL context TensorFlow.js computes on, when WebGL is the active backend. */
export function activeWebGLContext(): GL | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  return glOf(tf.findBackend('webgl'));
}

/**
 * Loses the active WebGL backend's context through the WEBGL_lose_context extension, as a GPU
 * reset would: for tests and the diagnostics page. False when WebGL is not active.
 */
export function loseWebGLContext(): boolean {
  const extension = activeWebGLContext()?.getExtension('WEBGL_lose_context');
  if (extension == null) return false;
  extension.loseContext();
  return true;
}

/**
 * True when a WebGL backend's context has been lost: its results are garbage, stop. Without an
 * argument it asks about the active backend (false when that is not WebGL); given a backend
 * instance (e.g. `tf.findBackend('webgl')`, registered but not necessarily active), about that
 * one (false for null or a backend without a GL context).
 */
export function isWebGLContextLost(backend?: tf.KernelBackend | null): boolean {
  const gl = backend === undefined ? activeWebGLContext() : glOf(backend);
  return gl?.isContextLost() ?? false;
}

/**
 * Calls `callback` once when the active WebGL backend's context is lost (at once, on the next
 * microtask, if it already is). Does nothing when WebGL is not the active backend. Returns an
 * unsubscribe function.
 */
export function onWebGLContextLost(callback: () => void): () => void {
  const gl = activeWebGLContext();
  if (gl === undefined) return () => {};
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    gl.canvas.removeEventListener('webglcontextlost', fire);
    callback();
  };
  if (gl.isContextLost()) {
    queueMicrotask(fire);
  } else {
    gl.canvas.addEventListener('webglcontextlost', fire);
  }
  return () => {
    done = true;
    gl.canvas.removeEventListener('webglcontextlost', fire);
  };
}

export interface MatMulThroughput {
  /** Billions of floating-point operations per second (2·n³ per n×n product). */
  gflops: number;
  /** Products timed after the warm-up. */
  repeats: number;
  /** Mean milliseconds per product. */
  msPerProduct: number;
}

/**
 * Measures the active backend's n×n · n×n matrix product rate: one warm-up product (shader
 * compilation, WASM start-up), then products until `minMs` have passed (at least 2, at most
 * `maxRepeats`), waiting for the last result to be read back so GPU work is counted.
 */
export async function measureMatMul(options: { size?: number; minMs?: number; maxRepeats?: number } = {}): Promise<MatMulThroughput> {
  const { size = 256, minMs = 300, maxRepeats = 50 } = options;
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  try {
    const warm = tf.matMul(a, b);
    await warm.data();
    warm.dispose();
    let repeats = 0;
    const start = performance.now();
    let elapsed = 0;
    while (repeats < 2 || (elapsed < minMs && repeats < maxRepeats)) {
      // A batch of products per readback, so GPU backends are not timed on pipeline stalls.
      const batch = Math.min(4, maxRepeats - repeats);
      let last: tf.Tensor | undefined;
      for (let i = 0; i < batch; i++) {
        last?.dispose();
        last = tf.matMul(a, b);
      }
      await last?.data();
      last?.dispose();
      repeats += batch;
      elapsed = performance.now() - start;
    }
    const msPerProduct = elapsed / repeats;
    return { gflops: (2 * size ** 3) / (msPerProduct * 1e6), repeats, msPerProduct };
  } finally {
    a.dispose();
    b.dispose();
  }
}

/**
 * The number of live tensors, from the engine's own bookkeeping. Unlike `tf.memory()`, it never
 * asks (and so never initialises) a backend, so it is safe to call at any moment — including
 * while `chooseBackend` is switching and no backend is active.
 */
export function liveTensorCount(): number {
  return tf.engine().state.numTensors;
}

/** The name of the active backend (e.g. 'wasm'), as TensorFlow.js reports it. */
export function activeBackendName(): string {
  return tf.getBackend();
}
