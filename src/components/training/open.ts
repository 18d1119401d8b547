/**
 * Opens the training session of a widget: the page's MNIST subset and backend, a model of the
 * library (from a spec, or from a shipped checkpoint so the reader starts from trained weights at
 * once), and its trainer — all through `createTrainingSession`, which also recovers from a lost
 * WebGL context. `openDataSession` does the same for a model that trains on other data (e.g.
 * 2-D toy points) and downloads no MNIST.
 */
import { applyCheckpoint, type Checkpoint } from '../../lib/vae/checkpoint.ts';
import type { LoadProgress, MnistData } from '../../lib/vae/data.ts';
import type { ModelSpec } from '../../lib/vae/models/index.ts';
import { createTrainingSession, type RecoveryEvent, type TrainingSession } from '../../lib/vae/session.ts';
import type { DataSource } from '../../lib/vae/trainer.ts';
import { pageBackend, pageBackendAfterContextLoss, pageMnist } from '../page-services/page-resources.ts';
import { pretrainedCheckpoint, pretrainedEntry } from '../page-services/pretrained.ts';

export interface OpenOptions {
  /** The manifest name of a shipped checkpoint to start from (its spec is used), … */
  readonly pretrained?: string;
  /** … or the spec of a model to train from random weights. */
  readonly spec?: ModelSpec;
  /** Weight and data-order seed. Default 1. */
  readonly seed?: number;
  /** Examples per step. Default 64 (small steps keep each slice short). */
  readonly batchSize?: number;
  /** Steps per metrics read-back (one point of the loss curve). Default 10. */
  readonly readEvery?: number;
  /** Minimum steps between the weight snapshots a recovery restores. Default 50. */
  readonly snapshotEvery?: number;
  readonly onProgress?: (progress: LoadProgress) => void;
  readonly onRecovered?: (event: RecoveryEvent) => void;
}

/** What the training panel needs of an opened session. */
export interface OpenedRun {
  readonly session: TrainingSession;
  /** The shipped weights the session started from, to return to on "reset". */
  readonly checkpoint: Checkpoint | undefined;
}

export interface OpenedSession extends OpenedRun {
  readonly mnist: MnistData;
}

/**
 * The session settings every widget shares: snapshots, recovery, and the page's backend — the
 * session computes on the backend the page already chose (no second choice), and after a lost
 * WebGL context it moves with the page's one switch rather than choosing on its own.
 */
const sessionDefaults = (options: Pick<OpenOptions, 'seed' | 'batchSize' | 'readEvery' | 'snapshotEvery' | 'onRecovered'>) => ({
  seed: options.seed ?? 1,
  batchSize: options.batchSize ?? 64,
  readEvery: options.readEvery ?? 10,
  snapshotEvery: options.snapshotEvery ?? 50,
  environment: { choose: () => pageBackend(), switchBackend: pageBackendAfterContextLoss },
  ...(options.onRecovered ? { onRecovered: options.onRecovered } : {}),
});

export async function openTrainingSession(options: OpenOptions): Promise<OpenedSession> {
  // The backend is chosen while the data and the checkpoint download; the session then takes the page's choice.
  const pretrained = options.pretrained === undefined ? undefined : pretrainedEntry(options.pretrained);
  const [mnist, , checkpoint] = await Promise.all([pageMnist(options.onProgress), pageBackend(), pretrained?.then(pretrainedCheckpoint)]);
  const entry = await pretrained;
  const spec = (entry?.spec ?? options.spec) as ModelSpec | undefined;
  if (spec === undefined) throw new Error('openTrainingSession needs `pretrained` or `spec`.');
  const session = await createTrainingSession({ spec, data: mnist.train, ...sessionDefaults(options) });
  if (checkpoint) {
    try {
      applyCheckpoint(session.model, checkpoint);
    } catch (error) {
      session.dispose();
      throw error;
    }
  }
  return { session, mnist, checkpoint };
}

export interface DataOpenOptions extends Pick<OpenOptions, 'seed' | 'batchSize' | 'readEvery' | 'onRecovered'> {
  /** The model to train from random weights. */
  readonly spec: ModelSpec;
  /** What it trains on, e.g. a `PointSource` of 2-D toy points. */
  readonly data: DataSource;
}

/** A session on the page's backend that trains `spec` on `data` (no MNIST download, no checkpoint). */
export async function openDataSession(options: DataOpenOptions): Promise<OpenedRun> {
  const session = await createTrainingSession({ spec: options.spec, data: options.data, ...sessionDefaults(options) });
  return { session, checkpoint: undefined };
}
