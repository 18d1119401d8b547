/**
 * The page's side of its model worker: the one Web Worker (`model.worker.ts`) is started when a
 * figure first needs a model, and every figure talks to it through this Comlink proxy of its
 * host (`src/lib/worker/model-host.ts`). The main thread never loads TensorFlow.js.
 */
import * as Comlink from 'comlink';
import type { ModelHost } from '../../lib/worker/model-host.ts';

let remote: Comlink.Remote<ModelHost> | undefined;

/** The worker's host (the worker starts on the first call). */
export function modelHost(): Comlink.Remote<ModelHost> {
  remote ??= Comlink.wrap<ModelHost>(new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'vae-book models' }));
  return remote;
}

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
