/**
 * The training controller's port (`types.ts`) onto a {@link TrainingSession} of the model
 * library on this thread (in the book: inside the model worker, whose host wraps it; in Node: the
 * unit tests), plus `step()`, one step: each call answers with where the session stands.
 */
import { applyCheckpoint, type Checkpoint } from '../vae/checkpoint.ts';
import type { TrainingSession } from '../vae/session.ts';
import { applyHyperparameters } from './hyperparameters.ts';
import { stepRunner } from './run-steps.ts';
import type { StepReport, TrainingPort } from './types.ts';

/** Where `session` stands (re-read every time: a recovery replaces its trainer and model). */
export function reportOf(session: TrainingSession): StepReport {
  const { trainer } = session;
  return { steps: trainer.stepCount, divergence: trainer.status === 'diverged' ? trainer.divergence : undefined, lastGoodStep: trainer.lastGoodStep };
}

export interface SessionPort extends TrainingPort {
  /** Trains one step. */
  step(): Promise<StepReport>;
}

/**
 * A port onto `session`. A reset returns to `checkpoint` with the data order of the seed the
 * session was opened with, also after a run from scratch (else to the run's initial weights).
 * `runStep` wraps each step of a run (the model worker's host queues them with its other calls;
 * `step()` itself is not wrapped), and `yieldBetween` is a run's wait between two steps (default:
 * one macrotask; the host's also waits while the page has its turn, `page-turns.ts`).
 */
export function sessionPort(
  session: TrainingSession,
  checkpoint?: Checkpoint,
  runStep: (step: () => Promise<StepReport>) => Promise<StepReport> = (step) => step(),
  yieldBetween?: () => Promise<void>,
): SessionPort {
  const step = async () => {
    await session.step(1);
    return reportOf(session);
  };
  const runner = stepRunner(
    () => runStep(step),
    () => reportOf(session),
    yieldBetween,
  );
  return {
    step,
    run: runner.run,
    stop: runner.stop,
    progress: async () => runner.progress(),
    async apply(hyperparameters) {
      applyHyperparameters(session.model, hyperparameters);
    },
    async reset(seed) {
      if (seed !== undefined) session.trainer.reset(seed);
      else {
        session.trainer.reset(session.seed);
        if (checkpoint) applyCheckpoint(session.model, checkpoint);
      }
      return reportOf(session);
    },
    async restoreLastGood() {
      session.trainer.restoreLastGood();
      return reportOf(session);
    },
    async load(saved) {
      session.trainer.reset();
      applyCheckpoint(session.model, saved);
      return reportOf(session);
    },
    dispose() {
      session.dispose();
    },
  };
}
