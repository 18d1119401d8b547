/**
 * A training session: a backend, a model built from a serialisable spec, and a trainer — plus
 * the one thing none of them can do alone, surviving a lost WebGL context.
 *
 * After a context loss the WebGL backend computes garbage without an error: reads hang or
 * return zeros, and nothing reaches the console. So the session never reads tensors that live on
 * the lost context. It abandons the step in flight, picks another working backend, rebuilds the
 * model from its spec there, applies the trainer's last good CPU-side snapshot, and continues
 * counting from that snapshot's step — then says so through `onRecovered`. DOM-free: the caller
 * owns the loop and the display.
 */
import { type BackendChoice, type BackendName, chooseBackend, type ChooseBackendOptions, onWebGLContextLost, switchAfterContextLoss } from './backend.ts';
import { type AnyModel, createModel, type ModelSpec } from './models/index.ts';
import { createTrainer, type MetricsRecord, type Trainer, type TrainerOptions, type TrainingData } from './trainer.ts';
import { applyWeights } from './weights.ts';

/** What happened when the session moved to another backend. */
export interface RecoveryEvent {
  readonly from: BackendName;
  readonly to: BackendName;
  /** The step of the snapshot training resumed from (0: from the initial weights). */
  readonly restoredStep: number;
  /** Steps trained since that snapshot, which were lost with the context. */
  readonly lostSteps: number;
}

export interface SessionOptions {
  readonly spec: ModelSpec;
  readonly seed: number;
  /** An MNIST split, or another data source (see `DataSource`). */
  readonly data: TrainingData;
  readonly batchSize: number;
  readonly readEvery?: number;
  readonly snapshotEvery?: number;
  readonly binarize?: TrainerOptions['binarize'];
  /** Backend preference (override, order); see `chooseBackend`. */
  readonly backend?: ChooseBackendOptions;
  /** Called after a recovery, so the caller can tell the reader. */
  readonly onRecovered?: (event: RecoveryEvent) => void;
  /** Injection points for tests (defaults: the real backend functions). */
  readonly environment?: Partial<SessionEnvironment>;
}

export interface SessionEnvironment {
  choose(options: ChooseBackendOptions): Promise<BackendChoice>;
  switchBackend(previous: BackendChoice): Promise<BackendChoice>;
  /** Subscribes to context loss of the active backend; returns the unsubscribe. */
  watchContextLoss(callback: () => void): () => void;
}

const BROWSER_ENVIRONMENT: SessionEnvironment = {
  choose: chooseBackend,
  switchBackend: (previous) => switchAfterContextLoss(previous),
  watchContextLoss: onWebGLContextLost,
};

export interface TrainingSession {
  readonly backend: BackendChoice;
  /** The weight and data-order seed the session was opened with. */
  readonly seed: number;
  /** The current model; replaced after a recovery (re-read it rather than keeping a reference). */
  readonly model: AnyModel;
  /** The current trainer; replaced after a recovery. */
  readonly trainer: Trainer;
  /** Every record of the run, across recoveries (records after a restored snapshot are dropped). */
  readonly history: readonly MetricsRecord[];
  /** Trains up to n steps; recovers first if the context was lost, or mid-way if it is lost now. */
  step(n?: number): Promise<MetricsRecord | undefined>;
  dispose(): void;
}

/** Chooses a backend, builds the model and its trainer. */
export async function createTrainingSession(options: SessionOptions): Promise<TrainingSession> {
  const environment = { ...BROWSER_ENVIRONMENT, ...options.environment };
  const backend = await environment.choose(options.backend ?? {});
  return new Session(options, environment, backend);
}

class Session implements TrainingSession {
  backend: BackendChoice;
  model: AnyModel;
  trainer: Trainer;
  private earlier: MetricsRecord[] = [];
  private lost = false;
  private signalLoss: () => void = () => {};
  private lossSignal: Promise<'lost'>;
  private unwatch: () => void;
  private disposed = false;
  private readonly options: SessionOptions;
  private readonly environment: SessionEnvironment;

  constructor(options: SessionOptions, environment: SessionEnvironment, backend: BackendChoice) {
    this.options = options;
    this.environment = environment;
    this.backend = backend;
    this.model = createModel(options.spec, options.seed);
    this.trainer = this.newTrainer(0);
    this.lossSignal = this.armLossSignal();
    this.unwatch = environment.watchContextLoss(() => this.onLoss());
  }

  get seed(): number {
    return this.options.seed;
  }

  get history(): readonly MetricsRecord[] {
    return [...this.earlier, ...this.trainer.history];
  }

  async step(n = 1): Promise<MetricsRecord | undefined> {
    if (this.disposed) return undefined;
    if (this.lost) await this.recover();
    const outcome = await Promise.race([this.trainer.step(n), this.lossSignal]);
    if (outcome !== 'lost') return outcome;
    // The step's read-back will never resolve on the lost context: abandon it and move on.
    await this.recover();
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.unwatch();
    this.trainer.dispose();
    this.model.dispose();
  }

  private newTrainer(startStep: number): Trainer {
    const { data, batchSize, seed, readEvery, snapshotEvery, binarize } = this.options;
    return createTrainer({
      model: this.model,
      data,
      batchSize,
      seed,
      startStep,
      ...(readEvery === undefined ? {} : { readEvery }),
      ...(snapshotEvery === undefined ? {} : { snapshotEvery }),
      ...(binarize === undefined ? {} : { binarize }),
    });
  }

  private armLossSignal(): Promise<'lost'> {
    return new Promise((resolve) => {
      this.signalLoss = () => resolve('lost');
    });
  }

  private onLoss(): void {
    this.lost = true;
    this.signalLoss();
  }

  private async recover(): Promise<void> {
    const old = { trainer: this.trainer, model: this.model, backend: this.backend };
    const snapshot = old.trainer.lastGoodWeights;
    const restoredStep = old.trainer.lastGoodStep ?? 0;
    const lostSteps = old.trainer.stepCount - restoredStep;
    const kept = old.trainer.history.filter((record) => record.step <= restoredStep);
    // The spec carries the current β and learning rate, so the rebuilt model trains on as before.
    const spec = old.model.spec;
    this.unwatch();
    // Disposing on a lost context only releases handles; nothing is read back.
    old.trainer.dispose();
    old.model.dispose();

    this.backend = await this.environment.switchBackend(old.backend);
    this.model = createModel(spec, this.options.seed);
    if (snapshot) applyWeights(this.model, snapshot);
    this.earlier = [...this.earlier, ...kept];
    this.trainer = this.newTrainer(restoredStep);
    this.lost = false;
    this.lossSignal = this.armLossSignal();
    this.unwatch = this.environment.watchContextLoss(() => this.onLoss());
    this.options.onRecovered?.({
      from: old.backend.name,
      to: this.backend.name,
      restoredStep,
      lostSteps,
    });
  }
}
