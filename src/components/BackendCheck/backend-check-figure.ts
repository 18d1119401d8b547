/**
 * The browser check: shows the page's backend choice (honouring `?backend=`; otherwise the
 * backend measured fastest, from this browser's cache when it has measured before), lists every
 * candidate with its measured training-step time, says why the winner won, measures its
 * matrix-product rate, and on a WebGL context loss switches to the next working backend and says
 * so. "Run the check" measures every backend again. All backend logic is in
 * `src/lib/vae/backend.ts` and `backend-measure.ts`, run in the page's model worker (where every
 * figure of the page trains); this module only shows its results.
 */
import { formatString } from '../../i18n/index.ts';
import { required, widgetStrings } from '../dom.ts';
import type { BackendChoice } from '../../lib/vae/backend.ts';
import { type BackendName, backendOverrideFromUrl } from '../../lib/vae/backend-names.ts';
import { modelHost } from '../model-worker/client.ts';
import { pageBackend, pageBackendAfterContextLoss, remeasurePageBackend } from '../page-services/page-resources.ts';
import { formatMs, whyChosen } from './why.ts';

const MATMUL_SIZE = 256;

type Strings = Record<string, string>;

export interface BackendCheckApp {
  teardown(): void;
  /** Loses the model worker's WebGL context (browser tests); false when WebGL is not in use. */
  loseContextForTest(): Promise<boolean>;
}

export function mountBackendCheck(root: HTMLElement): BackendCheckApp {
  const strings = widgetStrings<Strings>(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[key], values);
  const backendLabel = (name: BackendName) => s(`backend.${name}`) || name;
  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);
  const button = root.querySelector<HTMLButtonElement>('button[data-action="run"]');
  const listeners = new AbortController();
  let unsubscribeLoss = () => {};
  /** Calls `callback` once when the worker's WebGL context is lost; returns the unsubscribe. */
  const watchContextLoss = (callback: () => void) => {
    let watching = true;
    modelHost()
      .contextLost()
      .then(
        () => {
          if (watching) callback();
        },
        () => {},
      );
    return () => (watching = false);
  };
  // Each run or recovery takes a number; a later one makes the results of an earlier one stale.
  let generation = 0;
  let busy = false;

  const setBusy = (value: boolean) => {
    busy = value;
    if (button) button.disabled = value;
    if (value) root.dataset['ready'] = 'false';
  };

  const renderChoice = (choice: BackendChoice, override: BackendName | undefined) => {
    const rows = choice.attempts.map((attempt) => {
      const row = document.createElement('tr');
      row.dataset['backend'] = attempt.name;
      row.dataset['ok'] = String(attempt.ok);
      if (attempt.msPerStep !== undefined) row.dataset['msPerStep'] = attempt.msPerStep.toFixed(1);
      const step =
        attempt.msPerStep === undefined ? '–' : s(attempt.stopped ? 'backendCheck.stepStopped' : 'backendCheck.stepMs', { ms: formatMs(attempt.msPerStep) });
      const cells = [
        backendLabel(attempt.name),
        attempt.ok ? s('backendCheck.works') : s('backendCheck.failed', { reason: attempt.reason ?? '' }),
        step,
        s('backendCheck.ms', { ms: attempt.ms.toFixed(0) }),
      ];
      for (const [i, text] of cells.entries()) {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.setAttribute('scope', 'row');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    });
    out('attempts').replaceChildren(...rows);
    out('chosen').textContent = backendLabel(choice.name);
    out('override').textContent =
      override === undefined
        ? s('backendCheck.overrideNone')
        : s(choice.overridden ? 'backendCheck.overrideUsed' : 'backendCheck.overrideFailed', { name: override });
    out('why').textContent = whyChosen(choice, s, backendLabel);
    root.dataset['backend'] = choice.name;
    root.dataset['reason'] = choice.reason ?? 'first';
  };

  const measure = async (mine: number) => {
    out('speed').textContent = s('backendCheck.measuring');
    const { gflops, msPerProduct } = await modelHost().measureMatMul({ size: MATMUL_SIZE });
    if (mine !== generation) return;
    out('speed').textContent = s('backendCheck.speedValue', {
      gflops: gflops >= 10 ? gflops.toFixed(0) : gflops.toFixed(2),
      size: MATMUL_SIZE,
      ms: msPerProduct.toFixed(1),
    });
  };

  const finish = (mine: number, choice: BackendChoice, message: string) => {
    if (mine !== generation) return;
    out('status').textContent = message;
    unsubscribeLoss();
    unsubscribeLoss = watchContextLoss(() => void recover(choice));
    setBusy(false);
    root.dataset['ready'] = 'true';
  };

  const fail = (mine: number, error: unknown) => {
    if (mine !== generation) return;
    out('status').textContent = s('backendCheck.noneWorks', { reason: error instanceof Error ? error.message : String(error) });
    root.dataset['backend'] = 'none';
    setBusy(false);
    root.dataset['ready'] = 'true';
  };

  /**
   * The first run reports the page's own choice (shared with every model widget, so opening the
   * page does not switch backends under them); "run the check" chooses afresh.
   */
  const run = async (fresh: boolean) => {
    if (busy) return;
    const mine = ++generation;
    setBusy(true);
    unsubscribeLoss();
    out('status').textContent = s('backendCheck.running');
    const override = backendOverrideFromUrl(window.location.search);
    try {
      const choice = await (fresh ? remeasurePageBackend() : pageBackend());
      if (mine !== generation) return;
      renderChoice(choice, override);
      await measure(mine);
      finish(mine, choice, s('backendCheck.done', { name: backendLabel(choice.name) }));
    } catch (error) {
      fail(mine, error);
    }
  };

  /** After a WebGL context loss: never compute on the dead context again; pick the next backend. */
  const recover = async (previous: BackendChoice) => {
    const mine = ++generation;
    setBusy(true);
    root.dataset['contextLost'] = 'true';
    out('status').textContent = s('backendCheck.contextLost');
    try {
      const choice = await pageBackendAfterContextLoss(previous);
      if (mine !== generation) return;
      renderChoice(choice, undefined);
      await measure(mine);
      finish(mine, choice, s('backendCheck.switched', { name: backendLabel(choice.name) }));
    } catch (error) {
      fail(mine, error);
    }
  };

  button?.addEventListener('click', () => void run(true), { signal: listeners.signal });
  out('threads').textContent = s(window.crossOriginIsolated ? 'backendCheck.threadsYes' : 'backendCheck.threadsNo');
  root.querySelector<HTMLElement>('[data-ui]')?.removeAttribute('hidden');
  void run(false);

  return {
    teardown() {
      generation++;
      listeners.abort();
      unsubscribeLoss();
    },
    loseContextForTest: () => modelHost().loseContextForTest(),
  };
}
