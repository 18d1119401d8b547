/**
 * The in-page training loop every training widget shares. It trains a {@link TrainingSession}
 * of the model library in small time-budgeted slices on the main thread: each slice runs steps
 * until `budgetMs` (12 ms) is spent, then yields to the browser (a macrotask), so input, scrolling and
 * painting go on between slices. One step is the smallest unit, so a slice can overrun its
 * budget by at most one step (~5–15 ms for the book's models on WASM), which keeps every
 * task well under the 50 ms at which the browser counts it as a long task.
 *
 * It runs only while the reader wants it to (start/pause) AND the widget can be seen: a widget
 * scrolled out of view or a hidden tab suspends the loop, which resumes by itself when the widget
 * is visible again. `dispose()` (page left, widget removed) stops it and frees the session.
 *
 * The runner owns no DOM beyond observing its root's visibility; `onUpdate` tells the caller
 * what to show.
 */
import type { TrainingSession } from '../../lib/vae/session.ts';

export type RunnerState =
  /** Nothing loaded yet (before the first start). */
  | 'idle'
  /** Downloading data, choosing the backend, building the model. */
  | 'loading'
  /** Training slices are running. */
  | 'running'
  /** Stopped by the reader (or never started since loading). */
  | 'paused'
  /** The reader wants it running, but the widget is out of view or the tab hidden. */
  | 'suspended'
  /** The trainer's divergence guard stopped training (a non-finite or runaway loss); see `session.trainer.divergence`. */
  | 'diverged'
  /** The step limit was reached. */
  | 'finished'
  /** Loading or a step threw; see the update's `error`. */
  | 'failed';

export interface RunnerUpdate {
  readonly state: RunnerState;
  readonly session: TrainingSession | undefined;
  /** Steps per second over the last few slices (undefined until measured). */
  readonly stepsPerSecond: number | undefined;
  /** Set in state 'failed'. */
  readonly error?: unknown;
}

export interface RunnerOptions {
  /** The element whose visibility gates training. */
  readonly root: Element;
  /** Builds the session (data, backend, model, pretrained weights); called once, on first start. */
  open(): Promise<TrainingSession>;
  /** Called on every state change and after every slice. */
  onUpdate(update: RunnerUpdate): void;
  /** Time budget of one slice in ms. Default 12. */
  readonly budgetMs?: number;
  /** Stop ('finished') at this step count. Default: no limit. */
  readonly maxSteps?: number;
  /** Yields to the browser between slices. Default: a zero-delay macrotask (MessageChannel). */
  readonly yieldToBrowser?: () => Promise<void>;
}

export interface TrainingRunner {
  readonly state: RunnerState;
  readonly session: TrainingSession | undefined;
  /** Loads the session if needed (without training); resolves to it. */
  load(): Promise<TrainingSession>;
  /** The reader wants training to run (loads first if needed). */
  start(): void;
  /** The reader wants training to stop; resolves when no step is in flight. */
  pause(): Promise<void>;
  /** After a limit was reached or weights were replaced: back to 'paused' so start() works again. */
  rearm(): void;
  /** Runs `change` (e.g. a reset) with no step in flight, then publishes an update. */
  whileStopped(change: (session: TrainingSession) => void | Promise<void>): Promise<void>;
  dispose(): void;
}

/** A macrotask that is not throttled like setTimeout(0) (and not paused like rAF in hidden tabs: visibility is handled separately). */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

