/**
 * A run: a session's steps back to back, with a turn of the event loop between two steps so that
 * a stop (in a worker: a message from the page) can arrive, and nothing else in between. It ends
 * before the next step once `stop()` was called, when a step reports a divergence, or at
 * `maxSteps`; the step in flight always completes. In the book the run lives in the model worker
 * (`src/lib/worker/model-host.ts`), so training never waits for the page's main thread: the page
 * only asks where the run stands (`latest`) now and then.
 */
import type { StepReport } from './types.ts';

export interface StepRun {
  /** The last step's report (or the start's, before the first step). */
  readonly latest: StepReport;
  /** Resolves with the last report once the run has ended and no step is in flight. */
  readonly done: Promise<StepReport>;
  /** Ends the run before its next step. */
  stop(): void;
}

export interface RunOptions {
  /** Where the session stands when the run begins. */
  readonly start: StepReport;
  /** End at this step count. Default: no limit. */
  readonly maxSteps?: number | undefined;
  /** A turn of the event loop between two steps. Default: {@link macrotask}. */
  yieldBetween?(): Promise<void>;
}

/**
 * A zero-delay macrotask through a MessageChannel: unlike `setTimeout(0)` not clamped to 4 ms
 * when nested, and available in pages, workers and Node.
 */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** Starts a run of `step` (which takes one step and reports where the session stands). */
export function runSteps(step: () => Promise<StepReport>, options: RunOptions): StepRun {
  const yieldBetween = options.yieldBetween ?? macrotask;
  let latest = options.start;
  let stopped = false;
  const ended = () => stopped || latest.divergence !== undefined || (options.maxSteps !== undefined && latest.steps >= options.maxSteps);
  const done = (async () => {
    while (!ended()) {
      latest = await step();
      if (!ended()) await yieldBetween();
    }
    return latest;
  })();
  return {
    get latest() {
      return latest;
    },
    done,
    stop() {
      stopped = true;
    },
  };
}

/** One run at a time over `step`: what a port needs to run, stop and report a session. */
export interface StepRunner {
  /** Starts a run (stopping any run in progress) and resolves with its last report. */
  run(maxSteps?: number): Promise<StepReport>;
  /** Ends the run in progress before its next step. */
  stop(): void;
  /** The run's latest report, or `now()` when no run is in progress. */
  progress(): StepReport;
}

/** A {@link StepRunner} over `step`; `now` reports the session between runs. */
export function stepRunner(step: () => Promise<StepReport>, now: () => StepReport, yieldBetween?: () => Promise<void>): StepRunner {
  let current: StepRun | undefined;
  return {
    async run(maxSteps) {
      current?.stop();
      const run = runSteps(step, { start: now(), maxSteps, ...(yieldBetween ? { yieldBetween } : {}) });
      current = run;
      try {
        return await run.done;
      } finally {
        if (current === run) current = undefined;
      }
    },
    stop() {
      current?.stop();
    },
    progress() {
      return current?.latest ?? now();
    },
  };
}
