/**
 * Brings a `TrainingPanel.astro` to life: it creates the figure's training controller
 * (`src/lib/training/controller.ts`), sends it the reader's intents (start/pause, back to the
 * pretrained weights, train from scratch, restore after a divergence, retry, learning rate and
 * β) and renders its snapshots — nothing else. The status texts come from `status.ts`.
 *
 * The state, status, buttons and data attributes follow every snapshot. While training, what
 * changes with every step is shown at most every 250 ms, on one clock: the texts (step count, step
 * rate, metrics) at once, and the chart, the tensor count and the figure's own views
 * (`onModelChanged`) in a task of their own, the views also at most once per ten steps. (Each
 * change of text costs the page a style, layout, hover hit test and paint, about 8 ms of
 * main-thread time on the book's long chapters: at every snapshot, about 20 a second, that took a
 * quarter of a core from training.) The root gets `data-state` (the controller's state, once no
 * step is in flight), `data-step`, `data-backend`, `data-session` (its id in the model worker),
 * `data-tensors`, `data-recovered`, `data-loss-<metric>` (latest read-back) and
 * `data-first-loss-<metric>` (the run's first) for tests.
 */
import { lineChart } from '../../lib/plot/line-chart.ts';
import { createTrainingController, type TrainingController, type TrainingSnapshot } from '../../lib/training/controller.ts';
import { remotePort } from '../model-worker/remote-session.ts';
import type { LoadProgress } from '../../lib/vae/data.ts';
import { DEFAULT_LEARNING_RATE } from '../../lib/vae/models/spec.ts';
import type { RecoveryEvent } from '../../lib/vae/session.ts';
import { required } from '../dom.ts';
import { formatNumber } from '../format.ts';
import { showTensorCount } from '../page-services/page-resources.ts';
import { browserTiming, watchVisibility } from './browser.ts';
import { logFailure } from './load-error.ts';
import type { OpenedRun, OpenedSession } from './open.ts';
import { RATES } from './rates.ts';
import { backendName, statusText, trainingStrings } from './status.ts';

/** While training, the step texts and the figures (chart, model views) are shown at most this often. */
const REFRESH_MS = 250;
/**
 * While training, the figure's own views are also redrawn at most once per this many steps. They
 * are read-outs of the model in the worker, which take turns with the training steps, and cost
 * about as much per call whatever the backend as a fraction of a step: at most once per ten steps
 * keeps them to a few per cent of the worker's time. (Measured, bench (f) on software WebGL at 7
 * steps/s: views every 250 ms took the page's rate to 0.83 of the library's.)
 */
const VIEWS_EVERY_STEPS = 10;

/** What the panel passes to `open`; they fit `openTrainingSession`'s options (`open: (hooks) => openTrainingSession({ pretrained, ...hooks })`). */
export interface PanelHooks {
  onProgress(progress: LoadProgress): void;
  onRecovered(event: RecoveryEvent): void;
}

export interface PanelOptions<O extends OpenedRun = OpenedSession> {
  readonly strings: Readonly<Record<string, string>>;
  /** Opens the session (see `openTrainingSession`); `hooks` report download progress and recoveries. */
  open(hooks: PanelHooks): Promise<O>;
  /**
   * Called when the weights changed visibly (throttled while training); not for the load itself,
   * whose weights the figure draws its first view from (`model-widget.ts`).
   */
  onModelChanged?(opened: O): void;
  /** What "Retry" does after a failure; by default the controller's retry. */
  retry?(): void;
  /** Finish at this step count. */
  readonly maxSteps?: number;
  /** The learning rate of a panel without a menu for it. Default: the library's default. */
  readonly learningRate?: number;
}

export interface TrainingPanel<O extends OpenedRun = OpenedSession> {
  readonly controller: TrainingController;
  /** The opened session, once loaded. */
  readonly opened: O | undefined;
  /** Loads data and model without training (for widgets that show the model at once). */
  load(): Promise<O>;
  teardown(): void;
}

/** Sets the element's text, only if it differs (writing the same text still costs a layout). */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Sets `data-<name>` to the value, or removes it when there is none. */
function setOrDelete(element: HTMLElement, name: string, value: number | undefined): void {
  if (value === undefined) delete element.dataset[name];
  else element.dataset[name] = String(value);
}

