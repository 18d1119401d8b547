/** A run of steps (src/lib/training/run-steps.ts): it ends at a stop, a divergence or the step limit, never in the middle of a step. */
import { describe, expect, it } from 'vitest';
import { macrotask, runSteps } from '../../../../src/lib/training/run-steps.ts';
import type { StepReport } from '../../../../src/lib/training/types.ts';

/** Fake steps counting from `steps`; `divergeAt` makes that step report a divergence. */
function counter(divergeAt?: number) {
  const state = { steps: 0, inFlight: false, overlapped: false };
  const step = async (): Promise<StepReport> => {
    state.overlapped ||= state.inFlight;
    state.inFlight = true;
    await macrotask();
    state.steps += 1;
    state.inFlight = false;
    return { steps: state.steps, ...(state.steps === divergeAt ? { divergence: { step: state.steps, term: 'total' as const, value: Number.NaN } } : {}) };
  };
  return { state, step };
}

describe('runSteps', () => {
  it('steps until stopped; a stop during a step ends the run after that step', async () => {
    const { state, step } = counter();
    const run = runSteps(step, { start: { steps: 0 } });
    while (state.steps < 5) await macrotask();
    expect(state.inFlight || state.steps === 5).toBe(true);
    run.stop();
    const stoppedAt = state.steps;
    const last = await run.done;
    expect(last.steps - stoppedAt).toBeLessThanOrEqual(1);
    expect(run.latest).toEqual(last);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.steps).toBe(last.steps);
    expect(state.overlapped).toBe(false);
  });

  it('ends at a divergence and at the step limit by itself', async () => {
    expect((await runSteps(counter(4).step, { start: { steps: 0 } }).done).steps).toBe(4);
    expect((await runSteps(counter().step, { start: { steps: 0 }, maxSteps: 7 }).done).steps).toBe(7);
    // Already at the limit: no step at all.
    const idle = counter();
    expect((await runSteps(idle.step, { start: { steps: 7 }, maxSteps: 7 }).done).steps).toBe(7);
    expect(idle.state.steps).toBe(0);
  });
});
