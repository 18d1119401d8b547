/**
 * What the model widgets of one page share: the model worker that runs every model of the page
 * (`../model-worker/client.ts`), its TensorFlow.js backend (there is one per page, chosen once
 * in the worker, honouring `?backend=`; this browser's measurement is cached in localStorage
 * here, since a worker has none), the MNIST subset the browser downloads (once, here, and sent
 * to the worker once), and the manifest of pretrained checkpoints. Each is fetched once per page
 * and only when a widget asks — these promises are the page's cache, the one deliberate piece of
 * module state in the widgets.
 */
import type { BackendChoice } from '../../lib/vae/backend.ts';
import { backendOverrideFromUrl, CACHE_KEY } from '../../lib/vae/backend-names.ts';
import { BROWSER_DEFAULT, httpSource, loadMnist, MNIST_ASSET_DIR, type LoadProgress, type MnistData } from '../../lib/vae/data.ts';
import { latestTensorCount, modelHost } from '../model-worker/client.ts';

/** The site's base URL with a trailing slash ('/' or '/book/'). */
export function siteBase(): string {
  return import.meta.env.BASE_URL.replace(/\/?$/, '/');
}

let backendChoice: Promise<BackendChoice> | undefined;

/** localStorage, or undefined where the browser refuses it (private modes, disabled storage). */
function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Measures (or reads this browser's cached measurement of) every backend in the worker and makes
 * the fastest active there; `?backend=` wins over it. `fresh` measures again and replaces the
 * cached result.
 */
async function measuredChoice(fresh: boolean): Promise<BackendChoice> {
  const override = backendOverrideFromUrl(window.location.search);
  // With an override the cache is neither read nor written (nor the GPU's name asked for).
  const storage = override === undefined ? browserStorage() : undefined;
  let cached: string | null = null;
  try {
    cached = storage?.getItem(CACHE_KEY) ?? null;
  } catch {
    // Storage refused: measure.
  }
  const answer = await modelHost().chooseBackend({ override, cached, useCache: storage !== undefined, fresh });
  if (answer.cache !== undefined) {
    try {
      storage?.setItem(CACHE_KEY, answer.cache);
    } catch {
      // Private browsing or quota: the next page measures again.
    }
  }
  return answer.choice;
}

/**
 * The page's backend: `?backend=` if it works, else the one measured fastest in this browser
 * (measured once per browser, then cached; see `src/lib/vae/backend-measure.ts`).
 */
export function pageBackend(): Promise<BackendChoice> {
  if (backendChoice === undefined) {
    backendChoice = measuredChoice(false);
    installDebugHook();
    backendChoice.catch(() => (backendChoice = undefined)); // let a later widget try again
  }
  return backendChoice;
}

/** Measures every backend again (the diagnostics page's "Run the check"); the page's backend from then on. */
export function remeasurePageBackend(): Promise<BackendChoice> {
  const choice = measuredChoice(true);
  backendChoice = choice;
  installDebugHook();
  choice.catch(() => (backendChoice = undefined));
  return choice;
}

/**
 * After a lost WebGL context: the page's one move to another backend (made in the worker, shared
 * by every session there), and the page's backend from then on.
 */
export function pageBackendAfterContextLoss(previous?: BackendChoice): Promise<BackendChoice> {
  const next = modelHost().afterContextLoss(previous);
  backendChoice = next;
  next.catch(() => (backendChoice = undefined));
  return next;
}

let mnist: Promise<MnistData> | undefined;
const mnistListeners = new Set<(progress: LoadProgress) => void>();

/**
 * The browser's MNIST subset (10,000 training and 5,000 test images, about 2.4 MB), downloaded
 * once per page; `onProgress` hears the download's progress (every caller, while it lasts).
 */
export function pageMnist(onProgress?: (progress: LoadProgress) => void): Promise<MnistData> {
  if (onProgress) mnistListeners.add(onProgress);
  if (mnist === undefined) {
    mnist = loadMnist(httpSource(`${siteBase()}${MNIST_ASSET_DIR}`), {
      ...BROWSER_DEFAULT,
      onProgress: (progress) => mnistListeners.forEach((listener) => listener(progress)),
    });
    mnist.then(
      () => mnistListeners.clear(),
      () => {
        mnistListeners.clear();
        mnist = undefined;
      },
    );
  }
  return mnist;
}

let mnistInWorker: Promise<MnistData> | undefined;

/** `pageMnist`, also sent (copied) to the model worker once, for the sessions that train on it. */
export function workerMnist(onProgress?: (progress: LoadProgress) => void): Promise<MnistData> {
  const data = pageMnist(onProgress);
  if (mnistInWorker === undefined) {
    mnistInWorker = data.then(async (loaded) => {
      await modelHost().setMnist(loaded);
      return loaded;
    });
    mnistInWorker.catch(() => (mnistInWorker = undefined));
  }
  return mnistInWorker;
}

/**
 * `window.vaeBookDebug`: `tensors()`, the model worker's live TensorFlow.js tensor count, and
 * `backend()`, the page's backend, for browser tests and curious readers (a leak shows as a
 * count that grows while a model trains). Both answer promises.
 */
function installDebugHook(): void {
  (window as unknown as { vaeBookDebug: unknown }).vaeBookDebug = {
    tensors: () => modelHost().tensors(),
    backend: async () => (await pageBackend()).name,
  };
}

/**
 * Shows the worker's live tensor count on a widget: its `data-tensors` attribute (the browser
 * tests read it) and every `[data-out="tensors"]` read-out inside it (the training panel has one).
 * The count is the one the worker sent with its latest answer (every step and read-out carries
 * it), so call this after a redraw's read-outs have come back.
 */
export function showTensorCount(root: HTMLElement): number {
  const count = latestTensorCount();
  root.dataset['tensors'] = String(count);
  for (const readout of root.querySelectorAll<HTMLElement>('[data-out="tensors"]')) readout.textContent = String(count);
  return count;
}
