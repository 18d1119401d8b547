/**
 * Adam's update of many variables as one pass over memory on the WASM backend.
 *
 * tf.train.adam updates each variable with 14 kernels (mul, add, square, div, sqrt, …), each a
 * full pass over the variable; for the 784-400-20-400-784 VAE that is ~140 kernel calls and
 * ~4 ms per step on WASM, where the element-wise ops around sqrt are not vectorised. Here a
 * 14-instruction-long WebAssembly SIMD loop reads g, m, v, w once and writes m′, v′, w′, four
 * floats at a time, working directly on the tfjs WASM module's memory (which it imports). It
 * evaluates the same float32 operations in the same order as tf.train.adam:
 *
 *   m′ = m·β₁ + g·(1−β₁)            v′ = v·β₂ + g²·(1−β₂)
 *   w′ = (m′/(1−β₁ᵗ)) / (√(v′/(1−β₂ᵗ)) + ε) · (−lr) + w
 *
 * so its results equal tf.train.adam's bit for bit (the tests check it). The outputs are fresh
 * tensors: the backend's matMul caches its packed copy of a weight matrix by tensor id, so a
 * weight must never change in place.
 *
 * The kernel is registered for the 'wasm' backend only, under {@link ADAM_KERNEL}; `./models/adam`
 * uses it when it is available and falls back to tfjs ops elsewhere (WebGL, WebGPU, CPU, or a
 * browser without WASM SIMD).
 */
import * as tf from './tf';

/** The kernel's name in the tfjs registry. */
export const ADAM_KERNEL = 'VaeBookFusedAdam';

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

// ---------------------------------------------------------------------------------------------
// The WebAssembly module, assembled from bytes (it is small enough that a toolchain would add
// more than it saves). Text form of the one exported function:
//
//   (func (export "adam") (param $g $m $v $w $mOut $vOut $wOut $bytes i32)
//         (param $b1 $c1 $b2 $c2 $a1 $a2 $eps $negLr f32)
//     (local $i i32) (local $gv $mv $vv v128)
//     loop: while $i < $bytes (16 bytes = 4 floats per iteration)
//       $gv = load($g + $i)
//       $mv = load($m + $i)·splat($b1) + $gv·splat($c1);              store($mOut + $i, $mv)
//       $vv = load($v + $i)·splat($b2) + ($gv·$gv)·splat($c2);        store($vOut + $i, $vv)
//       store($wOut + $i, (($mv / splat($a1)) / (sqrt($vv / splat($a2)) + splat($eps)))·splat($negLr)
//                         + load($w + $i))

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const name = (s: string): number[] => [...leb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

const op = {
  localGet: (i: number) => [0x20, ...leb(i)],
  localSet: (i: number) => [0x21, ...leb(i)],
  localTee: (i: number) => [0x22, ...leb(i)],
  i32Const: (v: number) => [0x41, ...leb(v)], // non-negative values < 64 only (signed LEB)
  i32Add: [0x6a],
  i32GeU: [0x4f],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (d: number) => [0x0c, ...leb(d)],
  brIf: (d: number) => [0x0d, ...leb(d)],
  end: [0x0b],
  v128Load: [0xfd, ...leb(0x00), 0x00, 0x00], // align hint 1, offset 0
  v128Store: [0xfd, ...leb(0x0b), 0x00, 0x00],
  f32x4Splat: [0xfd, ...leb(0x13)],
  f32x4Sqrt: [0xfd, ...leb(0xe3)],
  f32x4Add: [0xfd, ...leb(0xe4)],
  f32x4Mul: [0xfd, ...leb(0xe6)],
  f32x4Div: [0xfd, ...leb(0xe7)],
};

// Parameter and local indices.
const [G, M, V, W, M_OUT, V_OUT, W_OUT, BYTES] = [0, 1, 2, 3, 4, 5, 6, 7];
const [B1, C1, B2, C2, A1, A2, EPS, NEG_LR] = [8, 9, 10, 11, 12, 13, 14, 15];
const [I, GV, MV, VV] = [16, 17, 18, 19];

const at = (base: number) => [...op.localGet(base), ...op.localGet(I), ...op.i32Add];
const splat = (scalar: number) => [...op.localGet(scalar), ...op.f32x4Splat];

const body: number[] = [
  ...op.block,
  ...op.loop,
  ...op.localGet(I), ...op.localGet(BYTES), ...op.i32GeU, ...op.brIf(1),
  ...at(G), ...op.v128Load, ...op.localSet(GV),
  // m′
  ...at(M_OUT),
  ...at(M), ...op.v128Load, ...splat(B1), ...op.f32x4Mul,
  ...op.localGet(GV), ...splat(C1), ...op.f32x4Mul,
  ...op.f32x4Add, ...op.localTee(MV), ...op.v128Store,
  // v′
  ...at(V_OUT),
  ...at(V), ...op.v128Load, ...splat(B2), ...op.f32x4Mul,
  ...op.localGet(GV), ...op.localGet(GV), ...op.f32x4Mul, ...splat(C2), ...op.f32x4Mul,
  ...op.f32x4Add, ...op.localTee(VV), ...op.v128Store,
  // w′
  ...at(W_OUT),
  ...op.localGet(MV), ...splat(A1), ...op.f32x4Div,
  ...op.localGet(VV), ...splat(A2), ...op.f32x4Div, ...op.f32x4Sqrt, ...splat(EPS), ...op.f32x4Add,
  ...op.f32x4Div, ...splat(NEG_LR), ...op.f32x4Mul,
  ...at(W), ...op.v128Load, ...op.f32x4Add,
  ...op.v128Store,
  // i += 16
  ...op.localGet(I), ...op.i32Const(16), ...op.i32Add, ...op.localSet(I),
  ...op.br(0),
  ...op.end,
  ...op.end,
  ...op.end,
];

/** The module's bytes; `shared` imports a shared memory (the multi-threaded WASM backend). */
function moduleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const funcType = [0x60, ...vec([...Array(8).fill([I32]), ...Array(8).fill([F32])]), ...vec([])];
  const memoryLimits = shared ? [0x03, ...leb(1), ...leb(65536)] : [0x00, ...leb(1)];
  const locals = vec([[...leb(1), I32], [...leb(3), V128]]);
  const code = [...locals, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([funcType])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...memoryLimits]])),
    ...section(3, vec([leb(0)])),
    ...section(7, vec([[...name('adam'), 0x00, ...leb(0)]])),
    ...section(10, vec([[...leb(code.length), ...code]])),
  ]);
}

