/**
 * The step-wise trainer: the caller owns the loop (an animation frame, a worker, a button) and
 * asks for a few steps at a time.
 *
 *   const trainer = createTrainer({ model, data: mnist.train, batchSize: 128, seed: 1 });
 *   const record = await trainer.step(20);   // ≤ 20 steps; metrics read back every 10
 *   if (trainer.status === 'diverged') { show(trainer.divergence); trainer.restoreLastGood(); }
 *
 * Read-backs. Reading a tensor back (`data()`) stalls a GPU pipeline, so the trainer never reads
 * one per step: each step's metric scalars are summed on the device, and every `readEvery` steps
 * the window's means are read back in one transfer and appended to `history` as a
 * {@link MetricsRecord}. A NaN or ±Infinity in any step of the window makes its mean non-finite,
 * so the guard below sees every step although it reads only every `readEvery`-th.
 *
 * Divergence guard. When a read-back mean is not finite, training stops (`status` 'diverged'),
 * `divergence` names the first such metric (in the model's metric order, so `reconstruction`
 * before the `total` it feeds), and `step()` refuses to run until `restoreLastGood()` or
 * `reset()`. A loss can also run away while staying finite (a learning rate far too high sends
 * a VAE's loss from 100 to 10⁵ nats long before it overflows): a model that names a
 * `monitoredLoss` (see {@link TrainableModel}: VAE and CVAE `total`, VAE-GAN `reconstruction`,
 * autoencoder and classifier `loss`; none for a GAN) also stops when that metric exceeds its
 * best value of the run by more than {@link RUNAWAY_FACTOR} times that value's magnitude
 * (`divergence.best` is then set). A model without one is judged by finiteness alone.
 *
 * Good weights. They are captured as CPU-side Float32Arrays (so they survive a backend switch)
 * once before the first step and then at a finite read-back at least `snapshotEvery` steps after
 * the previous capture, but only while the monitored loss is within {@link GOOD_MARGIN} times
 * its magnitude of the run's best (for a positive loss: at most twice the best): weights taken
 * while a loss climbs towards overflow are finite but useless, and restoring them would only
 * diverge again. A capture that itself holds non-finite weights also trips the guard (term
 * `weights:<variable>`), so a snapshot is always finite.
 *
 * Randomness. The trainer seed fixes the data order (`batchIndices`) and the seed of every
 * step (the model's sampling noise and, with binarize 'sample', the binarisation), so two
 * trainers with the same seed over models built with the same spec and seed give identical
 * metrics. The trainer owns nothing but its metric accumulators; the model belongs to the caller.
 */
import * as tf from './tf.ts';
import { batchesPerEpoch, batchIndices } from './data.ts';
import { makeBatch } from './batch.ts';
import type { MnistSplit } from './data.ts';
import { deriveSeeds, seedStream } from './models/seeds.ts';
import { assertNonNegativeInteger, assertPositiveInteger } from './models/validate.ts';
import type { Batch, TrainableModel } from './types.ts';
import { applyWeights, captureWeights, firstNonFinite } from './weights.ts';
import type { WeightSnapshot } from './weights.ts';

/**
 * Training data other than an MNIST split, e.g. the points of a 2-D toy distribution: its size,
 * over which the trainer shuffles and batches indices exactly as for MNIST, and the batch of
 * given examples.
 */
export interface DataSource {
  /** Number of examples; batches are drawn from indices 0 … count − 1. */
  readonly count: number;
  /**
   * The examples at `indices` [batchSize] as a batch; the trainer disposes its tensors after the
   * step. `seed` is fresh for every step, for any randomness in making the batch.
   */
  batch(indices: Uint32Array, seed: number): Batch;
}

/** What a trainer trains on: an MNIST split (batched by `makeBatch`) or any other source. */
export type TrainingData = MnistSplit | DataSource;

function isDataSource(data: TrainingData): data is DataSource {
  return 'batch' in data && typeof data.batch === 'function';
}

/** An MNIST split as a data source: `makeBatch` with the given binarisation. */
function mnistSource(split: MnistSplit, binarize: 'none' | 'threshold' | 'sample'): DataSource {
  return { count: split.count, batch: (indices, seed) => makeBatch(split, indices, { binarize, seed }) };
}

