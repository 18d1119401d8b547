/**
 * The step clock of a training run: the steps counted against wall time from an injected clock,
 * and the step rate over a sliding window of wall time. The window runs from a step count taken
 * at least `windowMs` ago to the latest one, so the rate is the steps actually done per second —
 * the time between slices (the browser's own work, redraws) included, not only the time inside
 * the training slices. `stop()` ends a stretch of training (pause, out of view), so the time
 * stopped is not counted; the last rate stays readable until `clear()`.
 *
 *   const clock = createStepClock(() => performance.now());
 *   clock.start(steps); … clock.tick(steps) after each step …; clock.stepsPerSecond
 */

export interface StepClock {
  /** Training starts (or resumes) at this step count. */
  start(steps: number): void;
  /** A step ended; `steps` is the count after it. */
  tick(steps: number): void;
  /** Training stopped: the next `start` begins a new window. */
  stop(): void;
  /** Forgets the rate too (a new run). */
  clear(): void;
  /** Steps per second over the window; undefined until `minimumMs` of training were seen. */
  readonly stepsPerSecond: number | undefined;
}

export interface StepClockOptions {
  /** Wall time covered by the rate. Default 2000 ms. */
  readonly windowMs?: number;
  /** The shortest stretch a rate is computed from. Default 500 ms. */
  readonly minimumMs?: number;
}

interface Sample {
  readonly time: number;
  readonly steps: number;
}

export function createStepClock(now: () => number, options: StepClockOptions = {}): StepClock {
  const windowMs = options.windowMs ?? 2000;
  const minimumMs = options.minimumMs ?? 500;
  let samples: Sample[] = [];
  let rate: number | undefined;

  const measure = () => {
    const first = samples[0];
    const last = samples.at(-1);
    if (first === undefined || last === undefined) return;
    const span = last.time - first.time;
    if (span >= minimumMs) rate = (1000 * (last.steps - first.steps)) / span;
  };

  return {
    start(steps) {
      samples = [{ time: now(), steps }];
    },
    tick(steps) {
      if (samples.length === 0) return; // (not started)
      const time = now();
      samples.push({ time, steps });
      // Keep the newest sample at least windowMs old as the window's start, and drop the older ones.
      while (samples.length > 2 && (samples[1]?.time ?? time) <= time - windowMs) samples.shift();
      measure();
    },
    stop() {
      samples = [];
    },
    clear() {
      samples = [];
      rate = undefined;
    },
    get stepsPerSecond() {
      return rate;
    },
  };
}
