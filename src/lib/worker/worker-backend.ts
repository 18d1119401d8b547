/**
 * The model worker's backend machinery (`HostEnvironment` of `model-host.ts`): the page's
 * measured choice (`backend-measure.ts`; the worker has no localStorage, so the page passes this
 * browser's cached entry in and stores the entry the measurement writes) and the switch after a
 * lost WebGL context. WebGL runs in the worker on an OffscreenCanvas, WebGPU and WASM as on a page.
 * Whether WebGL is a software renderer (a device on the CPU, so runs take turns with the page) is
 * read from its renderer string, read once for that and for the cache key.
 */
import { switchAfterContextLoss } from '../vae/backend.ts';
import { CACHE_KEY, chooseMeasuredBackend } from '../vae/backend-measure.ts';
import { backendFingerprint, trainingStepWorkload, webglRenderer } from '../vae/backend-workload.ts';
import type { HostEnvironment } from './model-host.ts';
import { createPageTurns, isSoftwareRenderer } from './page-turns.ts';
import type { BackendAnswer, BackendRequest } from './protocol.ts';

/** A one-entry stand-in for localStorage: what the page read, and what the measurement wrote. */
function entryStorage(cached: string | null) {
  let text = cached;
  let written: string | undefined;
  return {
    getItem: (key: string) => (key === CACHE_KEY ? text : null),
    setItem: (key: string, value: string) => {
      if (key !== CACHE_KEY) return;
      text = value;
      written = value;
    },
    written: () => written,
  };
}

let rendererText: string | undefined;
/** The WebGL renderer string, read once (each read makes a context): the cache key's part, and whether runs take turns. */
const renderer = () => (rendererText ??= webglRenderer());

async function choose(request: BackendRequest): Promise<BackendAnswer> {
  const storage = entryStorage(request.cached);
  const choice = await chooseMeasuredBackend({
    override: request.override,
    timeWorkload: trainingStepWorkload,
    cache: request.useCache ? { storage, fingerprint: await backendFingerprint(renderer()) } : undefined,
    ignoreCache: request.fresh,
  });
  return { choice, cache: storage.written() };
}

/** The longest a run waits for the page to hand its turn back once told of it (a hidden page draws no frames). */
const TURN_MAX_MS = 150;

export const workerEnvironment: HostEnvironment = {
  choose,
  switchAfterLoss: (previous) => switchAfterContextLoss(previous),
  pageTurns: (backend) => (backend.name === 'webgl' && isSoftwareRenderer(renderer()) ? createPageTurns(TURN_MAX_MS) : undefined),
};
