/**
 * Opens the training session of a widget in the page's model worker: the page's MNIST subset
 * (sent to the worker once) and backend, a model of the library (from a spec, or from a shipped
 * checkpoint so the reader starts from trained weights at once), and its trainer — all through
 * the worker's `openSession` (`src/lib/worker/model-host.ts`), which also recovers from a lost
 * WebGL context. `openDataSession` does the same for a model that trains on other data (2-D toy
 * points) and downloads no MNIST.
 */
import type { Checkpoint } from '../../lib/vae/checkpoint.ts';
import type { LoadProgress, MnistData } from '../../lib/vae/data.ts';
import type { ModelSpec } from '../../lib/vae/models/index.ts';
import type { RecoveryEvent } from '../../lib/vae/session.ts';
import type { DataRequest } from '../../lib/worker/protocol.ts';
import { modelHost, newModelId } from '../model-worker/client.ts';
import { RemoteSession } from '../model-worker/remote-session.ts';
import { pageBackend, workerMnist } from '../page-services/page-resources.ts';
import { pretrainedCheckpoint, pretrainedEntry } from '../page-services/pretrained.ts';

export interface OpenOptions {
  /** The manifest name of a shipped checkpoint to start from (its spec is used), … */
  readonly pretrained?: string;
  /** … or the spec of a model to train from random weights. */
  readonly spec?: ModelSpec;
  /** Weight and data-order seed. Default 1. */
  readonly seed?: number;
  /** Examples per step. Default 64 (small steps keep each step short). */
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
  readonly session: RemoteSession;
  /** The shipped weights the session started from (a reset returns to them in the worker). */
  readonly checkpoint: Checkpoint | undefined;
}

export interface OpenedSession extends OpenedRun {
  readonly mnist: MnistData;
}

type SessionSettings = Pick<OpenOptions, 'seed' | 'batchSize' | 'readEvery' | 'snapshotEvery'>;

/** Opens `spec` on `data` in the worker, on the page's backend. */
async function openRemote(spec: ModelSpec, data: DataRequest, options: SessionSettings & Pick<OpenOptions, 'onRecovered'>, checkpoint?: Checkpoint) {
  await pageBackend();
  const id = newModelId('session');
  const state = await modelHost().openSession(id, {
    spec,
    data,
    seed: options.seed ?? 1,
    batchSize: options.batchSize ?? 64,
    readEvery: options.readEvery ?? 10,
    snapshotEvery: options.snapshotEvery ?? 50,
    checkpoint,
  });
  return new RemoteSession(id, state, options.onRecovered);
}

export async function openTrainingSession(options: OpenOptions): Promise<OpenedSession> {
  // The backend is chosen while the data and the checkpoint download; the session then takes the page's choice.
  const pretrained = options.pretrained === undefined ? undefined : pretrainedEntry(options.pretrained);
  const [mnist, , checkpoint] = await Promise.all([workerMnist(options.onProgress), pageBackend(), pretrained?.then(pretrainedCheckpoint)]);
  const entry = await pretrained;
  const spec = (entry?.spec ?? options.spec) as ModelSpec | undefined;
  if (spec === undefined) throw new Error('openTrainingSession needs `pretrained` or `spec`.');
  const session = await openRemote(spec, { kind: 'mnist' }, options, checkpoint);
  return { session, mnist, checkpoint };
}

export interface DataOpenOptions extends Pick<OpenOptions, 'seed' | 'batchSize' | 'readEvery' | 'onRecovered'> {
  /** The model to train from random weights. */
  readonly spec: ModelSpec;
  /** What it trains on: points of dimension `dim`, row after row (e.g. 2-D toy points). */
  readonly points: { readonly values: Float32Array; readonly dim: number };
}

/** A session in the worker that trains `spec` on points (no MNIST download, no checkpoint). */
export async function openDataSession(options: DataOpenOptions): Promise<OpenedRun> {
  const session = await openRemote(options.spec, { kind: 'points', values: options.points.values, dim: options.points.dim }, options);
  return { session, checkpoint: undefined };
}
