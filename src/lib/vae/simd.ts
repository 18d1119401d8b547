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
 * Both work directly on the tfjs WASM module's memory, which the module below imports. Results
 * go to fresh tensors — the backend's matMul caches its packed copy of a right operand by tensor
 * id, so a weight must never change in place — except Adam's moment estimates m and v, which
 * belong to the optimiser alone and are updated in place (two fewer streams of fresh memory).
 * The kernels are registered for the 'wasm' backend only; callers fall back to tfjs ops
 * elsewhere (WebGL, WebGPU, CPU, or a runtime without WASM SIMD).
 */
import * as tf from './tf';

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

// ---------------------------------------------------------------------------------------------
// The WebAssembly module, assembled from bytes (two small loops: a toolchain would add more than
// it saves). Text form:
//
//   (func (export "adam") (param $g $m $v $w $mOut $vOut $wOut $bytes i32)
//         (param $b1 $c1 $b2 $c2 $a1 $a2 $eps $negLr f32)
//     for ($i = 0; $i < $bytes; $i += 16)                      ;; 4 floats per iteration
//       $gv = load($g + $i)
//       $mv = load($m + $i)·splat($b1) + $gv·splat($c1);        store($mOut + $i, $mv)
//       $vv = load($v + $i)·splat($b2) + ($gv·$gv)·splat($c2);  store($vOut + $i, $vv)
//       store($wOut + $i, (($mv / splat($a1)) / (sqrt($vv / splat($a2)) + splat($eps)))·splat($negLr)
//                         + load($w + $i)))
//
//   (func (export "transpose") (param $src $dst $rows $cols i32)  ;; rows, cols multiples of 4
//     for ($j = 0; $j < $cols; $j += 4)                        ;; 4 output rows at a time
//       $s = $src + 4·$j;  $d = $dst + 4·$j·$rows
//       while ($d < $dst + 4·($j + 1)·$rows)                   ;; down the 4 source columns
//         r0…r3 = the 4 × 4 block at $s (rows $cols·4 bytes apart);  $s += 4 rows
//         store its transpose (4 shuffles of pairs, then 4 more) at $d, $d + 4·$rows, …;  $d += 16

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
  get: (i: number) => [0x20, ...leb(i)],
  set: (i: number) => [0x21, ...leb(i)],
  tee: (i: number) => [0x22, ...leb(i)],
  i32Const: (v: number) => [0x41, ...leb(v)], // values 0…63 only (signed LEB)
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, ...leb(depth)],
  brIf: (depth: number) => [0x0d, ...leb(depth)],
  end: [0x0b],
  v128Load: [0xfd, ...leb(0x00), 0x00, 0x00], // align hint 1, offset 0
  v128Store: [0xfd, ...leb(0x0b), 0x00, 0x00],
  /** i8x16.shuffle of two f32x4 vectors: lanes 0–3 pick from the first, 4–7 from the second. */
  shuffle: (lanes: readonly number[]) => [0xfd, ...leb(0x0d), ...lanes.flatMap((lane) => [0, 1, 2, 3].map((b) => 4 * lane + b))],
  f32x4Splat: [0xfd, ...leb(0x13)],
  f32x4Sqrt: [0xfd, ...leb(0xe3)],
  f32x4Add: [0xfd, ...leb(0xe4)],
  f32x4Mul: [0xfd, ...leb(0xe6)],
  f32x4Div: [0xfd, ...leb(0xe7)],
};

