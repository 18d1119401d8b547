/**
 * The measurements of `npm run bench`, shared by the Node run (bench/node-figures.ts) and the
 * Chromium run (bench/browser/): DOM-free and Node-free, over whatever backend is active.
 *
 * Noise. The machines are shared, so absolute times drift by tens of percent within a minute.
 * Every comparison is therefore made *within rounds*: one round times a block of library steps,
 * a block of straightforward steps and the plain matmuls, in an order that rotates from round
 * to round, and each ratio is the median over rounds of that round's ratio. A slow spell then
 * slows both sides of a ratio instead of faking it. Within a block, single calls are timed and
 * their median taken where the backend allows it (see {@link Timing}).
 */
import { createModel } from '../src/lib/vae/models/index.ts';
import type { Vae } from '../src/lib/vae/models/index.ts';
import * as tf from '../src/lib/vae/tf.ts';
import type { Batch } from '../src/lib/vae/types.ts';
import { StraightforwardVae } from './straightforward.ts';

/** The network every figure is about (PyTorch's example VAE): 784-400-20-400-784, ReLU, Adam 1e-3. */
export const NETWORK = { inputDim: 784, hidden: 400, latentDim: 20, learningRate: 1e-3 } as const;
export const BATCH_SIZE = 128;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** A matrix product [m, k]·[k, n]. */
export interface Product {
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

const flops = ({ m, k, n }: Product) => 2 * m * k * n;

/**
 * The products one training step needs: per dense layer the forward x·W [B, in]·[in, out], the
 * weight gradient xᵀ·dz [in, B]·[B, out], and the input gradient dz·Wᵀ [B, out]·[out, in] — except
 * for the first layer, whose input is data (counting it too gives the "three per layer" total).
 */
export function stepProducts(batch = BATCH_SIZE, { inputDim, hidden, latentDim } = NETWORK, includeDataGradient = false): Product[] {
  const layers: { input: number; output: number; dataInput: boolean }[] = [
    { input: inputDim, output: hidden, dataInput: true },
    { input: hidden, output: latentDim, dataInput: false }, // μ head
    { input: hidden, output: latentDim, dataInput: false }, // log σ² head
    { input: latentDim, output: hidden, dataInput: false },
    { input: hidden, output: inputDim, dataInput: false },
  ];
  return layers.flatMap(({ input, output, dataInput }) => [
    { m: batch, k: input, n: output },
    { m: input, k: batch, n: output },
    ...(dataInput && !includeDataGradient ? [] : [{ m: batch, k: output, n: input }]),
  ]);
}

export const stepFlops = (products: readonly Product[]) => products.reduce((sum, p) => sum + flops(p), 0);

/** One variant of the training step. */
interface StepVariant {
  readonly name: 'library' | 'straightforward';
  /** Runs one step and returns a scalar to read back (GPU backends queue their work). */
  step(batch: Batch, seed: number): tf.Scalar;
  dispose(): void;
}

function libraryVariant(seed: number): StepVariant {
  const model: Vae = createModel({ kind: 'vae', hidden: [NETWORK.hidden], latentDim: NETWORK.latentDim, learningRate: NETWORK.learningRate }, seed);
  return {
    name: 'library',
    step(batch, s) {
      const { reconstruction, kl, total } = model.trainStep(batch, s);
      tf.dispose([reconstruction, kl]);
      return total;
    },
    dispose: () => model.dispose(),
  };
}

function straightforwardVariant(seed: number): StepVariant {
  const model = new StraightforwardVae(seed, NETWORK);
  return { name: 'straightforward', step: (batch, s) => model.step(batch.x, s), dispose: () => model.dispose() };
}

/**
 * How a block of work is timed. 'per-step': every call is timed on its own, with its result
 * read back (free on WASM and CPU, whose kernels finish before they return), and the block's
 * figure is the median — robust to the other processes on a shared machine. 'block': the calls
 * run back to back and one read-back ends the block (GPU backends queue work; a read-back per
 * call would stall the pipeline); the block's figure is its mean.
 */
export type Timing = 'per-step' | 'block';

/**
 * Milliseconds per call of `run` over `count` calls, after `untimed` calls that refill the caches
 * the other variants of the round evicted; and the value `run`'s last result read back (a loss,
 * to check that the variant trains). `run` returns a tensor to read back.
 */
async function timeCalls(run: (i: number) => tf.Tensor, count: number, untimed: number, timing: Timing): Promise<{ ms: number; last: number }> {
  let last = Number.NaN;
  const readBack = async (t: tf.Tensor) => {
    last = (await t.data())[0] ?? Number.NaN;
    t.dispose();
  };
  for (let i = 0; i < untimed; i++) await readBack(run(i));
  if (timing === 'per-step') {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      const t = run(untimed + i);
      await t.data();
      times.push(performance.now() - start);
      await readBack(t);
    }
    return { ms: median(times), last };
  }
  const start = performance.now();
  let t: tf.Tensor | undefined;
  for (let i = 0; i < count; i++) {
    t?.dispose();
    t = run(untimed + i);
  }
  if (t) await readBack(t);
  return { ms: (performance.now() - start) / count, last };
}