export interface TrainerOptions {
  /** The model to train; the caller keeps ownership (the trainer never disposes it). */
  readonly model: TrainableModel;
  /** Training images and labels (an MNIST split), or another {@link DataSource}. */
  readonly data: TrainingData;
  /** Examples per step (full batches only; see `batchIndices`). */
  readonly batchSize: number;
  /** Seeds the data order and every step's randomness. */
  readonly seed: number;
  /** Steps per metrics read-back (and per {@link MetricsRecord}). Default 10. */
  readonly readEvery?: number;
  /** Minimum steps between two weight snapshots for `restoreLastGood`. Default 100. */
  readonly snapshotEvery?: number;
  /** Pixel binarisation of each MNIST batch (see `makeBatch`; not used with a DataSource). Default 'none' (grey levels). */
  readonly binarize?: 'none' | 'threshold' | 'sample';
  /**
   * The step count to start from, for a run that continues elsewhere (e.g. on another backend
   * after a WebGL context loss, from a snapshot taken at that step). Only the count continues;
   * the data order starts afresh from `seed`. Default 0.
   */
  readonly startStep?: number;
}

/** The metrics of one read-back window. */
export interface MetricsRecord {
  /** Steps taken when the window closed. */
  readonly step: number;
  /** Passes through the data when the window closed: step / batches per epoch (fractional). */
  readonly epoch: number;
  /** Each metric's mean over the window's steps (all finite). */
  readonly values: Readonly<Record<string, number>>;
}

/** What the divergence guard found. */
export interface Divergence {
  /** The step count at the read-back that found it (the divergence happened in the window before). */
  readonly step: number;
  /** The metric that went non-finite or ran away, or `weights:<variable name>` for a non-finite weight. */
  readonly term: string;
  /** NaN, Infinity or −Infinity; for a runaway loss, its (finite) value at the read-back. */
  readonly value: number;
  /** Set for a runaway loss only: the best (lowest) value of that loss in the run. */
  readonly best?: number;
}

/** A monitored loss this many times its best value's magnitude above that best stops training. */
export const RUNAWAY_FACTOR = 100;
/** Weights count as good while the monitored loss is at most this many times its best's magnitude above the best. */
export const GOOD_MARGIN = 1;

/** How far `loss` lies above `best`, in units of the best's magnitude (at least 1, so a best near 0 does not inflate it). */
const excess = (loss: number, best: number) => (loss - best) / Math.max(Math.abs(best), 1);

/**
 * 'ready': step() trains. 'diverged': step() refuses until restored or reset. (Pausing is the
 * caller's: it simply stops asking for steps; see the training controller in `src/lib/training`.)
 */
export type TrainerStatus = 'ready' | 'diverged';

export interface Trainer {
  /**
   * Runs up to `n` steps (default 1), stopping early when diverged, reset or disposed.
   * Calls are queued: a second call starts when the first has finished. Resolves to the last
   * record read back during this call, or undefined if no window closed (or it diverged).
   */
  step(n?: number): Promise<MetricsRecord | undefined>;
  /** The last finite record. */
  readonly latest: MetricsRecord | undefined;
  /** Every finite record since creation or the last reset, oldest first. */
  readonly history: readonly MetricsRecord[];
  readonly status: TrainerStatus;
  /** Steps taken since creation or the last reset (not rolled back by restoreLastGood). */
  readonly stepCount: number;
  /** Set while status is 'diverged'. */
  readonly divergence: Divergence | undefined;
  /** The step count at which the weights `restoreLastGood` would apply were captured. */
  readonly lastGoodStep: number | undefined;
  /**
   * Those weights: CPU-side copies, so they survive a backend switch or a lost WebGL context
   * (unlike the model's variables). Undefined before the first step. Do not modify.
   */
  readonly lastGoodWeights: WeightSnapshot | undefined;
  /**
   * Starts over. Without a seed: the weights captured before the first step, a fresh optimiser
   * state, and the original seed's data order, so the run repeats exactly. With a seed:
   * `model.reinitialize(seed)` and that seed's data order and step seeds. Clears history and the
   * divergence. Abandons a step() in flight.
   */
  reset(seed?: number): void;
  /**
   * Applies the last good snapshot, resets the optimiser state (via `model.reinitialize`, then
   * the snapshot) and clears the divergence so training can continue, e.g. at a lower learning
   * rate. Throws if no snapshot has been taken yet (none is before the first step).
   */
  restoreLastGood(): void;
  /** A CPU-side copy of the model's current weights (taken between steps). */
  snapshot(): Promise<WeightSnapshot>;
  /** Frees the trainer's tensors; later step() calls resolve to undefined. Does not dispose the model. */
  dispose(): void;
}

export const DEFAULT_READ_EVERY = 10;
export const DEFAULT_SNAPSHOT_EVERY = 100;