export function mountTrainingPanel<O extends OpenedRun = OpenedSession>(root: HTMLElement, options: PanelOptions<O>): TrainingPanel<O> {
  const panel = required<HTMLElement>(root, '[data-training]');
  const el = <T extends Element>(selector: string) => required<T>(panel, selector);
  const s = trainingStrings(options.strings);
  const toggle = el<HTMLButtonElement>('[data-action="toggle"]');
  const resetButton = panel.querySelector<HTMLButtonElement>('[data-action="reset"]');
  const restoreButton = panel.querySelector<HTMLButtonElement>('[data-action="restore"]');
  const retryButton = panel.querySelector<HTMLButtonElement>('[data-action="retry"]');
  const rateSelect = panel.querySelector<HTMLSelectElement>('[data-setting="learningRate"]');
  const betaInput = panel.querySelector<HTMLInputElement>('[data-setting="beta"]');
  const betaOut = panel.querySelector<HTMLOutputElement>('[data-out="beta"]');
  const status = el<HTMLElement>('[data-out="status"]');
  const download = el<HTMLProgressElement>('[data-out="download"]');
  const out = (name: string) => el<HTMLElement>(`[data-out="${name}"]`);
  const series = JSON.parse(panel.dataset['series'] ?? '[]') as { key: string; label: string }[];
  const chart = lineChart(el<SVGSVGElement>('[data-plot]'), {
    xLabel: s('xLabel'),
    yLabel: panel.dataset['yLabel'] ?? '',
    robust: true,
    growingX: true,
    clippedNote: (peak) => s('chartClipped', { peak }),
  });
  const pretrained = resetButton !== null;

  let opened: O | undefined;
  const controller = createTrainingController({
    ...browserTiming,
    hyperparameters: {
      learningRate: rateSelect ? Number(rateSelect.value) : (options.learningRate ?? DEFAULT_LEARNING_RATE),
      ...(betaInput ? { beta: Number(betaInput.value) } : {}),
    },
    rates: RATES,
    fromStart: pretrained,
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
    open: async ({ onRecovered }) => {
      // Shown only while something is downloaded (a widget training on its own data shows none).
      const panelDownload = panel.querySelector<HTMLElement>('[data-download]');
      const next = await options.open({
        onProgress({ loadedBytes, totalBytes }) {
          const fraction = totalBytes > 0 ? loadedBytes / totalBytes : 0;
          if (panelDownload) panelDownload.hidden = false;
          download.value = fraction;
          download.textContent = `${Math.round(100 * fraction)}%`;
        },
        onRecovered,
      });
      if (panelDownload) panelDownload.hidden = true;
      opened = next;
      return remotePort(next.session);
    },
  });

  /** The latest and first read-back of each metric: the root's attributes, and with `texts` the table's cells too. */
  const showMetrics = (session: OpenedRun['session'], texts: boolean) => {
    const history = session.history;
    const latest = history.at(-1);
    for (const { key } of series) {
      const value = latest?.values[key];
      const cell = panel.querySelector<HTMLElement>(`[data-metric="${key}"]`);
      if (cell && texts) setText(cell, value === undefined ? '–' : formatNumber(value, 2));
      const name = `${key[0]?.toUpperCase()}${key.slice(1)}`;
      setOrDelete(root, `loss${name}`, value);
      setOrDelete(root, `firstLoss${name}`, history[0]?.values[key]);
    }
  };

  /** The figures that are redrawn at most every REFRESH_MS: tensor count, chart. */
  const showFigures = (session: OpenedRun['session']) => {
    showTensorCount(root);
    const history = session.history;
    chart.update(series.map(({ key }) => ({ key, x: history.map((r) => r.step), y: history.map((r) => r.values[key] ?? Number.NaN) })));
  };

  let last: TrainingSnapshot | undefined;
  /** When the step texts were last shown and the figures last scheduled (see REFRESH_MS). */
  let shownAt = 0;
  /** Whether a snapshot since the figures were last scheduled moved the weights. */
  let figuresStale = false;
  let redrawTimer: number | undefined;
  /** Whether a snapshot since the views' last redraw changed the weights (see `onModelChanged`). */
  let modelChanged = false;
  /** The step count at the views' last redraw. */
  let viewsAt = 0;
  let closed = false;
  const redraw = () => {
    redrawTimer = undefined;
    if (closed || opened === undefined) return;
    showFigures(opened.session);
    const steps = last?.steps ?? 0;
    const due = last?.state !== 'training' || Math.abs(steps - viewsAt) >= VIEWS_EVERY_STEPS;
    if (!modelChanged || !due) return;
    modelChanged = false;
    viewsAt = steps;
    options.onModelChanged?.(opened);
  };

  const render = (snapshot: TrainingSnapshot) => {
    const { state, running, loaded, steps, stepsPerSecond, hyperparameters } = snapshot;
    const now = performance.now();
    // What changes with every step: at most every REFRESH_MS while training, else at once.
    const due = state !== 'training' || last?.state !== state || now - shownAt >= REFRESH_MS;
    if (due) shownAt = now;
    // The state is shown once no step is in flight, so the step count shown with 'paused' is final.
    if (!snapshot.stepping || state === 'training') root.dataset['state'] = state;
    if (opened && loaded) {
      showMetrics(opened.session, due);
      // (Cheap, and at once after a recovery, with the notice that says so.)
      root.dataset['backend'] = opened.session.backend.name;
      setText(out('backend'), backendName(options.strings, opened.session.backend.name));
      root.dataset['session'] = opened.session.id;
    }
    root.dataset['step'] = String(steps);
    if (due) {
      setText(out('step'), String(steps));
      setText(out('speed'), stepsPerSecond === undefined ? '–' : s('speedValue', { rate: formatNumber(stepsPerSecond, 1) }));
    }
    // "Resume" only once there is a run to resume (a loaded but untrained model says "Start").
    setText(toggle, running ? s('pause') : s(loaded && steps > 0 ? 'resume' : 'start'));
    toggle.setAttribute('aria-pressed', String(running));
    toggle.disabled = state === 'finished' || state === 'diverged' || state === 'restoring';
    if (resetButton) resetButton.disabled = !loaded;
    if (restoreButton) restoreButton.hidden = state !== 'diverged';
    if (retryButton) retryButton.hidden = state !== 'error';
    if (rateSelect) rateSelect.value = String(hyperparameters.learningRate);
    if (betaOut && hyperparameters.beta !== undefined) setText(betaOut, String(hyperparameters.beta));
    if (snapshot.notice?.kind === 'recovered') root.dataset['recovered'] = 'true';
    if (state === 'error' && last?.state !== 'error') logFailure('Training panel', snapshot.error);
    setText(status, statusText(snapshot, options.strings, pretrained));
    status.dataset['tone'] = !snapshot.notice && (state === 'diverged' || state === 'error') ? 'error' : 'normal';

    const justLoaded = last?.state === 'loading' && state === 'ready';
    const weightsMoved = last === undefined || steps !== last.steps || state !== last.state || snapshot.notice !== last.notice;
    last = snapshot;
    if (loaded && weightsMoved) {
      figuresStale = true;
      if (!justLoaded) modelChanged = true;
    }
    if (!due || !figuresStale) return;
    figuresStale = false;
    // In a task of its own, not at the end of a training slice: the two could make one long task.
    redrawTimer ??= window.setTimeout(redraw, 0);
  };
  const unsubscribe = controller.subscribe(render);
  const unwatch = watchVisibility(root, controller);

  const load = async (): Promise<O> => {
    await controller.load();
    if (opened === undefined) throw new Error('training session missing after load');
    return opened;
  };

  toggle.addEventListener('click', () => (controller.snapshot.running ? controller.pause() : controller.start()));
  resetButton?.addEventListener('click', () => void controller.reset());
  panel.querySelector('[data-action="scratch"]')?.addEventListener('click', () => void controller.scratch());
  restoreButton?.addEventListener('click', () => void controller.restore());
  retryButton?.addEventListener('click', () => (options.retry ? options.retry() : void controller.retry()));
  rateSelect?.addEventListener('change', () => controller.setHyperparameters({ learningRate: Number(rateSelect.value) }));
  betaInput?.addEventListener('input', () => controller.setHyperparameters({ beta: Number(betaInput.value) }));

  return {
    controller,
    get opened() {
      return opened;
    },
    load,
    teardown() {
      closed = true;
      window.clearTimeout(redrawTimer);
      unsubscribe();
      unwatch();
      controller.dispose();
    },
  };
}
