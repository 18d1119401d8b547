/**
 * Brings a `TrainingPanel.astro` to life: wires its controls to a {@link TrainingRunner} and
 * shows what the runner reports (state, backend, step, step rate, live tensor count, curves).
 *
 *   const panel = mountTrainingPanel(root, {
 *     strings, open: () => openTrainingSession({ pretrained: 'vae2' }),
 *     onModelChanged: (opened) => redrawReconstructions(opened.session.model),
 *   });
 *
 * "Back to pretrained" re-applies the shipped weights; "train from scratch" draws new random
 * weights; both start a fresh run (history, optimiser state and data order). When the trainer's
 * divergence guard stops a run, the panel says which term went non-finite or ran away, and offers
 * to restore the last good weights at a tenth of the learning rate. When loading fails, the status
 * says what could not be downloaded in the reader's terms (`load-error.ts`; the detail goes to the
 * console) and a "Retry" button loads again. The widget's root gets `data-state`,
 * `data-step`, `data-backend`, `data-tensors`, `data-loss-<metric>` (latest read-back) and
 * `data-first-loss-<metric>` (the run's first read-back) for tests.
 */
import { formatString } from '../../i18n/index.ts';
import { lineChart } from '../../lib/plot/line-chart.ts';
import { applyCheckpoint } from '../../lib/vae/checkpoint.ts';
import type { LoadProgress } from '../../lib/vae/data.ts';
import type { RecoveryEvent } from '../../lib/vae/session.ts';
import { required } from '../dom.ts';
import { formatNumber } from '../format.ts';
import type { OpenedRun, OpenedSession } from './open.ts';
import { failureText, logFailure } from './load-error.ts';
import { createTrainingRunner, type RunnerUpdate, type TrainingRunner } from './runner.ts';
import { showTensorCount } from '../page-services/page-resources.ts';

/** Display refreshes (chart, model views) happen at most this often while training. */
const REFRESH_MS = 250;
/** Seed of "train from scratch" runs (each press adds one). */
const SCRATCH_SEED = 1000;

/** O: what `open` resolves to (`openTrainingSession`'s OpenedSession, or `openDataSession`'s OpenedRun). */
/**
 * What the panel passes to `open`: download progress for its bar, and the recovery notice. They
 * fit `openTrainingSession`'s options, so `open: (hooks) => openTrainingSession({ pretrained, ...hooks })`.
 */
export interface PanelHooks {
  onProgress(progress: LoadProgress): void;
  onRecovered(event: RecoveryEvent): void;
}

export interface PanelOptions<O extends OpenedRun = OpenedSession> {
  readonly strings: Readonly<Record<string, string>>;
  /** Opens the session (see `openTrainingSession`); `hooks` report download progress and recoveries. */
  open(hooks: PanelHooks): Promise<O>;
  /**
   * Called when the weights changed visibly: during training (throttled), after reset, scratch,
   * restore, pause. Not called for the update that merely completes a load into a stopped state
   * (loading → paused): the weights are the ones the widget draws its first view from itself
   * (`drawWhenLoaded`), so they are drawn once, not twice.
   */
  onModelChanged?(opened: O): void;
  /**
   * What "Retry" does after a failed load (the panel has already cleared the failure); by
   * default it loads again. A widget that draws its views once loaded passes its own.
   */
  retry?(): void;
}

export interface TrainingPanel<O extends OpenedRun = OpenedSession> {
  readonly runner: TrainingRunner;
  /** The opened session, once loaded. */
  readonly opened: O | undefined;
  /** Loads data and model without training (for widgets that show the model at once). */
  load(): Promise<O>;
  teardown(): void;
}

/** Sets `data-<name>` to the value, or removes it when there is none. */
function setOrDelete(element: HTMLElement, name: string, value: number | undefined): void {
  if (value === undefined) delete element.dataset[name];
  else element.dataset[name] = String(value);
}

