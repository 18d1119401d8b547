/**
 * What the model widgets of one page share: the TensorFlow.js backend (there is one per page,
 * so it is chosen once, honouring `?backend=`), the MNIST subset the browser downloads, and the
 * manifest of pretrained checkpoints. Each is fetched once per page and only when a widget asks —
 * these promises are the page's cache, the one deliberate piece of module state in the widgets.
 */
import { activeBackendName, backendOverrideFromUrl, liveTensorCount, switchAfterContextLoss, type BackendChoice } from '../../lib/vae/backend.ts';
import { type BackendCache, chooseMeasuredBackend } from '../../lib/vae/backend-measure.ts';
import { backendFingerprint, trainingStepWorkload } from '../../lib/vae/backend-workload.ts';
import { BROWSER_DEFAULT, httpSource, loadMnist, MNIST_ASSET_DIR, type LoadProgress, type MnistData } from '../../lib/vae/data.ts';

/** The site's base URL with a trailing slash ('/' or '/book/'). */
export function siteBase(): string {
  return import.meta.env.BASE_URL.replace(/\/?$/, '/');
}

let backendChoice: Promise<BackendChoice> | undefined;

/** localStorage, or undefined where the browser refuses it (private modes, disabled storage). */
function browserStorage(): BackendCache | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Measures (or reads this browser's cached measurement of) every backend and makes the fastest
 * active; `?backend=` wins over it. `fresh` measures again and replaces the cached result.
 */
async function measuredChoice(fresh: boolean): Promise<BackendChoice> {
  const override = backendOverrideFromUrl(window.location.search);
  // With an override the cache is neither read nor written (nor the GPU's name asked for).
  const storage = override === undefined ? browserStorage() : undefined;
  return chooseMeasuredBackend({
    override,
    timeWorkload: trainingStepWorkload,
    cache: storage === undefined ? undefined : { storage, fingerprint: await backendFingerprint() },
    ignoreCache: fresh,
  });
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

let afterLoss: Promise<BackendChoice> | undefined;

/**
 * After a lost WebGL context: the page's one move to another backend, shared by every widget
 * that noticed the loss (each switching on its own would pull the engine from under the others),
 * and the page's backend from then on.
 */
export function pageBackendAfterContextLoss(previous?: BackendChoice): Promise<BackendChoice> {
  if (afterLoss === undefined) {
    afterLoss = switchAfterContextLoss(previous);
    backendChoice = afterLoss;
    afterLoss.catch(() => (afterLoss = backendChoice = undefined));
  }
  return afterLoss;
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

/**
 * `window.vaeBookDebug.tensors()`: the page's live TensorFlow.js tensor count, for browser tests
 * and curious readers (a leak shows as a count that grows while a model trains).
 */
function installDebugHook(): void {
  (window as unknown as { vaeBookDebug: unknown }).vaeBookDebug = {
    tensors: liveTensorCount,
    backend: activeBackendName,
  };
}

/**
 * Shows the page's live tensor count on a widget: its `data-tensors` attribute (the browser tests
 * read it) and every `[data-out="tensors"]` read-out inside it (the training panel has one).
 * Call it after a redraw has freed its read-back tensors.
 */
export function showTensorCount(root: HTMLElement): number {
  const count = liveTensorCount();
  root.dataset['tensors'] = String(count);
  for (const readout of root.querySelectorAll<HTMLElement>('[data-out="tensors"]')) readout.textContent = String(count);
  return count;
}
