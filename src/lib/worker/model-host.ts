/**
 * The model worker's host: every model and training session of one page lives here, by id, on
 * the one backend the page chose. The page (main thread) only sends intents and reads back plain
 * arrays: open a session from a spec (and shipped weights), step it, set its hyperparameters,
 * reset or restore it; load a model for read-outs; ask the read-outs of `readout.ts`; count
 * tensors; lose the WebGL context on purpose (tests). DOM-free and free of the messaging layer:
 * `src/components/model-worker/model.worker.ts` serves it (`rpc.ts`), and the unit tests call
 * it directly in Node.
 *
 * The page's one backend is chosen here (`chooseBackend`, with the cached measurement the page
 * passes in) and moved once after a lost WebGL context (`afterContextLoss`), shared by every
 * session, as `src/lib/vae/session.ts` expects.
 */
import type { Hyperparameters } from '../training/hyperparameters.ts';
import { macrotask } from '../training/run-steps.ts';
import { type SessionPort, sessionPort } from '../training/session-port.ts';
import type { StepReport } from '../training/types.ts';
import { type BackendChoice, liveTensorCount, loseWebGLContext, measureMatMul, onWebGLContextLost } from '../vae/backend.ts';
import { applyCheckpoint, type Checkpoint, checkpointFromModel } from '../vae/checkpoint.ts';
import { Classifier, type ClassifierSpec } from '../vae/classifier.ts';
import type { MnistData } from '../vae/data.ts';
import { iwaeDraws } from '../vae/iwae-estimate.ts';
import { type AnyModel, createModel, type ModelSpec } from '../vae/models/index.ts';
import { PointSource } from '../vae/points.ts';
import * as readout from '../vae/readout.ts';
import type { CodeStats } from '../vae/sampling.ts';
import { createTrainingSession, type RecoveryEvent, type TrainingSession } from '../vae/session.ts';
import type { MetricsRecord } from '../vae/trainer.ts';
import type { WeightDType } from '../vae/weights-manifest.ts';
import type { PageTurns } from './page-turns.ts';
import type { BackendAnswer, BackendRequest, ModelInfo, ModelMethod, ModelRef, OpenRequest, ReadoutAnswer, ReadoutName, SessionState } from './protocol.ts';

/** What the host needs of the backend machinery (the worker's defaults: `worker-backend.ts`; tests inject their own). */
export interface HostEnvironment {
  choose(request: BackendRequest): Promise<BackendAnswer>;
  switchAfterLoss(previous: BackendChoice | undefined): Promise<BackendChoice>;
  /** Subscribes to the loss of the active WebGL context; returns the unsubscribe. */
  watchContextLoss?(callback: () => void): () => void;
  /**
   * Runs `work` when no other call of the host is at work (the worker's queue of calls, so that a
   * run's steps and the page's read-outs take turns). Default: at once.
   */
  exclusive?<R>(work: () => Promise<R>): Promise<R>;
  /**
   * The turns a run for the page takes with its frames on `backend` (`page-turns.ts`: where the
   * device is the CPU, software WebGL), or none. Default: none.
   */
  pageTurns?(backend: BackendChoice): PageTurns | undefined;
}

type HostModel = AnyModel | Classifier;

interface SessionEntry {
  readonly session: TrainingSession;
  readonly port: SessionPort;
  readonly points: PointSource | undefined;
  recovered: RecoveryEvent[];
  /** The last history record the page has, to send only what changed. */
  lastSent: MetricsRecord | undefined;
  /** The run's turns with the page, while a run that takes them is in progress. */
  turns: PageTurns | undefined;
}

const READOUTS = {
  decodeCodes: readout.decodeCodes,
  decodeWithLabels: readout.decodeWithLabels,
  decodeAndClassify: readout.decodeAndClassify,
  reconstructImages: readout.reconstructImages,
  denoiseImages: readout.denoiseImages,
  encodeMeans: readout.encodeMeans,
  klPerDimension: readout.klPerDimension,
  drawSamples: readout.drawSamples,
  discriminate: readout.discriminate,
  classifyImages: readout.classifyImages,
  iwaeDraws,
} as const;