type AdamExport = (
  g: number, m: number, v: number, w: number, mOut: number, vOut: number, wOut: number, bytes: number,
  b1: number, c1: number, b2: number, c2: number, a1: number, a2: number, eps: number, negLr: number,
) => void;

const instances = new WeakMap<WebAssembly.Memory, AdamExport | null>();

/** The loop bound to `memory`, or null where WASM SIMD (or this module) is not supported. */
function adamFor(memory: WebAssembly.Memory): AdamExport | null {
  let adam = instances.get(memory);
  if (adam === undefined) {
    try {
      const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      const bytes = moduleBytes(shared);
      adam = WebAssembly.validate(bytes)
        ? (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports['adam'] as AdamExport)
        : null;
    } catch {
      adam = null;
    }
    instances.set(memory, adam);
  }
  return adam;
}

/** What the kernel uses of tfjs's BackendWasm (structural, so the library needs no import of it). */
interface WasmBackendLike {
  readonly wasm: { readonly asm?: { readonly memory?: WebAssembly.Memory } };
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

function wasmMemory(backend: unknown): WebAssembly.Memory | undefined {
  const memory = (backend as Partial<WasmBackendLike>).wasm?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
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
 * The kernel: inputs g0, m0, v0, w0, g1, … (float32, equal shapes per index), attrs `count` and
 * the {@link AdamScalars}; outputs m′0, v′0, w′0, m′1, …
 */
const adamKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as unknown as WasmBackendLike;
  const memory = wasmMemory(backend);
  const adam = memory === undefined ? null : adamFor(memory);
  if (memory === undefined || adam === null) throw new Error(`${ADAM_KERNEL}: WASM SIMD is not available`);
  const s = attrs as unknown as AdamScalars & { count: number };
  const tensors = inputs as Record<string, tf.TensorInfo>;
  const offset = (t: tf.TensorInfo): number => {
    const data = wasm.dataIdMap.get(t.dataId);
    if (data === undefined) throw new Error(`${ADAM_KERNEL}: a tensor is not on the WASM backend`);
    return data.memoryOffset;
  };
  const outputs: tf.TensorInfo[] = [];
  const jobs: { offsets: number[]; size: number }[] = [];
  for (let i = 0; i < s.count; i++) {
    const [g, m, v, w] = ['g', 'm', 'v', 'w'].map((k) => tensors[`${k}${i}`]) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    const outs = [wasm.makeOutput([...g.shape], 'float32'), wasm.makeOutput([...g.shape], 'float32'), wasm.makeOutput([...g.shape], 'float32')];
    outputs.push(...outs);
    jobs.push({ offsets: [g, m, v, w, ...outs].map(offset), size: g.shape.reduce((a, b) => a * b, 1) });
  }
  // Allocation may grow the memory (offsets stay valid; the buffer object changes), so take the
  // heap view only now.
  const heap = new Float32Array(memory.buffer);
  for (const { offsets, size } of jobs) {
    const vectorized = size - (size % 4);
    const [g, m, v, w, mOut, vOut, wOut] = offsets as [number, number, number, number, number, number, number];
    adam(g, m, v, w, mOut, vOut, wOut, vectorized * 4, s.beta1, s.oneMinusBeta1, s.beta2, s.oneMinusBeta2, s.correction1, s.correction2, s.epsilon, s.negLearningRate);
    for (let e = vectorized; e < size; e++) scalarUpdate(heap, offsets.map((o) => o + 4 * e), s);
  }
  return outputs;
};

/**
 * Whether the fused kernel can run on the current backend: registers it on first use. True on
 * the WASM backend in runtimes with WASM SIMD (every current browser and Node ≥ 16).
 */
export function fusedAdamAvailable(): boolean {
  if (tf.getBackend() !== 'wasm') return false;
  const memory = wasmMemory(tf.backend());
  if (memory === undefined || adamFor(memory) === null) return false;
  if (tf.getKernel(ADAM_KERNEL, 'wasm') === undefined) {
    tf.registerKernel({ kernelName: ADAM_KERNEL, backendName: 'wasm', kernelFunc: adamKernel });
  }
  return true;
}
