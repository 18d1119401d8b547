/**
 * The training controller every training figure runs through: DOM-free, so Node unit tests drive
 * it with a fake session and a fake clock. It owns
 *
 * - the state, moved only along the table of `transitions.ts`;
 * - the hyperparameters, one object, handed to the session's `apply` (the one place that sets
 *   them on the model) after loading, on every change and after a restore;
 * - the loop: while the state is 'training', a run in the session (`run-steps.ts`: steps back
 *   to back, where the session lives, in the book the page's model worker), asked where it stands
 *   every `progressEveryMs` (50 ms). Leaving 'training' stops the run before its next step, so a
 *   pause (or going out of view) takes effect within one step;
 * - the step clock (`step-clock.ts`), from which the step rate is read.
 *
 * The session is reached through the narrow async {@link TrainingPort} (run, stop, progress,
 * apply, reset, restore, load, dispose). Visibility, the wait between two progress reads and the
 * clock are injected. Listeners get a {@link TrainingSnapshot} on every transition and every
 * progress read.
 */
import { type Hyperparameters, tenthOfRate } from './hyperparameters.ts';
import { createStepClock } from './step-clock.ts';
import { type TrainingEvent, type TrainingState, transition } from './transitions.ts';
import type { PortHooks, StepReport, TrainingNotice, TrainingPort, TrainingSnapshot } from './types.ts';

export type { TrainingState } from './transitions.ts';
export type * from './types.ts';

export interface ControllerOptions {
  /** Opens the session (data, backend, model); called on the first load and on retry after a failed one. */
  open(hooks: PortHooks): Promise<TrainingPort>;
  readonly hyperparameters: Hyperparameters;
  /** The clock, in ms. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  wait(ms: number): Promise<void>;
  /** How often a run is asked where it stands, in ms. Default 50. */
  readonly progressEveryMs?: number;
  /** Finish at this step count. Default: no limit. */
  readonly maxSteps?: number;
  /** The learning rates offered, so that a restore's tenth is one of them. */
  readonly rates?: readonly number[];
  /** Whether the run starts from starting weights (a pretrained checkpoint). Default true. */
  readonly fromStart?: boolean;
  /** Called with an event the table refused in the current state. */
  onRefused?(state: TrainingState, event: TrainingEvent): void;
}

export interface TrainingController {
  readonly snapshot: TrainingSnapshot;
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: (snapshot: TrainingSnapshot) => void): () => void;
  /** Opens the session without training; resolves once loaded, rejects if loading failed. */
  load(): Promise<void>;
  start(): void;
  pause(): void;
  /** Back to the starting weights, a fresh run. */
  reset(): Promise<void>;
  /** New random weights, a fresh run, and training starts. */
  scratch(): Promise<void>;
  /** After a divergence: the last good weights at a tenth of the learning rate. */
  restore(): Promise<void>;
  /** Any other change of the session (new data, saved weights), made with no step in flight; `text` is the status line's note on it. */
  change(work: (port: TrainingPort) => Promise<StepReport> | StepReport, text?: string): Promise<void>;
  /** After an error: load again (or carry on with the open session). */
  retry(): Promise<void>;
  setHyperparameters(change: Partial<Hyperparameters>): void;
  setVisible(visible: boolean): void;
  dispose(): void;
}

