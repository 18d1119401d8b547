/**
 * The training check's behaviour: the page's MNIST subset, backend and a library session come
 * from `openTrainingSession`, and the shared training panel (`../training/model-widget`, with the
 * training controller of `src/lib/training/`) trains it for 300 steps in short slices that leave
 * the page responsive, pausing while the check is out of view — the same machinery and status
 * texts as every training figure of the book, here with a small read-out, plus saving the
 * reader's weights in IndexedDB and a hook that loses the WebGL context on purpose.
 */
import { formatString } from '../../i18n/index.ts';
import { loadFromIndexedDB, saveToIndexedDB } from '../../lib/vae/saved-weights.ts';
import { required, widgetStrings } from '../dom.ts';
import { modelHost } from '../model-worker/client.ts';
import { openTrainingSession } from '../training/open.ts';
import { mountModelWidget } from '../training/model-widget.ts';

/** The IndexedDB key under which the reader's weights of this check are kept. */
const SAVE_KEY = 'training-check/vae2';

/** Steps the check trains; metrics are read back (one point of the curve) every few steps. */
const TARGET_STEPS = 300;
const READ_EVERY = 5;

export interface TrainingCheckApp {
  teardown(): void;
  /** Loses the model worker's WebGL context (browser tests); false when WebGL is not in use. */
  loseContextForTest(): Promise<boolean>;
}

export function mountTrainingCheck(root: HTMLElement): TrainingCheckApp {
  const strings = widgetStrings<Record<string, string>>(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`trainingCheck.${key}`], values);
  const status = required<HTMLElement>(root, '[data-out="status"]');
  const saveButton = required<HTMLButtonElement>(root, 'button[data-action="save"]');
  const loadSaved = required<HTMLButtonElement>(root, 'button[data-action="load-saved"]');

  // Loads when the reader starts training (not at once), and draws nothing but the panel's read-outs.
  const widget = mountModelWidget(root, {
    strings,
    label: 'Training check',
    loadAtOnce: false,
    maxSteps: TARGET_STEPS,
    open: (hooks) => openTrainingSession({ spec: { kind: 'vae', hidden: [128], latentDim: 2 }, readEvery: READ_EVERY, snapshotEvery: 25, ...hooks }),
  });
  const { panel } = widget;
  const { controller } = panel;
  controller.subscribe(({ running, loaded }) => {
    saveButton.disabled = running || !loaded;
    loadSaved.disabled = running;
  });

  const failedToUse = (error: unknown) => (status.textContent = s('saveFailed', { reason: error instanceof Error ? error.message : String(error) }));

  // The reader's own weights: saved in this browser on request, offered again on the next visit.
  saveButton.addEventListener('click', () => {
    const session = panel.opened?.session;
    if (session === undefined || controller.snapshot.running) return;
    const steps = session.stepCount;
    session
      .checkpoint('float32', { steps, spec: session.model.spec })
      .then((checkpoint) => saveToIndexedDB(SAVE_KEY, checkpoint))
      .then(() => (status.textContent = s('saved', { steps })))
      .catch(failedToUse);
  });
  loadSaved.addEventListener('click', () => {
    loadSaved.disabled = true;
    (async () => {
      const saved = await loadFromIndexedDB(SAVE_KEY);
      if (saved === undefined) throw new Error(s('nothingSaved'));
      await panel.load();
      // A fresh run from the saved weights (this also clears a divergence).
      await controller.change((port) => port.load(saved), s('restored', { steps: Number(saved.manifest.meta?.['steps'] ?? 0) }));
      root.dataset['restored'] = 'true';
    })().catch(failedToUse);
  });
  loadFromIndexedDB(SAVE_KEY).then(
    (saved) => {
      if (saved === undefined || !root.isConnected) return;
      loadSaved.hidden = false;
      loadSaved.textContent = s('restore', { steps: Number(saved.manifest.meta?.['steps'] ?? 0), date: saved.savedAt.toLocaleString() });
    },
    () => {}, // No IndexedDB here (e.g. private browsing): nothing to offer.
  );

  root.dataset['ready'] = 'true';
  return {
    teardown: widget.teardown,
    loseContextForTest: () => modelHost().loseContextForTest(),
  };
}
