/**
 * The messages between the page and its model worker, as types: what the page asks
 * (`OpenRequest`, `BackendRequest`, read-out names) and what the worker answers (`SessionState`,
 * `StepUpdate`, `ModelInfo`). Types only, so the page's main thread imports no TensorFlow.js
 * through this file; the worker's side is `model-host.ts`.
 */
import type { StepReport } from '../training/types.ts';
import type { BackendChoice, BackendName } from '../vae/backend.ts';
import type { Checkpoint } from '../vae/checkpoint.ts';
import type { ClassifierSpec } from '../vae/classifier.ts';
import type { ModelSpec } from '../vae/models/index.ts';
import type { RecoveryEvent } from '../vae/session.ts';
import type { MetricsRecord } from '../vae/trainer.ts';

/** What a session trains on: the page's MNIST training split (sent once with `setMnist`), or points. */
export type DataRequest = { readonly kind: 'mnist' } | { readonly kind: 'points'; readonly values: Float32Array; readonly dim: number };

/** Opens a training session in the worker. */
export interface OpenRequest {
  readonly spec: ModelSpec;
  readonly data: DataRequest;
  readonly seed: number;
  readonly batchSize: number;
  readonly readEvery: number;
  readonly snapshotEvery: number;
  /** Shipped weights applied at once and restored by a reset. */
  readonly checkpoint?: Checkpoint | undefined;
}

/** How the page asks for its backend: `?backend=`, this browser's cached measurement (localStorage text), or a fresh one. */
export interface BackendRequest {
  readonly override?: BackendName | undefined;
  /** The cached entry's text (the worker has no localStorage), or null. */
  readonly cached: string | null;
  /** Whether a cache is used at all (not with an override, nor where storage is refused). */
  readonly useCache: boolean;
  /** Measure again even when the cache holds a choice. */
  readonly fresh: boolean;
}

/** The worker's answer: the choice, and the cache entry's text to store when it changed. */
export interface BackendAnswer {
  readonly choice: BackendChoice;
  readonly cache?: string | undefined;
}

/** A model in the worker, as the page knows it. */
export interface ModelInfo {
  readonly kind: ModelSpec['kind'] | ClassifierSpec['kind'];
  readonly spec: ModelSpec | ClassifierSpec;
  readonly latentDim: number;
}

/** A session's history, sent as what changed: records from index `from` on replace the page's copy. */
export interface HistoryUpdate {
  readonly from: number;
  readonly records: readonly MetricsRecord[];
}

/** Where a session stands, with what changed since the page last asked. */
export interface SessionState {
  readonly report: StepReport;
  readonly backend: BackendChoice;
  readonly model: ModelInfo;
  readonly history: HistoryUpdate;
  /** Moves to another backend after a lost WebGL context since the last answer. */
  readonly recovered: readonly RecoveryEvent[];
  /** The worker's live tensor count after the call. */
  readonly tensors: number;
  /**
   * Set while the page has the turn of a run that takes turns with it (`page-turns.ts`): the
   * step read back. The page hands it back (`handBack`) once it has drawn what it read.
   */
  readonly turn?: number | undefined;
}

/** A read-out's answer, with the worker's live tensor count once its tensors are freed. */
export interface ReadoutAnswer {
  readonly value: unknown;
  readonly tensors: number;
}

/** The read-outs of `src/lib/vae/readout.ts` (and the IWAE estimate) that the worker answers. */
export type ReadoutName =
  | 'decodeCodes'
  | 'decodeWithLabels'
  | 'decodeAndClassify'
  | 'reconstructImages'
  | 'denoiseImages'
  | 'encodeMeans'
  | 'encodeSplit'
  | 'klPerDimension'
  | 'drawSamples'
  | 'discriminate'
  | 'classifyImages'
  | 'iwaeDraws';

/** Model methods the page may call (setters of settings that take effect at the next step). */
export type ModelMethod = 'setGeneratorLoss' | 'setDiscriminatorSteps' | 'setNoise';

/** Stands for a model of the worker in a read-out's arguments (e.g. the classifier of `decodeAndClassify`). */
export interface ModelRef {
  readonly modelId: string;
}