export function createTrainingController(options: ControllerOptions): TrainingController {
  const progressEveryMs = options.progressEveryMs ?? 50;
  const clock = createStepClock(options.now);
  const listeners = new Set<(snapshot: TrainingSnapshot) => void>();
  let state: TrainingState = 'idle';
  let port: TrainingPort | undefined;
  let opening: Promise<void> | undefined;
  let hyperparameters = options.hyperparameters;
  let report: StepReport = { steps: 0 };
  let fromStart = options.fromStart ?? true;
  let notice: TrainingNotice | undefined;
  let error: unknown;
  /** Seed of the next "train from scratch" (each adds one). */
  let scratchSeed = 1001;
  /** Whether training should follow the load or change in progress. */
  let wanted = false;
  /** A run is in progress in the session (after a stop, until its step in flight is done). */
  let stepping = false;
  let visible = true;
  let disposed = false;
  /** The loop in progress; resolves when no step is in flight. */
  let loop: Promise<void> | undefined;

  const snapshot = (): TrainingSnapshot => ({
    state,
    running: state === 'training' || state === 'waiting' || ((state === 'loading' || state === 'restoring') && wanted),
    loaded: port !== undefined,
    steps: report.steps,
    stepping,
    stepsPerSecond: clock.stepsPerSecond,
    hyperparameters,
    divergence: report.divergence,
    lastGoodStep: report.lastGoodStep,
    fromStart,
    notice,
    error: state === 'error' ? error : undefined,
  });
  const publish = () => {
    if (disposed) return;
    const current = snapshot();
    for (const listener of listeners) listener(current);
  };

  /** Moves along the table; false (and nothing changed) when the table refuses `event`. */
  const dispatch = (event: TrainingEvent): boolean => {
    const next = disposed ? undefined : transition(state, event);
    if (next === undefined) {
      if (!disposed) options.onRefused?.(state, event);
      return false;
    }
    if (next !== state) notice = undefined;
    if (state === 'training' && next !== 'training') port?.stop();
    state = next;
    if (state === 'training' && !visible) state = 'waiting';
    if (state === 'training') runLoop();
    publish();
    return true;
  };

  const fail = (reason: unknown) => {
    error = reason;
    wanted = false;
    dispatch('failed');
  };

  const runLoop = () => {
    if (loop !== undefined) return; // (the loop in progress sees 'training' and carries on)
    loop = (async () => {
      const active = port;
      try {
        if (active === undefined) return;
        clock.start(report.steps);
        while (state === 'training' && !disposed) {
          if (options.maxSteps !== undefined && report.steps >= options.maxSteps) {
            dispatch('finished');
            break;
          }
          stepping = true;
          try {
            let ended = false;
            const run = active.run(options.maxSteps).finally(() => {
              ended = true;
            });
            while (!ended) {
              await Promise.race([run, options.wait(progressEveryMs)]);
              if (ended) break;
              report = await active.progress();
              clock.tick(report.steps);
              publish();
            }
            report = await run;
          } finally {
            stepping = false;
          }
          clock.tick(report.steps);
          if (report.divergence) dispatch('diverged');
          publish();
        }
      } catch (reason) {
        if (state === 'training') fail(reason);
      } finally {
        clock.stop();
        loop = undefined;
        // A start that came while the last step was in flight found the loop still running.
        if (state === 'training' && !disposed) runLoop();
      }
    })();
  };

  const open = (): Promise<void> => {
    opening ??= (async () => {
      try {
        const opened = await options.open({
          onRecovered(event) {
            notice = { kind: 'recovered', event };
            publish();
          },
        });
        if (disposed) {
          opened.dispose();
          return;
        }
        await opened.apply(hyperparameters);
        port = opened;
      } catch (reason) {
        opening = undefined;
        fail(reason);
        throw reason;
      }
      dispatch('loaded');
      if (wanted) {
        wanted = false;
        dispatch('start');
      }
    })();
    return opening;
  };

  /** After an error: opens the session again, or carries on with the one that is open. */
  const reopen = (): Promise<void> => {
    if (port === undefined) return open();
    dispatch('loaded');
    return Promise.resolve();
  };

  /** Runs `work` in state 'restoring', once no step is in flight; training goes on after if it was on (or `thenStart`). */
  const changeWith = async (
    event: 'change' | 'restore',
    work: (active: TrainingPort) => Promise<StepReport> | StepReport,
    done: () => TrainingNotice,
    thenStart = false,
  ): Promise<void> => {
    const wasRunning = state === 'training' || state === 'waiting';
    if (port === undefined || !dispatch(event)) return;
    wanted = wasRunning || thenStart;
    await loop;
    try {
      report = await work(port);
    } catch (reason) {
      fail(reason);
      return;
    }
    clock.clear();
    dispatch('changed');
    notice = done();
    publish();
    if (wanted) {
      wanted = false;
      dispatch('start');
    }
  };

  const controller: TrainingController = {
    get snapshot() {
      return snapshot();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load() {
      if (state === 'error') {
        dispatch('retry');
        return reopen();
      }
      if (port !== undefined) return Promise.resolve();
      if (state === 'idle') dispatch('load');
      return open();
    },
    start() {
      if (state === 'idle' || state === 'loading') {
        if (!dispatch('start')) return;
        wanted = true;
        void open().catch(() => {}); // (a failure shows as state 'error')
      } else dispatch('start');
    },
    pause() {
      if (state === 'loading' || state === 'restoring') wanted = false;
      if (state !== 'restoring') dispatch('pause');
      else publish();
    },
    reset() {
      return changeWith(
        'change',
        (active) => {
          fromStart = true;
          return active.reset();
        },
        () => ({ kind: 'reset' }),
      );
    },
    scratch() {
      return changeWith(
        'change',
        (active) => {
          fromStart = false;
          scratchSeed += 1;
          return active.reset(scratchSeed - 1);
        },
        () => ({ kind: 'scratch' }),
        true,
      );
    },
    restore() {
      return changeWith(
        'restore',
        async (active) => {
          const restored = await active.restoreLastGood();
          hyperparameters = { ...hyperparameters, learningRate: tenthOfRate(hyperparameters.learningRate, options.rates) };
          await active.apply(hyperparameters);
          return restored;
        },
        () => ({ kind: 'restored', step: report.lastGoodStep ?? 0, learningRate: hyperparameters.learningRate }),
      );
    },
    change(work, text) {
      return changeWith('change', work, () => ({ kind: 'changed', text }));
    },
    async retry() {
      if (dispatch('retry')) await reopen().catch(() => {}); // (a new failure shows as state 'error')
    },
    setHyperparameters(change) {
      hyperparameters = { ...hyperparameters, ...change };
      void port?.apply(hyperparameters).catch(fail);
      publish();
    },
    setVisible(next) {
      visible = next;
      if (state === 'training' && !next) dispatch('hide');
      else if (state === 'waiting' && next) dispatch('show');
    },
    dispose() {
      disposed = true;
      listeners.clear();
      // (a session still opening is disposed by `open` when it arrives)
      const release = () => port?.dispose();
      port?.stop();
      if (loop) void loop.then(release);
      else release();
    },
  };
  return controller;
}