/** `adam`: parameters 0–15, locals $i (16), $gv, $mv, $vv (17–19). */
function adamFunction(): { type: number[]; code: number[] } {
  const [G, M, V, W, M_OUT, V_OUT, W_OUT, BYTES] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [B1, C1, B2, C2, A1, A2, EPS, NEG_LR] = [8, 9, 10, 11, 12, 13, 14, 15];
  const [I, GV, MV, VV] = [16, 17, 18, 19];
  const at = (base: number) => [...op.get(base), ...op.get(I), ...op.i32Add];
  const splat = (scalar: number) => [...op.get(scalar), ...op.f32x4Splat];
  const body = [
    ...op.block,
    ...op.loop,
    ...op.get(I), ...op.get(BYTES), ...op.i32GeU, ...op.brIf(1),
    ...at(G), ...op.v128Load, ...op.set(GV),
    ...at(M_OUT),
    ...at(M), ...op.v128Load, ...splat(B1), ...op.f32x4Mul,
    ...op.get(GV), ...splat(C1), ...op.f32x4Mul,
    ...op.f32x4Add, ...op.tee(MV), ...op.v128Store,
    ...at(V_OUT),
    ...at(V), ...op.v128Load, ...splat(B2), ...op.f32x4Mul,
    ...op.get(GV), ...op.get(GV), ...op.f32x4Mul, ...splat(C2), ...op.f32x4Mul,
    ...op.f32x4Add, ...op.tee(VV), ...op.v128Store,
    ...at(W_OUT),
    ...op.get(MV), ...splat(A1), ...op.f32x4Div,
    ...op.get(VV), ...splat(A2), ...op.f32x4Div, ...op.f32x4Sqrt, ...splat(EPS), ...op.f32x4Add,
    ...op.f32x4Div, ...splat(NEG_LR), ...op.f32x4Mul,
    ...at(W), ...op.v128Load, ...op.f32x4Add,
    ...op.v128Store,
    ...op.get(I), ...op.i32Const(16), ...op.i32Add, ...op.set(I),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
  return {
    type: [0x60, ...vec([...Array<number[]>(8).fill([I32]), ...Array<number[]>(8).fill([F32])]), ...vec([])],
    code: [...vec([[...leb(1), I32], [...leb(3), V128]]), ...body],
  };
}

/** `transpose`: parameters 0–3, locals $j $s $d $dEnd $cs $rs (4–9, i32) and r0…r3, t0…t3 (10–17). */
function transposeFunction(): { type: number[]; code: number[] } {
  const [SRC, DST, ROWS, COLS, J, S, D, D_END, CS, RS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [R0, R1, R2, R3, T0, T1, T2, T3] = [10, 11, 12, 13, 14, 15, 16, 17];
  // Interleave pairs, then pairs of pairs: [a0 b0 a1 b1], [a2 b2 a3 b3], … → [a0 b0 c0 d0], …
  const [LOW, HIGH, FIRST_HALVES, SECOND_HALVES] = [[0, 4, 1, 5], [2, 6, 3, 7], [0, 1, 4, 5], [2, 3, 6, 7]];
  const nextRow = [...op.get(S), ...op.get(CS), ...op.i32Add, ...op.tee(S), ...op.v128Load];
  const body = [
    ...op.get(COLS), ...op.i32Const(2), ...op.i32Shl, ...op.set(CS),
    ...op.get(ROWS), ...op.i32Const(2), ...op.i32Shl, ...op.set(RS),
    ...op.block,
    ...op.loop,
    ...op.get(J), ...op.get(COLS), ...op.i32GeU, ...op.brIf(1),
    ...op.get(SRC), ...op.get(J), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.set(S),
    ...op.get(DST), ...op.get(J), ...op.get(RS), ...op.i32Mul, ...op.i32Add, ...op.tee(D),
    ...op.get(RS), ...op.i32Add, ...op.set(D_END),
    ...op.block,
    ...op.loop,
    ...op.get(D), ...op.get(D_END), ...op.i32GeU, ...op.brIf(1),
    ...op.get(S), ...op.v128Load, ...op.set(R0),
    ...nextRow, ...op.set(R1),
    ...nextRow, ...op.set(R2),
    ...nextRow, ...op.set(R3),
    ...op.get(S), ...op.get(CS), ...op.i32Add, ...op.set(S),
    ...op.get(R0), ...op.get(R1), ...op.shuffle(LOW), ...op.set(T0),
    ...op.get(R0), ...op.get(R1), ...op.shuffle(HIGH), ...op.set(T1),
    ...op.get(R2), ...op.get(R3), ...op.shuffle(LOW), ...op.set(T2),
    ...op.get(R2), ...op.get(R3), ...op.shuffle(HIGH), ...op.set(T3),
    ...op.get(D), ...op.get(T0), ...op.get(T2), ...op.shuffle(FIRST_HALVES), ...op.v128Store,
    ...op.get(D), ...op.get(RS), ...op.i32Add, ...op.get(T0), ...op.get(T2), ...op.shuffle(SECOND_HALVES), ...op.v128Store,
    ...op.get(D), ...op.get(RS), ...op.i32Const(1), ...op.i32Shl, ...op.i32Add, ...op.get(T1), ...op.get(T3), ...op.shuffle(FIRST_HALVES), ...op.v128Store,
    ...op.get(D), ...op.get(RS), ...op.i32Const(1), ...op.i32Shl, ...op.i32Add, ...op.get(RS), ...op.i32Add,
    ...op.get(T1), ...op.get(T3), ...op.shuffle(SECOND_HALVES), ...op.v128Store,
    ...op.get(D), ...op.i32Const(16), ...op.i32Add, ...op.set(D),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.get(J), ...op.i32Const(4), ...op.i32Add, ...op.set(J),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
  return {
    type: [0x60, ...vec([[I32], [I32], [I32], [I32]]), ...vec([])],
    code: [...vec([[...leb(6), I32], [...leb(8), V128]]), ...body],
  };
}

/** The module's bytes; `shared` imports a shared memory (the multi-threaded WASM backend). */
function moduleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const functions = [
    { name: 'adam', ...adamFunction() },
    { name: 'transpose', ...transposeFunction() },
  ];
  const memoryLimits = shared ? [0x03, ...leb(1), ...leb(65536)] : [0x00, ...leb(1)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(functions.map((f) => f.type))),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...memoryLimits]])),
    ...section(3, vec(functions.map((_, i) => leb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...leb(i)]))),
    ...section(10, vec(functions.map((f) => [...leb(f.code.length), ...f.code]))),
  ]);
}

interface SimdExports {
  adam(
    g: number, m: number, v: number, w: number, mOut: number, vOut: number, wOut: number, bytes: number,
    b1: number, c1: number, b2: number, c2: number, a1: number, a2: number, eps: number, negLr: number,
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
    simd.adam(g, m, v, w, mOut, vOut, wOut, vectorized * 4, s.beta1, s.oneMinusBeta1, s.beta2, s.oneMinusBeta2, s.correction1, s.correction2, s.epsilon, s.negLearningRate);
    for (let e = vectorized; e < size; e++) scalarUpdate(heap, offsets.map((o) => o + 4 * e), s);
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

const readiness = new WeakMap<object, boolean>();

/** Registers both kernels on the WASM backend (once); false where they cannot run. */
function simdKernelsReady(): boolean {
  if (tf.getBackend() !== 'wasm') return false;
  const backend = tf.backend();
  let ready = readiness.get(backend);
  if (ready === undefined) {
    const memory = wasmMemory(backend);
    ready = memory !== undefined && simdFor(memory) !== null;
    readiness.set(backend, ready);
  }
  if (!ready) return false;
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