/** Builds a trainer; nothing runs until `step()`. Throws a RangeError on invalid options. */
export function createTrainer(options: TrainerOptions): Trainer {
  return new StepTrainer(options);
}

/** The random streams of one run, all derived from the run's seed. */
interface RunStreams {
  readonly batches: Generator<Uint32Array, never>;
  readonly stepSeeds: () => number;
}

class StepTrainer implements Trainer {
  private readonly model: TrainableModel;
  private readonly data: DataSource;
  private readonly batchSize: number;
  private readonly readEvery: number;
  private readonly snapshotEvery: number;
  private readonly stepsPerEpoch: number;
  private seed: number;
  private streams: RunStreams;
  private records: MetricsRecord[] = [];
  private currentStatus: TrainerStatus = 'ready';
  private steps = 0;
  private diverged: Divergence | undefined;
  /**
   * Running sums of each metric over the current window (owned here). Once a run's first step
   * has created them there is exactly one per metric — a read-back replaces each with a zero — so
   * the trainer's tensor count does not depend on where in a window it stands. A reset, a restore
   * and dispose() drop them, so a run starts from the tensors it began with.
   */
  private sums = new Map<string, tf.Scalar>();
  private windowSteps = 0;
  private initialWeights: WeightSnapshot | undefined;
  private lastGood: { readonly step: number; readonly weights: WeightSnapshot } | undefined;
  /** The lowest monitored loss read back in this run (kept across restoreLastGood, dropped by reset). */
  private bestLoss: number | undefined;
  /** Bumped by reset, restoreLastGood and dispose; a run that sees it change abandons its work. */
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(options: TrainerOptions) {
    this.model = options.model;
    this.data = isDataSource(options.data) ? options.data : mnistSource(options.data, options.binarize ?? 'none');
    this.batchSize = options.batchSize;
    this.readEvery = options.readEvery ?? DEFAULT_READ_EVERY;
    this.snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    assertPositiveInteger('readEvery', this.readEvery);
    assertPositiveInteger('snapshotEvery', this.snapshotEvery);
    this.stepsPerEpoch = batchesPerEpoch(this.data.count, this.batchSize);
    this.seed = options.seed;
    this.steps = options.startStep ?? 0;
    assertNonNegativeInteger('startStep', this.steps);
    this.streams = this.createStreams(options.seed);
  }

  get latest(): MetricsRecord | undefined {
    return this.records.at(-1);
  }

  get history(): readonly MetricsRecord[] {
    return this.records;
  }

  get status(): TrainerStatus {
    return this.currentStatus;
  }

  get stepCount(): number {
    return this.steps;
  }

  get divergence(): Divergence | undefined {
    return this.diverged;
  }

  get lastGoodStep(): number | undefined {
    return this.lastGood?.step;
  }

  get lastGoodWeights(): WeightSnapshot | undefined {
    return this.lastGood?.weights;
  }

  step(n = 1): Promise<MetricsRecord | undefined> {
    if (!(Number.isInteger(n) && n >= 0)) return Promise.reject(new RangeError(`step(n): n must be an integer ≥ 0, got ${n}`));
    const run = this.queue.then(() => this.run(n));
    this.queue = run.catch(() => undefined);
    return run;
  }

  reset(seed?: number): void {
    this.abandonWindow();
    if (seed === undefined) {
      if (this.initialWeights) {
        this.model.reinitialize(this.seed);
        applyWeights(this.model, this.initialWeights);
      }
    } else {
      this.seed = seed;
      this.model.reinitialize(seed);
      this.initialWeights = undefined;
    }
    this.lastGood = this.initialWeights ? { step: 0, weights: this.initialWeights } : undefined;
    this.streams = this.createStreams(this.seed);
    this.steps = 0;
    this.records = [];
    this.bestLoss = undefined;
    this.diverged = undefined;
    this.currentStatus = 'ready';
  }

  restoreLastGood(): void {
    if (!this.lastGood) throw new Error('restoreLastGood: no snapshot has been taken yet (one is taken at the first step)');
    this.abandonWindow();
    this.model.reinitialize(this.seed);
    applyWeights(this.model, this.lastGood.weights);
    this.diverged = undefined;
    this.currentStatus = 'ready';
  }

  snapshot(): Promise<WeightSnapshot> {
    const capture = this.queue.then(() => captureWeights(this.model));
    this.queue = capture.catch(() => undefined);
    return capture;
  }

  dispose(): void {
    this.abandonWindow();
    this.disposed = true;
  }