const isModelRef = (value: unknown): value is ModelRef => typeof value === 'object' && value !== null && 'modelId' in value;

export type ModelHost = ReturnType<typeof createModelHost>;

export function createModelHost(environment: HostEnvironment) {
  const watchContextLoss = environment.watchContextLoss ?? onWebGLContextLost;
  const exclusive = environment.exclusive ?? (<R>(work: () => Promise<R>) => work());
  const sessions = new Map<string, SessionEntry>();
  const models = new Map<string, HostModel>();
  let backend: Promise<BackendChoice> | undefined;
  let afterLoss: Promise<BackendChoice> | undefined;
  let mnist: MnistData | undefined;

  const modelOf = (id: string): HostModel => {
    const model = sessions.get(id)?.session.model ?? models.get(id);
    if (model === undefined) throw new Error(`No model "${id}" in the model worker.`);
    return model;
  };
  const entryOf = (id: string): SessionEntry => {
    const entry = sessions.get(id);
    if (entry === undefined) throw new Error(`No training session "${id}" in the model worker.`);
    return entry;
  };
  const infoOf = (model: HostModel): ModelInfo => ({
    kind: model.kind,
    spec: model.spec,
    latentDim: model.kind === 'classifier' ? 0 : model.latentDim,
  });
  /** The session's state, with the history records the page does not have yet (and the page's turn, which this answer tells it of). */
  const stateOf = (entry: SessionEntry, report: StepReport): SessionState => {
    const history = entry.session.history;
    const kept = entry.lastSent === undefined ? -1 : history.lastIndexOf(entry.lastSent);
    const from = kept + 1;
    entry.lastSent = history.at(-1);
    const recovered = entry.recovered;
    entry.recovered = [];
    const turn = entry.turns?.pageTurn;
    entry.turns?.told();
    return {
      report,
      backend: entry.session.backend,
      model: infoOf(entry.session.model),
      history: { from, records: history.slice(from) },
      recovered,
      tensors: liveTensorCount(),
      turn,
    };
  };
  const pageBackend = (): Promise<BackendChoice> => {
    if (backend === undefined) choose({ cached: null, useCache: false, fresh: false });
    return backend as Promise<BackendChoice>;
  };
  const readoutValue = (name: ReadoutName, id: string, args: readonly unknown[]): Promise<unknown> => {
    const model = modelOf(id);
    if (name === 'encodeSplit') {
      const [split, count] = args as ['train' | 'test', number];
      if (mnist === undefined) throw new Error('The model worker has no MNIST yet (setMnist).');
      return readout.encodeSplit(model as readout.ImageEncoder, mnist[split], count);
    }
    const resolved = args.map((arg) => (isModelRef(arg) ? modelOf(arg.modelId) : arg));
    return (READOUTS[name] as (...a: unknown[]) => Promise<unknown>)(model, ...resolved);
  };
  const afterContextLoss = (previous?: BackendChoice): Promise<BackendChoice> => {
    if (afterLoss === undefined) {
      afterLoss = environment.switchAfterLoss(previous);
      backend = afterLoss;
      afterLoss.catch(() => (afterLoss = backend = undefined));
    }
    return afterLoss;
  };
  const choose = (request: BackendRequest): Promise<BackendAnswer> => {
    const answer = environment.choose(request);
    const choice = answer.then((a) => a.choice);
    backend = choice;
    choice.catch(() => (backend = undefined)); // let a later figure try again
    return answer;
  };

  return {
    /** The page's backend (measured, cached or `?backend=`); `fresh` measures again. */
    chooseBackend: choose,
    /** The page's one move to another backend after a lost WebGL context (shared by every session). */
    afterContextLoss,
    /** The page's MNIST subset (sent once by the page, which downloaded it). */
    setMnist(data: MnistData): void {
      mnist = data;
    },
    hasMnist: () => mnist !== undefined,

    async openSession(id: string, request: OpenRequest): Promise<SessionState> {
      const points = request.data.kind === 'points' ? new PointSource(request.data.values, request.data.dim) : undefined;
      if (points === undefined && mnist === undefined) throw new Error('The model worker has no MNIST yet (setMnist).');
      const entry: Pick<SessionEntry, 'recovered'> = { recovered: [] };
      const session = await createTrainingSession({
        spec: request.spec,
        data: points ?? (mnist as MnistData).train,
        seed: request.seed,
        batchSize: request.batchSize,
        readEvery: request.readEvery,
        snapshotEvery: request.snapshotEvery,
        environment: { choose: pageBackend, switchBackend: afterContextLoss, watchContextLoss },
        onRecovered: (event) => entry.recovered.push(event),
      });
      if (request.checkpoint) {
        try {
          applyCheckpoint(session.model, request.checkpoint);
        } catch (error) {
          session.dispose();
          throw error;
        }
      }
      // A run's steps each take their turn in the worker's queue of calls; in a run that takes
      // turns with the page, a step that read the metrics back gives the page the turn, and the
      // run waits for it to come back before the next step.
      const takeStep = async (step: () => Promise<StepReport>) => {
        const before = session.trainer.latest;
        const report = await exclusive(step);
        const read = session.trainer.latest;
        if (read !== undefined && read !== before) full.turns?.give(read.step);
        return report;
      };
      const betweenSteps = async () => {
        await macrotask();
        await full.turns?.ready();
      };
      const port = sessionPort(session, request.checkpoint, takeStep, betweenSteps);
      const full: SessionEntry = Object.assign(entry, { session, port, points, lastSent: undefined, turns: undefined });
      sessions.set(id, full);
      return stateOf(full, { steps: session.trainer.stepCount });
    },
    async step(id: string): Promise<SessionState> {
      const entry = entryOf(id);
      return stateOf(entry, await entry.port.step());
    },
    /**
     * Trains session `id` step after step, each step taking its turn with the page's other calls,
     * until `stop(id)`, a divergence or `maxSteps`; answers once no step is in flight. Not itself
     * one of the queued calls (it would hold the queue for the whole run). With `withPage` (the
     * page's training figures) and a device on the CPU, the run also takes turns with the page's
     * frames (`page-turns.ts`).
     */
    async run(id: string, maxSteps?: number, withPage = false): Promise<SessionState> {
      const entry = entryOf(id);
      const turns = withPage ? environment.pageTurns?.(entry.session.backend) : undefined;
      entry.turns = turns;
      let report: StepReport;
      try {
        report = await entry.port.run(maxSteps);
      } finally {
        turns?.close();
        if (entry.turns === turns) entry.turns = undefined;
      }
      return stateOf(entry, report);
    },
    /** Ends session `id`'s run before its next step, and its turns with the page (not queued: it must overtake the run's steps). */
    stop(id: string): void {
      const entry = sessions.get(id);
      entry?.port.stop();
      entry?.turns?.close();
    },
    /** The page has drawn what it read of session `id` up to `step`: the run's turn again (not queued). */
    handBack(id: string, step: number): void {
      sessions.get(id)?.turns?.handBack(step);
    },
    /**
     * Where session `id` stands now (during a run: as of its last step; during a run that takes
     * turns with the page, at the page's next turn). Not itself one of the queued calls (it may
     * wait for that turn); its answer takes its place in the queue.
     */
    async progress(id: string): Promise<SessionState> {
      const entry = entryOf(id);
      await entry.turns?.pageReady();
      return exclusive(async () => stateOf(entry, await entry.port.progress()));
    },
    async apply(id: string, hyperparameters: Hyperparameters): Promise<void> {
      await entryOf(id).port.apply(hyperparameters);
    },
    async reset(id: string, seed?: number): Promise<SessionState> {
      const entry = entryOf(id);
      return stateOf(entry, await entry.port.reset(seed));
    },
    async restoreLastGood(id: string): Promise<SessionState> {
      const entry = entryOf(id);
      return stateOf(entry, await entry.port.restoreLastGood());
    },
    /** New points for a session that trains on points (the next steps draw from them). */
    replacePoints(id: string, values: Float32Array): void {
      const points = entryOf(id).points;
      if (points === undefined) throw new Error(`Session "${id}" does not train on points.`);
      points.replace(values);
    },
    /** Builds a model (or the digit classifier) from its spec with `checkpoint`'s weights, for read-outs. */
    async loadModel(id: string, spec: ModelSpec | ClassifierSpec, seed: number, checkpoint: Checkpoint): Promise<ModelInfo> {
      await pageBackend();
      const model: HostModel = spec.kind === 'classifier' ? new Classifier(spec, seed) : createModel(spec, seed);
      try {
        applyCheckpoint(model, checkpoint);
      } catch (error) {
        model.dispose();
        throw error;
      }
      models.set(id, model);
      return infoOf(model);
    },
    /**
     * `n` samples (`drawSamples`) of a model built from `spec` with `checkpoint`'s weights, freed
     * again in the same call (the pretrained list); the classifier is only loaded (undefined).
     */
    async sampleCheckpoint(
      spec: ModelSpec | ClassifierSpec,
      seed: number,
      checkpoint: Checkpoint,
      n: number,
      sampleSeed: number,
      codeStats?: CodeStats,
    ): Promise<ReadoutAnswer> {
      await pageBackend();
      const model: HostModel = spec.kind === 'classifier' ? new Classifier(spec, seed) : createModel(spec, seed);
      let value: Float32Array | undefined;
      try {
        applyCheckpoint(model, checkpoint);
        if (model.kind !== 'classifier') value = await readout.drawSamples(model, n, sampleSeed, codeStats);
      } finally {
        model.dispose();
      }
      return { value, tensors: liveTensorCount() };
    },
    /** Frees a model or a session. */
    dispose(id: string): void {
      sessions.get(id)?.port.stop();
      sessions.get(id)?.port.dispose();
      sessions.delete(id);
      models.get(id)?.dispose();
      models.delete(id);
    },
    /** One of the read-outs of `readout.ts` on model `id`; `ModelRef` arguments stand for other models. */
    async readout(name: ReadoutName, id: string, args: readonly unknown[]): Promise<ReadoutAnswer> {
      const value = await readoutValue(name, id, args);
      return { value, tensors: liveTensorCount() };
    },
    /** A setting of model `id` that takes effect at the next step (e.g. the toy GAN's generator loss). */
    callModel(id: string, method: ModelMethod, value: unknown): void {
      const model = modelOf(id) as unknown as Record<ModelMethod, ((value: unknown) => void) | undefined>;
      const fn = model[method];
      if (typeof fn !== 'function') throw new Error(`Model "${id}" has no method ${method}.`);
      fn.call(model, value);
    },
    /** Model `id`'s weights as a checkpoint (to save them). */
    checkpoint(id: string, dtype: WeightDType, meta?: Record<string, unknown>): Promise<Checkpoint> {
      return checkpointFromModel(modelOf(id), dtype, meta);
    },
    /** Loads `checkpoint` into session `id` as a fresh run (step 0). */
    async loadIntoSession(id: string, checkpoint: Checkpoint): Promise<SessionState> {
      const entry = entryOf(id);
      return stateOf(entry, await entry.port.load(checkpoint));
    },
    /** The worker's live tensor count (a leak shows as a count that grows while a model trains). */
    tensors: (): number => liveTensorCount(),
    /** Loses the WebGL context on purpose (browser tests); false when there is none. */
    loseContextForTest: (): boolean => loseWebGLContext(),
    /** Resolves when the active WebGL context is lost (the browser check reports it). */
    contextLost(): Promise<void> {
      return new Promise((resolve) => {
        const unwatch = watchContextLoss(() => {
          unwatch();
          resolve();
        });
      });
    },
    measureMatMul,
  };
}
