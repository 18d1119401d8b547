/**
 * The training controller's port (`types.ts`) onto a {@link TrainingSession} of the model
 * library on this thread: each call does its work between steps and answers with where the run
 * stands. A Web Worker would answer the same calls through a message port.
 */
import { applyCheckpoint, type Checkpoint } from '../vae/checkpoint.ts';
import type { TrainingSession } from '../vae/session.ts';
import { applyHyperparameters } from './hyperparameters.ts';
import type { StepReport, TrainingPort } from './types.ts';

/** Where `session` stands (re-read every time: a recovery replaces its trainer and model). */
function reportOf(session: TrainingSession): StepReport {
  const { trainer } = session;
  return { steps: trainer.stepCount, divergence: trainer.status === 'diverged' ? trainer.divergence : undefined, lastGoodStep: trainer.lastGoodStep };
}

/** A port onto `session`; `checkpoint` is what a reset returns to (else the run's initial weights). */
export function sessionPort(session: TrainingSession, checkpoint?: Checkpoint): TrainingPort {
  return {
    async step() {
      await session.step(1);
      return reportOf(session);
    },
    async apply(hyperparameters) {
      applyHyperparameters(session.model, hyperparameters);
    },
    async reset(seed) {
      if (seed !== undefined) session.trainer.reset(seed);
      else {
        session.trainer.reset(1);
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