export function mountTrainingPanel<O extends OpenedRun = OpenedSession>(root: HTMLElement, options: PanelOptions<O>): TrainingPanel<O> {
  const panel = required<HTMLElement>(root, '[data-training]');
  const el = <T extends Element>(selector: string) => required<T>(panel, selector);
  const s = (key: string, values?: Record<string, string | number>) => formatString(options.strings[`training.${key}`] ?? key, values);
  const backendName = (name: string) => options.strings[`backend.${name}`] ?? name;
  const toggle = el<HTMLButtonElement>('[data-action="toggle"]');
  const resetButton = panel.querySelector<HTMLButtonElement>('[data-action="reset"]');
  const scratchButton = el<HTMLButtonElement>('[data-action="scratch"]');
  const restoreButton = el<HTMLButtonElement>('[data-action="restore"]');
  const retryButton = el<HTMLButtonElement>('[data-action="retry"]');
  const rateSelect = el<HTMLSelectElement>('[data-setting="learningRate"]');
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
    clippedNote: (peak) => s('chartClipped', { peak }),
  });
  series.forEach(({ key }, i) => {
    panel.querySelector<HTMLElement>(`.vb-training-legend .series-${key}`)?.style.setProperty('color', `var(--vb-series-${i + 1})`);
  });

  let opened: O | undefined;
  let opening: Promise<O> | undefined;
  let lastRefresh = 0;
  let scratchSeed = SCRATCH_SEED;
  /** Whether the weights being trained are the shipped ones (not a from-scratch run). */
  let fromPretrained = resetButton !== null;
  /** A message that outranks the state's own (a recovery, a reset) until the next state change. */
  let note: string | undefined;

  const setStatus = (text: string, tone: 'normal' | 'error' = 'normal') => {
    status.textContent = text;
    status.dataset['tone'] = tone;
  };

  const showFigures = (update: RunnerUpdate) => {
    const session = update.session;
    if (session === undefined) return; // (no backend yet: nothing to count)
    showTensorCount(root);
    root.dataset['backend'] = session.backend.name;
    root.dataset['step'] = String(session.trainer.stepCount);
    out('backend').textContent = backendName(session.backend.name);
    out('step').textContent = String(session.trainer.stepCount);
    out('speed').textContent = update.stepsPerSecond === undefined ? '–' : s('speedValue', { rate: formatNumber(update.stepsPerSecond, 1) });
    const history = session.history;
    const latest = history.at(-1);
    const first = history[0];
    for (const { key } of series) {
      const value = latest?.values[key];
      const cell = panel.querySelector<HTMLElement>(`[data-metric="${key}"]`);
      if (cell) cell.textContent = value === undefined ? '–' : formatNumber(value, 2);
      const name = `${key[0]?.toUpperCase()}${key.slice(1)}`;
      setOrDelete(root, `loss${name}`, value);
      setOrDelete(root, `firstLoss${name}`, first?.values[key]);
    }
    chart.update(series.map(({ key }) => ({ key, x: history.map((r) => r.step), y: history.map((r) => r.values[key] ?? Number.NaN) })));
    series.forEach(({ key }, i) => panel.querySelector<SVGGElement>(`g.series-${key}`)?.style.setProperty('color', `var(--vb-series-${i + 1})`));
  };

  const describe = (update: RunnerUpdate): [string, 'normal' | 'error'] => {
    switch (update.state) {
      case 'idle':
        return [s(resetButton ? 'idlePretrained' : 'idle'), 'normal'];
      case 'loading':
        return [s('loading'), 'normal'];
      case 'running':
        return [s(fromPretrained ? 'runningPretrained' : 'running'), 'normal'];
      case 'paused':
        // Loaded but not trained yet: the same invitation as before loading.
        return [s(update.session?.trainer.stepCount === 0 ? (resetButton ? 'idlePretrained' : 'idle') : 'paused'), 'normal'];
      case 'suspended':
        return [s('suspended'), 'normal'];
      case 'finished':
        return [s('finished', { steps: update.session?.trainer.stepCount ?? 0 }), 'normal'];
      case 'diverged': {
        const d = update.session?.trainer.divergence;
        const good = update.session?.trainer.lastGoodStep ?? 0;
        if (d?.best !== undefined) {
          return [s('runaway', { step: d.step, term: d.term, value: formatNumber(d.value, 1), best: formatNumber(d.best, 1), good }), 'error'];
        }
        return [s('diverged', { step: d?.step ?? 0, term: d?.term ?? '?', value: String(d?.value), good }), 'error'];
      }
      case 'failed':
        return [failureText(update.error, s), 'error'];
    }
  };

  let lastState = '';
  /** Whether an update since the last redraw changed the weights (see `onModelChanged`). */
  let modelChanged = false;
  const onUpdate = (update: RunnerUpdate) => {
    const justLoaded = lastState === 'loading' && update.state === 'paused';
    root.dataset['state'] = update.state;
    const running = update.state === 'running' || update.state === 'suspended' || update.state === 'loading';
    // "Resume" only once there is a run to resume (a loaded but untrained model says "Start").
    toggle.textContent = running ? s('pause') : s(update.session && update.session.trainer.stepCount > 0 ? 'resume' : 'start');
    toggle.setAttribute('aria-pressed', String(running));
    toggle.disabled = update.state === 'finished' || update.state === 'diverged';
    if (resetButton) resetButton.disabled = update.session === undefined;
    restoreButton.hidden = update.state !== 'diverged';
    retryButton.hidden = update.state !== 'failed';
    if (update.state === 'failed' && lastState !== 'failed') logFailure('Training panel', update.error);
    if (update.state !== lastState) {
      if (lastState !== '') note = undefined;
      lastState = update.state;
    }
    const [text, tone] = describe(update);
    setStatus(note ?? text, note ? 'normal' : tone);
    const now = performance.now();
    if (update.state !== 'running' || now - lastRefresh >= REFRESH_MS) {
      lastRefresh = now;
      latestUpdate = update;
      if (update.session && !justLoaded) modelChanged = true;
      // Redraw in a task of its own, not at the end of a training slice: a slice plus a redraw
      // could make one long task that blocks input.
      if (redrawTimer === undefined) redrawTimer = window.setTimeout(redraw, 0);
    }
  };
  let latestUpdate: RunnerUpdate | undefined;
  let redrawTimer: number | undefined;
  const redraw = () => {
    redrawTimer = undefined;
    if (latestUpdate === undefined || closed) return;
    showFigures(latestUpdate);
    const changed = modelChanged;
    modelChanged = false;
    if (changed && opened && latestUpdate.session) options.onModelChanged?.(opened);
  };
  let closed = false;

  const runner = createTrainingRunner({
    root,
    open: async () => {
      // Shown only while something is downloaded (a widget training on its own data shows none).
      const panelDownload = el<HTMLElement>('[data-download]');
      opened = await options.open({
        onProgress({ loadedBytes, totalBytes }) {
          const fraction = totalBytes > 0 ? loadedBytes / totalBytes : 0;
          panelDownload.hidden = false;
          download.value = fraction;
          download.textContent = `${Math.round(100 * fraction)}%`;
        },
        onRecovered(event) {
          root.dataset['recovered'] = 'true';
          note = s('recovered', { from: backendName(event.from), to: backendName(event.to), step: event.restoredStep, lost: event.lostSteps });
        },
      });
      panelDownload.hidden = true;
      const model = opened.session.model;
      if ('setLearningRate' in model) model.setLearningRate(Number(rateSelect.value));
      if (betaInput && 'setBeta' in model) model.setBeta(Number(betaInput.value));
      return opened.session;
    },
    onUpdate,
  });

  const load = (): Promise<O> => {
    opening ??= runner.load().then(() => {
      if (opened === undefined) throw new Error('training session missing after load');
      return opened;
    });
    opening.catch(() => (opening = undefined));
    return opening;
  };

  const freshRun = (describeDone: string, change: (o: O) => void) =>
    runner.whileStopped(() => {
      if (opened === undefined) return;
      change(opened);
      runner.rearm();
      note = describeDone;
    });

  toggle.addEventListener('click', () => {
    const state = runner.state;
    if (state === 'running' || state === 'suspended' || state === 'loading') void runner.pause();
    else runner.start();
  });
  resetButton?.addEventListener('click', () => {
    fromPretrained = true;
    void freshRun(s('resetDone'), ({ session, checkpoint }) => {
      session.trainer.reset(1);
      if (checkpoint) applyCheckpoint(session.model, checkpoint);
    });
  });
  scratchButton.addEventListener('click', () => {
    scratchSeed += 1;
    fromPretrained = false;
    const seed = scratchSeed;
    void freshRun(s('scratchDone'), ({ session }) => session.trainer.reset(seed)).then(() => runner.start());
  });
  restoreButton.addEventListener('click', () => {
    void runner.whileStopped(({ model, trainer }) => {
      trainer.restoreLastGood();
      const lower = Number(rateSelect.value) / 10;
      const option = [...rateSelect.options].reduce((best, o) =>
        Math.abs(Math.log(Number(o.value) / lower)) < Math.abs(Math.log(Number(best.value) / lower)) ? o : best,
      );
      rateSelect.value = option.value;
      if ('setLearningRate' in model) model.setLearningRate(Number(option.value));
      runner.rearm();
      note = s('restored', { step: trainer.lastGoodStep ?? 0, rate: option.value });
    });
  });
  retryButton.addEventListener('click', () => {
    runner.rearm();
    if (options.retry) options.retry();
    else void load().catch(() => {}); // (a new failure shows in the status line again)
  });
  rateSelect.addEventListener('change', () => {
    const model = runner.session?.model;
    if (model && 'setLearningRate' in model) model.setLearningRate(Number(rateSelect.value));
  });
  betaInput?.addEventListener('input', () => {
    if (betaOut) betaOut.textContent = betaInput.value;
    const model = runner.session?.model;
    if (model && 'setBeta' in model) model.setBeta(Number(betaInput.value));
  });

  return {
    runner,
    get opened() {
      return opened;
    },
    load,
    teardown() {
      closed = true;
      window.clearTimeout(redrawTimer);
      runner.dispose();
    },
  };
}
