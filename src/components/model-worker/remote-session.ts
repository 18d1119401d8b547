/**
 * A training session that lives in the page's model worker, as a figure holds it: its model
 * (`RemoteModel`), backend, step count and the history of read-back metrics, kept in step with
 * the worker's answers; and the training controller's port onto it (`TrainingPort`: the run
 * lives in the worker, and the page asks where it stands).
 */
import type { TrainingPort } from '../../lib/training/types.ts';
import type { BackendChoice } from '../../lib/vae/backend.ts';
import type { Checkpoint } from '../../lib/vae/checkpoint.ts';
import type { RecoveryEvent } from '../../lib/vae/session.ts';
import type { MetricsRecord } from '../../lib/vae/trainer.ts';
import type { WeightDType } from '../../lib/vae/weights-manifest.ts';
import type { SessionState } from '../../lib/worker/protocol.ts';
import { modelHost, noteTensorCount, pageTurns } from './client.ts';
import { RemoteModel } from './remote-model.ts';

export class RemoteSession {
  readonly id: string;
  readonly model: RemoteModel;
  backend: BackendChoice;
  /** Every metrics record of the run (as `TrainingSession.history`). */
  history: MetricsRecord[] = [];
  /** Steps of the run so far. */
  stepCount = 0;
  private readonly onRecovered: ((event: RecoveryEvent) => void) | undefined;

  constructor(id: string, state: SessionState, onRecovered?: (event: RecoveryEvent) => void) {
    this.id = id;
    this.model = new RemoteModel(id, state.model);
    this.backend = state.backend;
    this.onRecovered = onRecovered;
    this.update(state);
  }

  /** Takes the worker's answer in: steps, backend, model, new history records, recoveries, the page's turn. */
  update(state: SessionState): SessionState {
    this.stepCount = state.report.steps;
    noteTensorCount(state.tensors);
    this.backend = state.backend;
    this.model.update(state.model);
    this.history = [...this.history.slice(0, state.history.from), ...state.history.records];
    for (const event of state.recovered) this.onRecovered?.(event);
    if (state.turn !== undefined) pageTurns.owe(this.id, state.turn);
    return state;
  }

  /** The model's weights as a checkpoint (e.g. to save them in the browser). */
  checkpoint(dtype: WeightDType, meta?: Record<string, unknown>): Promise<Checkpoint> {
    return modelHost().checkpoint(this.id, dtype, meta);
  }

  /** A fresh run (step 0) from the weights of `checkpoint`. */
  async load(checkpoint: Checkpoint): Promise<SessionState> {
    return this.update(await modelHost().loadIntoSession(this.id, checkpoint));
  }

  dispose(): void {
    void modelHost()
      .dispose(this.id)
      .catch(() => {});
  }
}

/** The controller's port onto `session`. */
export function remotePort(session: RemoteSession): TrainingPort {
  const host = modelHost();
  return {
    // (A figure's run takes turns with the page's frames where the device is the CPU.)
    run: async (maxSteps) => session.update(await host.run(session.id, maxSteps, true)).report,
    stop: () => {
      host.stop(session.id).catch(() => {});
    },
    progress: async () => session.update(await host.progress(session.id)).report,
    apply: (hyperparameters) => host.apply(session.id, hyperparameters),
    reset: async (seed) => session.update(await host.reset(session.id, seed)).report,
    restoreLastGood: async () => session.update(await host.restoreLastGood(session.id)).report,
    load: async (checkpoint) => (await session.load(checkpoint)).report,
    dispose: () => session.dispose(),
  };
}
