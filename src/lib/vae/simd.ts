/**
 * Two WebAssembly SIMD kernels for the WASM backend, where tfjs's own versions are the slowest
 * part of a training step after the matrix products:
 *
 * - **Fused Adam** ({@link ADAM_KERNEL}). tf.train.adam updates each variable with 14 kernels
 *   (mul, add, square, div, sqrt, …), each a full pass over the variable; for the
 *   784-400-20-400-784 VAE that is ~140 kernel calls and ~4 ms per step on WASM, where the ops
 *   around sqrt are not vectorised. Here one loop reads g, m, v, w once and writes m′, v′, w′,
 *   four floats at a time, evaluating the same float32 operations in the same order as
 *   tf.train.adam, so the results are equal bit for bit (the tests check it):
 *
 *     m′ = m·β₁ + g·(1−β₁)            v′ = v·β₂ + g²·(1−β₂)
 *     w′ = (m′/(1−β₁ᵗ)) / (√(v′/(1−β₂ᵗ)) + ε) · (−lr) + w
 *
 * - **2-D transpose** ({@link TRANSPOSE_KERNEL}). tfjs's WASM transpose copies one float at a
 *   time with a strided write (~1 ns per element); this one moves 4 × 4 blocks with SIMD
 *   shuffles (~0.15 ns per element). The dense layer's gradient transposes ~1.3 M elements per
 *   VAE step.
 *
 * The kernels are written in WebAssembly's text format in `./simd.wat`, which documents them;
 * `npm run assemble-wasm` assembles it with wabt into `./simd-module.generated.ts` (checked in:
 * plain strings that the browser build, Vitest and plain Node load alike).
 *
 * Both work directly on the tfjs WASM module's memory, which the module imports. Results go to
 * fresh tensors — the backend's matMul caches its packed copy of a right operand by tensor id,
 * so a weight must never change in place — except Adam's moment estimates m and v, which belong
 * to the optimiser alone and are updated in place (two fewer streams of fresh memory). The
 * kernels are registered for the 'wasm' backend only; callers fall back to tfjs ops elsewhere
 * (WebGL, WebGPU, CPU, or a runtime without WASM SIMD; see {@link simdUnavailableReason}).
 */
import { SIMD_MODULE_BASE64, SIMD_MODULE_SHARED_BASE64 } from './simd-module.generated.ts';
import * as tf from './tf.ts';

/** The kernels' names in the tfjs registry. */
export const ADAM_KERNEL = 'VaeBookFusedAdam';
export const TRANSPOSE_KERNEL = 'VaeBookTranspose2D';

/** Scalars of one update, as float32 values (see `./models/adam`). */
export interface AdamScalars {
  readonly beta1: number;
  readonly oneMinusBeta1: number;
  readonly beta2: number;
  readonly oneMinusBeta2: number;
  /** 1 − β₁ᵗ */
  readonly correction1: number;
  /** 1 − β₂ᵗ */
  readonly correction2: number;
  readonly epsilon: number;
  /** −lr */
  readonly negLearningRate: number;
}

/** The module's bytes (see simd.wat); `shared` imports a shared memory (the multi-threaded backend). */
function moduleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(shared ? SIMD_MODULE_SHARED_BASE64 : SIMD_MODULE_BASE64), (c) => c.charCodeAt(0));
}

interface SimdExports {
  adam(
    g: number,
    m: number,
    v: number,
    w: number,
    mOut: number,
    vOut: number,
    wOut: number,
    bytes: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    a1: number,
    a2: number,
    eps: number,
    negLr: number,
  ): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
}

const instances = new WeakMap<WebAssembly.Memory, SimdExports | null>();

/** The kernels bound to `memory`, or null where WASM SIMD (or this module) is not supported. */
function simdFor(memory: WebAssembly.Memory): SimdExports | null {
  let exports = instances.get(memory);
  if (exports === undefined) {
    try {
      const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      const bytes = moduleBytes(shared);
      exports = WebAssembly.validate(bytes)
        ? (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as SimdExports)
        : null;
    } catch {
      exports = null;
    }
    instances.set(memory, exports);
  }
  return exports;
}