const shapeKey = ({ m, k, n }: Product) => `${m}x${k}x${n}`;

export interface StepComparisonOptions {
  /** Training batches, cycled; the same for every variant. */
  readonly batches: readonly Batch[];
  readonly rounds: number;
  /** Timed steps per round of the library and of the straightforward implementation. */
  readonly libraryBlock: number;
  readonly straightforwardBlock: number;
  readonly timing: Timing;
  /** Untimed steps of each variant before the first round (allocations, shader compilation). */
  readonly warmup: number;
  /** Timed plain products per shape per round for the floor (0: no floor). */
  readonly matmulRepeats: number;
  readonly seed?: number;
}

/**
 * (a) ms per training step of the library's VAE and of the straightforward implementation, and
 * (b) the backend's plain matmul throughput and the arithmetic floor of a step, all in the same
 * rounds. Each round times a block of library steps, a block of straightforward steps and the
 * plain products, in an order that rotates from round to round; every block starts with one
 * untimed call. The floor is stepFlops / throughput, the throughput being that of the plain
 * [128, 784]·[784, 400] product on fixed operands; `productsMs` is another reading of it: the
 * times of the step's 14 products, each run plainly on fixed operands, added up.
 */
export async function compareSteps(options: StepComparisonOptions) {
  const { batches, rounds, libraryBlock, straightforwardBlock, timing, warmup, matmulRepeats, seed = 1 } = options;
  const variants = [libraryVariant(seed), straightforwardVariant(seed)];
  const blocks = { library: libraryBlock, straightforward: straightforwardBlock };
  const products = stepProducts();
  const main: Product = { m: BATCH_SIZE, k: NETWORK.inputDim, n: NETWORK.hidden };
  const operands = new Map<string, [tf.Tensor2D, tf.Tensor2D]>();
  for (const [i, p] of [main, ...products].entries()) {
    const key = shapeKey(p);
    if (!operands.has(key)) {
      operands.set(key, [tf.randomNormal([p.m, p.k], 0, 1, 'float32', 10 + 2 * i), tf.randomNormal([p.k, p.n], 0, 1, 'float32', 11 + 2 * i)]);
    }
  }
  let s = 0;
  const stepOf = (variant: StepVariant) => () => variant.step(batches[s % batches.length] as Batch, s++);
  try {
    const losses = { library: { first: Number.NaN, last: Number.NaN }, straightforward: { first: Number.NaN, last: Number.NaN } };
    for (const variant of variants) losses[variant.name].first = (await timeCalls(stepOf(variant), 1, 0, timing)).last;
    for (const variant of variants) await timeCalls(stepOf(variant), 1, warmup, timing);
    if (matmulRepeats > 0) for (const [a, b] of operands.values()) await timeCalls(() => tf.matMul(a, b), 1, 1, timing);

    const perRound: { library: number; straightforward: number; floor?: number; productsMs?: number; gflops?: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      const row: (typeof perRound)[number] = { library: Number.NaN, straightforward: Number.NaN };
      const tasks: (() => Promise<void>)[] = variants.map((variant) => async () => {
        const { ms, last } = await timeCalls(stepOf(variant), blocks[variant.name], 1, timing);
        row[variant.name] = ms;
        losses[variant.name].last = last;
      });
      if (matmulRepeats > 0) {
        tasks.push(async () => {
          const times = new Map<string, number>();
          for (const [key, [a, b]] of operands) times.set(key, (await timeCalls(() => tf.matMul(a, b), matmulRepeats, 1, timing)).ms);
          row.gflops = flops(main) / ((times.get(shapeKey(main)) ?? Number.NaN) * 1e6);
          row.floor = stepFlops(products) / (row.gflops * 1e6);
          row.productsMs = products.reduce((sum, p) => sum + (times.get(shapeKey(p)) ?? Number.NaN), 0);
        });
      }
      // Rotate the order: library first, then straightforward first, then the matmuls first, …
      for (let t = 0; t < tasks.length; t++) await (tasks[(t + r) % tasks.length] as () => Promise<void>)();
      perRound.push(row);
    }
    const col = (f: (row: (typeof perRound)[number]) => number) => round3(median(perRound.map(f)));
    const step = {
      libraryMs: col((r) => r.library),
      straightforwardMs: col((r) => r.straightforward),
      speedup: col((r) => r.straightforward / r.library),
      rounds,
      libraryStepsPerRound: libraryBlock,
      straightforwardStepsPerRound: straightforwardBlock,
      timing,
      // Both train on the same batches: their losses (nats per image) at the first and last step.
      lossFirstLast: {
        library: [round1(losses.library.first), round1(losses.library.last)],
        straightforward: [round1(losses.straightforward.first), round1(losses.straightforward.last)],
      },
    };
    const floor =
      matmulRepeats > 0
        ? {
            matmulGflops: col((r) => r.gflops ?? Number.NaN),
            matmulShape: shapeKey(main),
            stepGflop: round3(stepFlops(products) / 1e9),
            stepGflopThreePerLayer: round3(stepFlops(stepProducts(BATCH_SIZE, NETWORK, true)) / 1e9),
            floorMs: col((r) => r.floor ?? Number.NaN),
            stepMs: step.libraryMs,
            stepOverFloor: col((r) => r.library / (r.floor ?? Number.NaN)),
            productsMs: col((r) => r.productsMs ?? Number.NaN),
            stepOverProducts: col((r) => r.library / (r.productsMs ?? Number.NaN)),
          }
        : undefined;
    return { step, floor };
  } finally {
    for (const v of variants) v.dispose();
    for (const [a, b] of operands.values()) tf.dispose([a, b]);
  }
}

