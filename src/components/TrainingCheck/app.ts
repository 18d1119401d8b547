/**
 * The training check's behaviour: data, backend, model and trainer all come from the model
 * library (`loadMnist`, `createTrainingSession`); this module runs the loop in small slices
 * between animation frames, so the page stays responsive, and shows what happens.
 */
import { formatString } from '~/i18n';
import { lineChart } from '~/lib/plot/line-chart';
import { backendOverrideFromUrl, loseWebGLContext } from '~/lib/vae/backend';
import { applyCheckpoint, checkpointFromModel, loadFromIndexedDB, saveToIndexedDB } from '~/lib/vae/checkpoint';
import { BROWSER_DEFAULT, httpSource, loadMnist, MNIST_ASSET_DIR } from '~/lib/vae/data';
import { createTrainingSession, type TrainingSession } from '~/lib/vae/session';
import * as tf from '~/lib/vae/tf';
import { required, widgetStrings } from '../dom';

/** The IndexedDB key under which the reader's weights of this check are kept. */
const SAVE_KEY = 'training-check/vae2';

/** Steps the check trains, in slices of a few steps per animation frame. */
const TARGET_STEPS = 300;
const STEPS_PER_SLICE = 5;

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

  let session: TrainingSession | undefined;
  let running = false;
  let closed = false;

  const setStatus = (text: string) => (out('status').textContent = text);
  const backendName = (name: string) => strings[`backend.${name}`] ?? name;

  const show = (stepsPerSecond: number | undefined) => {
    if (session === undefined) return;
    const latest = session.history.at(-1);
    out('backend').textContent = backendName(session.backend.name);
    out('step').textContent = String(session.trainer.stepCount);
    out('tensors').textContent = String(tf.memory().numTensors);
    if (latest) out('loss').textContent = (latest.values['total'] ?? Number.NaN).toFixed(1);
    if (stepsPerSecond !== undefined) out('speed').textContent = s('speedValue', { rate: stepsPerSecond.toFixed(1) });
    root.dataset['backend'] = session.backend.name;
    root.dataset['step'] = String(session.trainer.stepCount);
    const history = session.history;
    chart.update([{ key: 'loss', label: s('chartY'), x: history.map((r) => r.step), y: history.map((r) => r.values['total'] ?? 0) }]);
  };

  const start = async (): Promise<TrainingSession> => {
    setStatus(s('downloading'));
    const base = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${MNIST_ASSET_DIR}`;
    const mnist = await loadMnist(httpSource(base), {
      ...BROWSER_DEFAULT,
      onProgress: ({ loadedBytes, totalBytes }) => {
        progress.value = totalBytes > 0 ? loadedBytes / totalBytes : 0;
        progress.textContent = `${Math.round(100 * progress.value)}%`;
      },
    });
    setStatus(s('choosingBackend'));
    const override = backendOverrideFromUrl(window.location.search);
    return createTrainingSession({
      spec: { kind: 'vae', hidden: [128], latentDim: 2 },
      seed: 1,
      data: mnist.train,
      batchSize: 64,
      readEvery: STEPS_PER_SLICE,
      snapshotEvery: 25,
      ...(override === undefined ? {} : { backend: { override } }),
      onRecovered: (event) => {
        root.dataset['recovered'] = 'true';
        setStatus(s('recovered', { from: backendName(event.from), to: backendName(event.to), step: event.restoredStep, lost: event.lostSteps }));
      },
    });
  };

  const loop = async () => {
    if (session === undefined) session = await start();
    setStatus(s('training'));
    let last = performance.now();
    let lastStep = session.trainer.stepCount;
    while (running && !closed && session.trainer.stepCount < TARGET_STEPS) {
      await session.step(STEPS_PER_SLICE);
      const now = performance.now();
      const steps = session.trainer.stepCount - lastStep;
      show(steps > 0 ? (1000 * steps) / (now - last) : undefined);
      last = now;
      lastStep = session.trainer.stepCount;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    if (!closed && session.trainer.stepCount >= TARGET_STEPS) {
      setStatus(s('finished', { steps: TARGET_STEPS }));
      button.disabled = true;
    }
    running = false;
    button.textContent = s('resume');
    saveButton.disabled = false;
  };

  button.addEventListener('click', () => {
    running = !running;
    button.textContent = running ? s('pause') : s('resume');
    saveButton.disabled = running || session === undefined;
    restoreButton.disabled = running;
    if (!running) {
      setStatus(s('paused'));
      return;
    }
    loop().catch((error: unknown) => {
      running = false;
      button.textContent = s('start');
      setStatus(s('failed', { reason: error instanceof Error ? error.message : String(error) }));
    });
  });

  // The reader's own weights: saved in this browser on request, offered again on the next visit.
  saveButton.addEventListener('click', () => {
    if (session === undefined || running) return;
    const steps = session.trainer.stepCount;
    checkpointFromModel(session.model, 'float32', { steps, spec: session.model.spec })
      .then((checkpoint) => saveToIndexedDB(SAVE_KEY, checkpoint))
      .then(() => setStatus(s('saved', { steps })))
      .catch((error: unknown) => setStatus(s('saveFailed', { reason: error instanceof Error ? error.message : String(error) })));
  });
  restoreButton.addEventListener('click', () => {
    restoreButton.disabled = true;
    (async () => {
      const saved = await loadFromIndexedDB(SAVE_KEY);
      if (saved === undefined) throw new Error(s('nothingSaved'));
      if (session === undefined) session = await start();
      applyCheckpoint(session.model, saved);
      setStatus(s('restored', { steps: Number(saved.manifest.meta?.['steps'] ?? 0) }));
      root.dataset['restored'] = 'true';
      show(undefined);
    })().catch((error: unknown) => setStatus(s('saveFailed', { reason: error instanceof Error ? error.message : String(error) })));
  });
  loadFromIndexedDB(SAVE_KEY).then(
    (saved) => {
      if (saved === undefined || closed) return;
      restoreButton.hidden = false;
      restoreButton.textContent = s('restore', { steps: Number(saved.manifest.meta?.['steps'] ?? 0), date: saved.savedAt.toLocaleString() });
    },
    () => {}, // No IndexedDB here (e.g. private browsing): nothing to offer.
  );

  element<HTMLElement>('[data-ui]').hidden = false;
  root.dataset['ready'] = 'true';
  return {
    teardown() {
      closed = true;
      running = false;
      session?.dispose();
    },
    loseContextForTest: loseWebGLContext,
  };
}