/** What the kernels use of tfjs's BackendWasm (structural, so the library needs no import of it). */
interface WasmBackendLike {
  readonly wasm: { readonly asm?: { readonly memory?: WebAssembly.Memory } };
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

function wasmMemory(backend: unknown): WebAssembly.Memory | undefined {
  const memory = (backend as Partial<WasmBackendLike>).wasm?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
}

/** The backend's memory, its kernels and a tensor → byte offset lookup, for one kernel call. */
function bind(backend: unknown, kernel: string) {
  const wasm = backend as WasmBackendLike;
  const memory = wasmMemory(backend);
  const simd = memory === undefined ? null : simdFor(memory);
  if (memory === undefined || simd === null) throw new Error(`${kernel}: WASM SIMD is not available`);
  const offset = (t: tf.TensorInfo): number => {
    const data = wasm.dataIdMap.get(t.dataId);
    if (data === undefined) throw new Error(`${kernel}: a tensor is not on the WASM backend`);
    return data.memoryOffset;
  };
  return { wasm, memory, simd, offset };
}

/** One update of a float32 element, as the SIMD loop computes it (for the last size mod 4 elements). */
function scalarUpdate(heap: Float32Array, offsets: readonly number[], s: AdamScalars): void {
  const f = Math.fround;
  const [g, m, v, w, mOut, vOut, wOut] = offsets.map((o) => o >>> 2) as [number, number, number, number, number, number, number];
  const gi = heap[g] ?? 0;
  const mi = f(f((heap[m] ?? 0) * s.beta1) + f(gi * s.oneMinusBeta1));
  const vi = f(f((heap[v] ?? 0) * s.beta2) + f(f(gi * gi) * s.oneMinusBeta2));
  const step = f(f(f(mi / s.correction1) / f(f(Math.sqrt(f(vi / s.correction2))) + s.epsilon)) * s.negLearningRate);
  heap[mOut] = mi;
  heap[vOut] = vi;
  heap[wOut] = f(step + (heap[w] ?? 0));
}

/**
 * The Adam kernel: inputs g0, m0, v0, w0, g1, … (float32, equal shapes per index), attrs `count`
 * and the {@link AdamScalars}; outputs w′0, w′1, …, while m and v are overwritten with m′ and v′.
 */
const adamKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { wasm, memory, simd, offset } = bind(backend, ADAM_KERNEL);
  const s = attrs as unknown as AdamScalars & { count: number };
  const tensors = inputs as Record<string, tf.TensorInfo>;
  const outputs: tf.TensorInfo[] = [];
  const jobs: { offsets: number[]; size: number }[] = [];
  for (let i = 0; i < s.count; i++) {
    const [g, m, v, w] = ['g', 'm', 'v', 'w'].map((k) => tensors[`${k}${i}`]) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    const wOut = wasm.makeOutput([...g.shape], 'float32');
    outputs.push(wOut);
    jobs.push({ offsets: [g, m, v, w, m, v, wOut].map(offset), size: g.shape.reduce((a, b) => a * b, 1) });
  }
  // Allocation may grow the memory (offsets stay valid; the buffer object changes), so take the
  // heap view only now.
  const heap = new Float32Array(memory.buffer);
  for (const { offsets, size } of jobs) {
    const vectorized = size - (size % 4);
    const [g, m, v, w, mOut, vOut, wOut] = offsets as [number, number, number, number, number, number, number];
    simd.adam(
      g,
      m,
      v,
      w,
      mOut,
      vOut,
      wOut,
      vectorized * 4,
      s.beta1,
      s.oneMinusBeta1,
      s.beta2,
      s.oneMinusBeta2,
      s.correction1,
      s.correction2,
      s.epsilon,
      s.negLearningRate,
    );
    for (let e = vectorized; e < size; e++)
      scalarUpdate(
        heap,
        offsets.map((o) => o + 4 * e),
        s,
      );
  }
  return outputs;
};

/** The transpose kernel: input x [rows, cols] float32 with rows and cols multiples of 4. */
const transposeKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const { wasm, simd, offset } = bind(backend, TRANSPOSE_KERNEL);
  const x = (inputs as Record<string, tf.TensorInfo>)['x'] as tf.TensorInfo;
  const [rows = 0, cols = 0] = x.shape;
  const out = wasm.makeOutput([cols, rows], 'float32');
  simd.transpose(offset(x), offset(out), rows, cols);
  return out;
};

const unavailable = new WeakMap<object, string | null>();

/**
 * Why the SIMD kernels cannot run on the current backend, or null when they can: the backend is
 * not WASM, or tfjs's WASM backend no longer exposes what the kernels use (its memory at
 * `wasm.asm.memory`, `dataIdMap`, `makeOutput`: internals, which a tfjs upgrade may change), or
 * the runtime cannot instantiate the module (no WASM SIMD). The callers then fall back to tfjs
 * ops, correct but slower; tests/unit/lib/vae/simd-fast-path.test.ts fails if this happens in Node.
 */
export function simdUnavailableReason(): string | null {
  const name = tf.getBackend();
  if (name !== 'wasm') return `the backend is ${name}, not wasm`;
  const backend = tf.backend();
  let reason = unavailable.get(backend);
  if (reason === undefined) {
    const memory = wasmMemory(backend);
    const { dataIdMap, makeOutput } = backend as Partial<WasmBackendLike>;
    if (memory === undefined) reason = 'the WASM backend has no WebAssembly.Memory at wasm.asm.memory';
    else if (typeof dataIdMap?.get !== 'function' || typeof makeOutput !== 'function') reason = 'the WASM backend has no dataIdMap.get or makeOutput';
    else reason = simdFor(memory) === null ? 'this runtime cannot instantiate the SIMD module (no WASM SIMD?)' : null;
    unavailable.set(backend, reason);
  }
  return reason;
}

/** Registers both kernels on the WASM backend (once); false where they cannot run. */
function simdKernelsReady(): boolean {
  if (simdUnavailableReason() !== null) return false;
  if (tf.getKernel(ADAM_KERNEL, 'wasm') === undefined) {
    tf.registerKernel({ kernelName: ADAM_KERNEL, backendName: 'wasm', kernelFunc: adamKernel });
  }
  if (tf.getKernel(TRANSPOSE_KERNEL, 'wasm') === undefined) {
    tf.registerKernel({ kernelName: TRANSPOSE_KERNEL, backendName: 'wasm', kernelFunc: transposeKernel });
    tf.registerGradient({ kernelName: TRANSPOSE_KERNEL, gradFunc: (dy) => ({ x: () => transpose2d(dy as tf.Tensor2D) }) });
  }
  return true;
}

/**
 * Whether the fused Adam kernel can run on the current backend (registering it on first use):
 * on the WASM backend in runtimes with WASM SIMD (every current browser and Node ≥ 16).
 */
export function fusedAdamAvailable(): boolean {
  return simdKernelsReady();
}

/**
 * xᵀ for x [rows, cols]: the SIMD kernel on the WASM backend when rows and cols are multiples of
 * 4 and x is float32, `tf.transpose` otherwise. Differentiable.
 */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  if (x.dtype === 'float32' && rows % 4 === 0 && cols % 4 === 0 && rows > 0 && cols > 0 && simdKernelsReady()) {
    return tf.engine().runKernel(TRANSPOSE_KERNEL, { x }) as tf.Tensor2D;
  }
  return tf.transpose(x);
}