/**
 * (d) Decoding latency of a 2-D VAE's decoder (784-400-2 mirrored; its weights do not matter for
 * the time): z → pixel means, read back to the CPU as a widget must, warm (3 untimed calls),
 * median of `repeats`. One z, and a 10 × 10 grid of z (100 rows in one product), alternately.
 */
export async function decodeLatency(repeats: number) {
  const model = createModel({ kind: 'vae', hidden: [NETWORK.hidden], latentDim: 2 }, 3);
  const one = tf.tensor2d([[0.5, -0.25]]);
  const grid = tf.tensor2d(Array.from({ length: 100 }, (_, i) => [((i % 10) - 4.5) / 2, (Math.floor(i / 10) - 4.5) / 2]));
  const time = async (z: tf.Tensor2D) => {
    const start = performance.now();
    const pixels = model.decode(z);
    await pixels.data();
    pixels.dispose();
    return performance.now() - start;
  };
  try {
    const oneTimes: number[] = [];
    const gridTimes: number[] = [];
    for (let i = 0; i < repeats + 3; i++) {
      const a = await time(one);
      const b = await time(grid);
      if (i >= 3) {
        oneTimes.push(a);
        gridTimes.push(b);
      }
    }
    return { oneMs: round3(median(oneTimes)), gridMs: round3(median(gridTimes)), repeats, frameMs: 16 };
  } finally {
    model.dispose();
    tf.dispose([one, grid]);
  }
}