  private createStreams(seed: number): RunStreams {
    const [dataSeed = 1, stepSeed = 1] = deriveSeeds(seed, 2);
    return { batches: batchIndices(this.data.count, this.batchSize, dataSeed), stepSeeds: seedStream(stepSeed) };
  }

  /** Drops the current window's sums and invalidates any run in flight. */
  private abandonWindow(): void {
    this.generation++;
    tf.dispose([...this.sums.values()]);
    this.sums = new Map();
    this.windowSteps = 0;
  }

  /** Replaces every running sum with a zero (one tensor per metric, as before) and starts a new window. */
  private restartWindow(): void {
    for (const [name, sum] of this.sums) {
      sum.dispose();
      this.sums.set(name, tf.scalar(0));
    }
    this.windowSteps = 0;
  }

  private async run(n: number): Promise<MetricsRecord | undefined> {
    const generation = this.generation;
    const current = (): boolean => generation === this.generation && !this.disposed;
    if (!current() || n === 0 || this.currentStatus !== 'ready') return undefined;
    if (this.initialWeights === undefined) {
      const weights = await captureWeights(this.model);
      if (!current()) return undefined;
      this.initialWeights = weights;
      this.lastGood = { step: this.steps, weights };
    }
    let read: MetricsRecord | undefined;
    for (let i = 0; i < n && this.currentStatus === 'ready'; i++) {
      this.trainOne();
      if (this.windowSteps < this.readEvery) continue;
      const record = await this.readBack(current);
      if (!current()) return undefined;
      if (record) read = record;
    }
    return read;
  }

  /** One model update on the next batch; adds its metrics to the window's sums. */
  private trainOne(): void {
    const indices = this.streams.batches.next().value;
    const modelSeed = this.streams.stepSeeds();
    const dataSeed = this.streams.stepSeeds();
    const batch = this.data.batch(indices, dataSeed);
    let metrics: Record<string, tf.Scalar>;
    try {
      metrics = this.model.trainStep(batch, modelSeed);
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
    for (const [name, value] of Object.entries(metrics)) {
      const previous = this.sums.get(name);
      if (previous) {
        this.sums.set(name, tf.add(previous, value));
        tf.dispose([previous, value]);
      } else this.sums.set(name, value);
    }
    this.steps++;
    this.windowSteps++;
  }

  /**
   * Reads the window's means back (one transfer), checks them, records them, and captures a
   * snapshot when one is due. Returns the record if it is finite.
   */
  private async readBack(current: () => boolean): Promise<MetricsRecord | undefined> {
    const names = [...this.sums.keys()];
    const means = tf.tidy(() => tf.div(tf.stack([...this.sums.values()]), this.windowSteps));
    const step = this.steps;
    this.restartWindow();
    let values: Float32Array;
    try {
      values = await means.data<'float32'>();
    } finally {
      means.dispose();
    }
    if (!current()) return undefined;

    const bad = names.findIndex((_, i) => !Number.isFinite(values[i] ?? Number.NaN));
    if (bad >= 0) {
      this.markDiverged({ step, term: names[bad] ?? '', value: values[bad] ?? Number.NaN });
      return undefined;
    }
    const record: MetricsRecord = {
      step,
      epoch: step / this.stepsPerEpoch,
      values: Object.fromEntries(names.map((name, i) => [name, values[i] ?? Number.NaN])),
    };
    this.records.push(record);

    const { monitoredLoss } = this.model;
    const monitored = monitoredLoss !== undefined && monitoredLoss in record.values ? monitoredLoss : undefined;
    let good = true;
    if (monitored !== undefined) {
      const loss = record.values[monitored] ?? Number.NaN;
      const best = this.bestLoss;
      if (best !== undefined && excess(loss, best) > RUNAWAY_FACTOR) {
        // Kept in the history (it is finite, and a chart should show the climb), but the call diverged.
        this.markDiverged({ step, term: monitored, value: loss, best });
        return undefined;
      }
      good = best === undefined || excess(loss, best) <= GOOD_MARGIN;
      this.bestLoss = Math.min(best ?? loss, loss);
    }

    if (good && (this.lastGood === undefined || step - this.lastGood.step >= this.snapshotEvery)) {
      const weights = await captureWeights(this.model);
      if (!current()) return record;
      const nonFinite = firstNonFinite(weights);
      if (nonFinite) this.markDiverged({ step, term: `weights:${nonFinite.name}`, value: nonFinite.value });
      else this.lastGood = { step, weights };
    }
    return record;
  }

  private markDiverged(divergence: Divergence): void {
    this.diverged = divergence;
    this.currentStatus = 'diverged';
  }
}
