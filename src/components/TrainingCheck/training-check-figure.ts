/**
 * The training check's behaviour: the page's MNIST subset, backend and a library session come
 * from `openTrainingSession`, and the shared training runner (`../training/runner`) trains it in
 * short slices that leave the page responsive, pausing while the check is out of view — the same
 * machinery as every training widget of the book, shown here with its own small read-out, plus
 * saving the reader's weights in IndexedDB and a hook that loses the WebGL context on purpose.
 */
import { formatString } from '../../i18n/index.ts';
import { lineChart } from '../../lib/plot/line-chart.ts';
import { loseWebGLContext } from '../../lib/vae/backend.ts';
import { applyCheckpoint, checkpointFromModel } from '../../lib/vae/checkpoint.ts';
import { loadFromIndexedDB, saveToIndexedDB } from '../../lib/vae/saved-weights.ts';
import { required, widgetStrings } from '../dom.ts';
import { showTensorCount } from '../page-services/page-resources.ts';
import { openTrainingSession } from '../training/open.ts';
import { createTrainingRunner, type RunnerUpdate } from '../training/runner.ts';

/** The IndexedDB key under which the reader's weights of this check are kept. */
const SAVE_KEY = 'training-check/vae2';

/** Steps the check trains; metrics are read back (one point of the curve) every few steps. */
const TARGET_STEPS = 300;
const READ_EVERY = 5;

export interface TrainingCheckApp {
  teardown(): void;
  loseContextForTest(): boolean;
}

export function mountTrainingCheck(root: HTMLElement): TrainingCheckApp {
  const strings = widgetStrings<Record<string, string>>(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`trainingCheck.${key}`], values);
  const element = <T extends Element>(selector: string): T => required<T>(root, selector);
  const out = (name: string) => element<HTMLElement>(`[data-out="${name}"]`);
  const button = element<HTMLButtonElement>('button[data-action="toggle"]');
  const saveButton = element<HTMLButtonElement>('button[data-action="save"]');
  const restoreButton = element<HTMLButtonElement>('button[data-action="restore"]');
  const progress = element<HTMLProgressElement>('[data-out="download"]');
  const chart = lineChart(element<SVGSVGElement>('[data-plot]'), { xLabel: s('chartX'), yLabel: s('chartY') });
  const backendName = (name: string) => strings[`backend.${name}`] ?? name;
  /** A recovery message, shown instead of "Training…" for as long as training goes on. */
  let note: string | undefined;

  const statusOf = ({ state, error, session }: RunnerUpdate): string => {
    switch (state) {
      case 'loading':
        return s('downloading');
      case 'running':
        return s('training');
      case 'suspended':
        return s('suspended');
      case 'paused':
        return s('paused');
      case 'finished':
        return s('finished', { steps: TARGET_STEPS });
      case 'diverged': {
        const d = session?.trainer.divergence;
        return s('diverged', { step: d?.step ?? 0, term: d?.term ?? '?' });
      }
      case 'failed':
        return s('failed', { reason: error instanceof Error ? error.message : String(error) });
      default:
        return '';
    }
  };

  const onUpdate = (update: RunnerUpdate) => {
    const { state, session, stepsPerSecond } = update;
    const running = state === 'running' || state === 'suspended' || state === 'loading';
    button.textContent = running ? s('pause') : session && session.trainer.stepCount > 0 ? s('resume') : s('start');
    // A diverged run cannot go on (the runner refuses): only saved weights or a reload restart it.
    button.disabled = state === 'finished' || state === 'diverged';
    saveButton.disabled = running || session === undefined;
    restoreButton.disabled = running;
    if (!running) note = undefined;
    const status = note ?? statusOf(update);
    if (status) out('status').textContent = status;
    if (session === undefined) return;
    const latest = session.history.at(-1);
    out('backend').textContent = backendName(session.backend.name);
    out('step').textContent = String(session.trainer.stepCount);
    showTensorCount(root);
    if (latest) out('loss').textContent = (latest.values['total'] ?? Number.NaN).toFixed(1);
    if (stepsPerSecond !== undefined) out('speed').textContent = s('speedValue', { rate: stepsPerSecond.toFixed(1) });
    root.dataset['backend'] = session.backend.name;
    root.dataset['step'] = String(session.trainer.stepCount);
    const history = session.history;
    chart.update([{ key: 'loss', x: history.map((r) => r.step), y: history.map((r) => r.values['total'] ?? 0) }]);
  };

  const runner = createTrainingRunner({
    root,
    maxSteps: TARGET_STEPS,
    onUpdate,
    open: async () => {
      const { session } = await openTrainingSession({
        spec: { kind: 'vae', hidden: [128], latentDim: 2 },
        readEvery: READ_EVERY,
        snapshotEvery: 25,
        onProgress: ({ loadedBytes, totalBytes }) => {
          progress.value = totalBytes > 0 ? loadedBytes / totalBytes : 0;
          progress.textContent = `${Math.round(100 * progress.value)}%`;
        },
        onRecovered: (event) => {
          root.dataset['recovered'] = 'true';
          note = s('recovered', { from: backendName(event.from), to: backendName(event.to), step: event.restoredStep, lost: event.lostSteps });
        },
      });
      return session;
    },
  });

  button.addEventListener('click', () => {
    const state = runner.state;
    if (state === 'running' || state === 'suspended' || state === 'loading') void runner.pause();
    else runner.start();
  });

  const failedToUse = (error: unknown) => (out('status').textContent = s('saveFailed', { reason: error instanceof Error ? error.message : String(error) }));

  // The reader's own weights: saved in this browser on request, offered again on the next visit.
  saveButton.addEventListener('click', () => {
    const session = runner.session;
    if (session === undefined || runner.state === 'running') return;
    const steps = session.trainer.stepCount;
    checkpointFromModel(session.model, 'float32', { steps, spec: session.model.spec })
      .then((checkpoint) => saveToIndexedDB(SAVE_KEY, checkpoint))
      .then(() => (out('status').textContent = s('saved', { steps })))
      .catch(failedToUse);
  });
  restoreButton.addEventListener('click', () => {
    restoreButton.disabled = true;
    (async () => {
      const saved = await loadFromIndexedDB(SAVE_KEY);
      if (saved === undefined) throw new Error(s('nothingSaved'));
      // A fresh run (this also clears a divergence), then the saved weights over its initial ones.
      await runner.whileStopped(({ model, trainer }) => {
        trainer.reset();
        applyCheckpoint(model, saved);
      });
      runner.rearm();
      out('status').textContent = s('restored', { steps: Number(saved.manifest.meta?.['steps'] ?? 0) });
      root.dataset['restored'] = 'true';
    })().catch(failedToUse);
  });
  loadFromIndexedDB(SAVE_KEY).then(
    (saved) => {
      if (saved === undefined || !root.isConnected) return;
      restoreButton.hidden = false;
      restoreButton.textContent = s('restore', { steps: Number(saved.manifest.meta?.['steps'] ?? 0), date: saved.savedAt.toLocaleString() });
    },
    () => {}, // No IndexedDB here (e.g. private browsing): nothing to offer.
  );

  element<HTMLElement>('[data-ui]').hidden = false;
  root.dataset['ready'] = 'true';
  return {
    teardown: () => runner.dispose(),
    loseContextForTest: loseWebGLContext,
  };
}