export function createTrainingRunner(options: RunnerOptions): TrainingRunner {
  const budgetMs = options.budgetMs ?? 12;
  const yieldToBrowser = options.yieldToBrowser ?? macrotask;
  let state: RunnerState = 'idle';
  let session: TrainingSession | undefined;
  let opening: Promise<TrainingSession> | undefined;
  let wanted = false;
  let inView = true;
  let pageVisible = document.visibilityState !== 'hidden';
  let disposed = false;
  let loop: Promise<void> | undefined;
  let rate: number | undefined;
  let error: unknown;

  const publish = () => {
    if (!disposed) options.onUpdate({ state, session, stepsPerSecond: rate, ...(state === 'failed' ? { error } : {}) });
  };
  const setState = (next: RunnerState) => {
    state = next;
    publish();
  };
  const canRun = () => wanted && inView && pageVisible && !disposed;

  const fail = (reason: unknown) => {
    wanted = false;
    error = reason;
    setState('failed');
  };

  const load = (): Promise<TrainingSession> => {
    if (session) return Promise.resolve(session);
    if (opening === undefined) {
      setState('loading');
      opening = options.open().then(
        (opened) => {
          if (disposed) {
            opened.dispose();
            throw new Error('The widget was closed while loading.');
          }
          session = opened;
          return opened;
        },
        (reason: unknown) => {
          opening = undefined;
          throw reason;
        },
      );
    }
    return opening;
  };

  const runSlices = async (active: TrainingSession) => {
    let windowStart = performance.now();
    let windowSteps = 0;
    while (canRun()) {
      if (options.maxSteps !== undefined && active.trainer.stepCount >= options.maxSteps) {
        wanted = false;
        setState('finished');
        return;
      }
      const sliceStart = performance.now();
      const before = active.trainer.stepCount;
      do {
        await active.step(1);
      } while (
        performance.now() - sliceStart < budgetMs &&
        canRun() &&
        active.trainer.status === 'ready' &&
        (options.maxSteps === undefined || active.trainer.stepCount < options.maxSteps)
      );
      windowSteps += Math.max(0, active.trainer.stepCount - before);
      const now = performance.now();
      if (now - windowStart >= 500) {
        rate = (1000 * windowSteps) / (now - windowStart);
        windowStart = now;
        windowSteps = 0;
      }
      if (active.trainer.status === 'diverged') {
        wanted = false;
        setState('diverged');
        return;
      }
      publish();
      await yieldToBrowser();
    }
  };

  /** Starts the loop if it should run and is not running; the loop ends by itself when it should not. */
  const kick = () => {
    if (loop !== undefined || !canRun()) {
      if (wanted && !disposed && session && loop === undefined) setState('suspended');
      return;
    }
    loop = (async () => {
      try {
        const active = await load();
        if (!canRun()) return;
        setState('running');
        await runSlices(active);
      } catch (reason) {
        fail(reason);
      } finally {
        loop = undefined;
        if (!disposed && state === 'running') setState(wanted ? 'suspended' : 'paused');
        // The reader may have pressed start again while the last slice finished.
        if (canRun() && state !== 'failed') kick();
      }
    })();
  };

  const observer =
    'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => {
          const entry = entries.at(-1);
          if (entry === undefined) return;
          inView = entry.isIntersecting;
          kick();
        })
      : undefined;
  observer?.observe(options.root);
  const onVisibility = () => {
    pageVisible = document.visibilityState !== 'hidden';
    kick();
  };
  document.addEventListener('visibilitychange', onVisibility);

  const stop = async () => {
    wanted = false;
    await loop;
  };

  return {
    get state() {
      return state;
    },
    get session() {
      return session;
    },
    load() {
      return load().then(
        (opened) => {
          if (state === 'loading') setState('paused');
          return opened;
        },
        (reason: unknown) => {
          fail(reason);
          throw reason;
        },
      );
    },
    start() {
      if (disposed || state === 'diverged' || state === 'finished') return;
      wanted = true;
      kick();
    },
    async pause() {
      await stop();
      if (!disposed && state !== 'failed' && state !== 'diverged' && state !== 'finished') setState(session ? 'paused' : 'idle');
    },
    rearm() {
      if (state === 'diverged' || state === 'finished' || state === 'failed') setState(session ? 'paused' : 'idle');
    },
    async whileStopped(change) {
      const wasWanted = wanted;
      await stop();
      const active = await load();
      await change(active);
      if (state === 'loading' || state === 'running' || state === 'suspended') state = 'paused';
      rate = undefined;
      publish();
      if (wasWanted) {
        wanted = true;
        kick();
      }
    },
    dispose() {
      disposed = true;
      wanted = false;
      observer?.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      const release = () => session?.dispose();
      if (loop) void loop.then(release);
      else release();
    },
  };
}
