/**
 * A fake session and clock for the training controller's unit tests: a run (`runSteps`) of fake
 * steps, each advancing the fake clock by `stepMs` and the turn between two steps by `yieldMs`;
 * the test can make a step diverge, throw, or wait on a promise it holds.
 */
import {
  createTrainingController,
  type ControllerOptions,
  type PortHooks,
  type StepReport,
  type TrainingPort,
} from '../../../../src/lib/training/controller.ts';
import { stepRunner } from '../../../../src/lib/training/run-steps.ts';
import type { Hyperparameters } from '../../../../src/lib/training/hyperparameters.ts';

export interface FakeSession extends TrainingPort {
  step(): Promise<StepReport>;
  steps: number;
  readonly applied: Hyperparameters[];
  readonly resets: (number | undefined)[];
  restores: number;
  disposed: boolean;
  /** Runs before a step's report (e.g. to pause mid-run, or to lose the context). */
  beforeReport?: (steps: number) => void;
  /** The step at which the guard stops the run. */
  divergeAt?: number | undefined;
  /** The step that throws. */
  throwAt?: number;
  /** While set, a step waits for it. */
  gate?: Promise<void> | undefined;
  hooks?: PortHooks;
}

export function fakeClock() {
  const clock = { time: 0, now: () => clock.time };
  return clock;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function fakeSession(clock: { time: number }, stepMs = 5, yieldMs = 1): FakeSession {
  const report = (): StepReport => ({ steps: session.steps, lastGoodStep: 0 });
  const session: FakeSession = {
    steps: 0,
    applied: [],
    resets: [],
    restores: 0,
    disposed: false,
    async step(): Promise<StepReport> {
      if (session.gate) await session.gate;
      clock.time += stepMs;
      session.steps += 1;
      if (session.throwAt === session.steps) throw new Error('step failed');
      session.beforeReport?.(session.steps);
      const diverged = session.divergeAt !== undefined && session.steps >= session.divergeAt;
      return { steps: session.steps, lastGoodStep: 0, ...(diverged ? { divergence: { step: session.steps, term: 'total', value: Number.NaN } } : {}) };
    },
    run: (maxSteps) => runner.run(maxSteps),
    stop: () => runner.stop(),
    progress: async () => runner.progress(),
    async apply(hyperparameters) {
      session.applied.push(hyperparameters);
    },
    async reset(seed) {
      session.resets.push(seed);
      session.steps = 0;
      session.divergeAt = undefined;
      return { steps: 0, lastGoodStep: 0 };
    },
    async load() {
      session.steps = 0;
      session.divergeAt = undefined;
      return { steps: 0, lastGoodStep: 0 };
    },
    async restoreLastGood() {
      session.restores += 1;
      session.divergeAt = undefined;
      return { steps: session.steps, lastGoodStep: 0 };
    },
    dispose() {
      session.disposed = true;
    },
  };
  const yieldBetween = () => {
    clock.time += yieldMs;
    return macrotask();
  };
  const runner = stepRunner(() => session.step(), report, yieldBetween);
  return session;
}

/** A controller over `session`; its waits between two progress reads give way to other tasks (the fake clock stands still). */
export function controllerFor(session: FakeSession, clock: ReturnType<typeof fakeClock>, extra: Partial<ControllerOptions> = {}) {
  const refused: string[] = [];
  const controller = createTrainingController({
    open: async (hooks) => {
      session.hooks = hooks;
      return session;
    },
    hyperparameters: { learningRate: 1e-3 },
    now: clock.now,
    wait: () => macrotask(),
    onRefused: (state, event) => refused.push(`${state}:${event}`),
    ...extra,
  });
  return { controller, refused };
}

/** Waits (in real macrotasks) until `condition` holds. */
export async function until(condition: () => boolean, tries = 2000): Promise<void> {
  for (let i = 0; i < tries && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 0));
  if (!condition()) throw new Error('condition never held');
}
