/**
 * The page's side of its model worker: the one Web Worker (`model.worker.ts`) is started when a
 * figure first needs a model, and every figure calls its host (`src/lib/worker/model-host.ts`)
 * through this stand-in (`src/lib/worker/rpc.ts`). The main thread never loads TensorFlow.js.
 */
import { macrotask } from '../../lib/training/run-steps.ts';
import type { ModelHost } from '../../lib/worker/model-host.ts';
import { createTurnKeeper } from '../../lib/worker/page-turns.ts';
import { connect, type Remote } from '../../lib/worker/rpc.ts';

let remote: Remote<ModelHost> | undefined;

/** The worker's host (the worker starts on the first call). */
export function modelHost(): Remote<ModelHost> {
  remote ??= connect<ModelHost>(new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'vae-book models' }));
  return remote;
}

/**
 * The page's side of a run's turns with its frames (`page-turns.ts`; only runs on a device on the
 * CPU take them): read-outs count as the page's work, and a turn goes back once they are in and a
 * frame has been drawn since.
 */
export const pageTurns = createTurnKeeper(
  (id, step) => {
    modelHost()
      .handBack(id, step)
      .catch(() => {});
  },
  (fn) => requestAnimationFrame(() => void macrotask().then(fn)),
);

let tensors = 0;

/** The worker's live tensor count as of its latest answer that carried one (steps and read-outs do). */
export function latestTensorCount(): number {
  return tensors;
}

/** Notes the count an answer carried. */
export function noteTensorCount(count: number): void {
  tensors = count;
}

let nextId = 0;

/** A fresh id for a model or session of this page's worker. */
export function newModelId(what: string): string {
  nextId += 1;
  return `${what}-${nextId}`;
}
