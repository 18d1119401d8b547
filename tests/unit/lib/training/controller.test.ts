/**
 * The training controller (src/lib/training/controller.ts) driven by a fake session and a fake
 * clock: each row of the transition table through the controller's intents and events, pause
 * within one step, the step rate against the clock, the hyperparameters applied once, divergence
 * and restore at a tenth of the rate, a recovery reported, and a failing step.
 */
import { describe, expect, it } from 'vitest';
import { RATES } from '../../../../src/components/training/rates.ts';
import type { TrainingState } from '../../../../src/lib/training/controller.ts';
import { controllerFor, fakeClock, fakeSession, until } from './fake-session.ts';

function setup(extra: Parameters<typeof controllerFor>[2] = {}, stepMs = 5) {
  const clock = fakeClock();
  const session = fakeSession(clock, stepMs);
  const { controller, refused } = controllerFor(session, clock, extra);
  const states: TrainingState[] = [];
  controller.subscribe((s) => {
    if (states.at(-1) !== s.state) states.push(s.state);
  });
  const state = () => controller.snapshot.state;
  return { clock, session, controller, refused, states, state };
}

describe('createTrainingController: the rows of the table', () => {
  it('idle → loading → ready → training → paused → training → waiting → training', async () => {
    const { controller, session, state, states } = setup();
    expect(state()).toBe('idle');
    const loaded = controller.load();
    expect(state()).toBe('loading');
    await loaded;
    expect(state()).toBe('ready');
    controller.start();
    expect(state()).toBe('training');
    await until(() => session.steps >= 10);
    controller.pause();
    expect(state()).toBe('paused');
    controller.start();
    expect(state()).toBe('training');
    controller.setVisible(false);
    expect(state()).toBe('waiting');
    const away = session.steps;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.steps).toBeLessThanOrEqual(away + 1); // (at most the step in flight)
    controller.setVisible(true);
    expect(state()).toBe('training');
    controller.setVisible(false);
    controller.pause();
    expect(state()).toBe('paused');
    expect(states).toEqual(['loading', 'ready', 'training', 'paused', 'training', 'waiting', 'training', 'waiting', 'paused']);
    controller.dispose();
  });

  it('start from idle loads and then trains (idle → loading → ready → training); start and pause while loading', async () => {
    const { controller, session, state, states } = setup();
    controller.start();
    expect(state()).toBe('loading');
    expect(controller.snapshot.running).toBe(true);
    controller.pause(); // loading × pause: the load goes on, training will not follow
    expect(controller.snapshot.running).toBe(false);
    controller.start(); // loading × start: it will
    await until(() => session.steps >= 3);
    expect(states).toEqual(['loading', 'ready', 'training']);
    controller.dispose();
  });

  it('out of view at start: training × hide → waiting at once, and nothing runs until shown', async () => {
    const { controller, session, state } = setup();
    controller.setVisible(false);
    await controller.load();
    controller.start();
    expect(state()).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.steps).toBe(0);
    controller.setVisible(true);
    await until(() => session.steps > 0);
    controller.dispose();
  });

  it('training × finished at maxSteps; finished refuses start, and change (reset) leads back through restoring to ready', async () => {
    const { controller, session, state, refused, states } = setup({ maxSteps: 25 });
    await controller.load();
    controller.start();
    await until(() => state() === 'finished');
    expect(session.steps).toBe(25);
    controller.start();
    expect(refused).toContain('finished:start');
    expect(state()).toBe('finished');
    await controller.reset();
    expect(session.resets).toEqual([undefined]);
    expect(state()).toBe('ready');
    expect(controller.snapshot.notice).toEqual({ kind: 'reset' });
    expect(states.slice(-3)).toEqual(['finished', 'restoring', 'ready']);
  });

  it('ready × change, paused × change, waiting × change: each goes through restoring, and training goes on if it was on', async () => {
    const { controller, session, state, states } = setup();
    await controller.load();
    await controller.change(() => ({ steps: 0 }));
    expect(state()).toBe('ready');
    controller.start();
    await until(() => session.steps >= 5);
    controller.pause();
    await controller.reset();
    expect(state()).toBe('ready');
    controller.start();
    controller.setVisible(false);
    expect(state()).toBe('waiting');
    await controller.reset();
    // It was wanted (waiting): training follows, still out of view.
    expect(state()).toBe('waiting');
    controller.setVisible(true);
    await controller.scratch(); // training × change, and scratch starts training
    expect(state()).toBe('training');
    expect(controller.snapshot.fromStart).toBe(false);
    expect(session.resets).toEqual([undefined, undefined, 1001]);
    expect(states).toContain('restoring');
    controller.dispose();
  });

  it('a change waits for the step in flight: no step overlaps the change', async () => {
    const { controller, session } = setup();
    await controller.load();
    let release = () => {};
    controller.start();
    await until(() => session.steps >= 2);
    session.gate = new Promise((resolve) => (release = resolve));
    await new Promise((resolve) => setTimeout(resolve, 5)); // a step is now waiting on the gate
    const resetting = controller.reset();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(session.resets).toEqual([]); // not while the step is in flight
    session.gate = undefined;
    release();
    await resetting;
    expect(session.resets).toEqual([undefined]);
    controller.dispose();
  });

  it('loading × failed → error; error × retry → loading → ready; refused intents change nothing', async () => {
    const clock = fakeClock();
    const session = fakeSession(clock);
    let attempts = 0;
    const { controller, refused } = controllerFor(session, clock, {
      open: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('404 manifest');
        return session;
      },
    });
    await expect(controller.load()).rejects.toThrow('404 manifest');
    expect(controller.snapshot.state).toBe('error');
    expect((controller.snapshot.error as Error).message).toBe('404 manifest');
    controller.start();
    void controller.restore();
    expect(refused).toEqual(['error:start']); // (restore without a session does nothing)
    expect(controller.snapshot.state).toBe('error');
    await controller.retry();
    expect(controller.snapshot.state).toBe('ready');
    expect(controller.snapshot.error).toBeUndefined();
  });

  it('training × failed → error when a step throws; retry carries on with the open session', async () => {
    const { controller, session, state } = setup();
    session.throwAt = 7;
    await controller.load();
    controller.start();
    await until(() => state() === 'error');
    expect((controller.snapshot.error as Error).message).toBe('step failed');
    await controller.retry();
    expect(state()).toBe('ready');
    controller.start();
    await until(() => session.steps >= 12);
    session.throwAt = 15;
    await until(() => state() === 'error');
    await controller.load(); // (a figure's Retry loads again: the open session carries on)
    expect(state()).toBe('ready');
    controller.dispose();
  });

  it('restoring × failed → error when a change throws', async () => {
    const { controller, state } = setup();
    await controller.load();
    await controller.change(() => {
      throw new Error('no saved weights');
    });
    expect(state()).toBe('error');
  });
});

describe('createTrainingController: behaviour', () => {
  it('a pause takes effect within one step, in the middle of a run', async () => {
    const { controller, session, state } = setup({}, 1);
    await controller.load();
    // The run would go on; the pause comes during the 3rd step.
    session.beforeReport = (steps) => {
      if (steps === 3) controller.pause();
    };
    controller.start();
    await until(() => state() === 'paused');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.steps).toBe(3);
    expect(controller.snapshot.steps).toBe(3);
  });

  it('a pause during a step is published with the step in flight, and again with its final count once it is done', async () => {
    const { controller, session, state } = setup();
    const seen: { state: TrainingState; steps: number; stepping: boolean }[] = [];
    controller.subscribe(({ state: s, steps, stepping }) => seen.push({ state: s, steps, stepping }));
    await controller.load();
    let open = () => {};
    controller.start();
    await until(() => session.steps >= 2);
    session.gate = new Promise((resolve) => (open = resolve));
    await new Promise((resolve) => setTimeout(resolve, 5)); // the loop is now waiting on a step
    const before = session.steps;
    controller.pause();
    expect(state()).toBe('paused');
    expect(controller.snapshot.stepping).toBe(true);
    session.gate = undefined;
    open();
    await until(() => !controller.snapshot.stepping);
    const last = seen.at(-1);
    expect(last).toEqual({ state: 'paused', steps: before + 1, stepping: false });
    controller.dispose();
  });

  it('the step rate is steps over wall time, the turns between steps included', async () => {
    const { controller, session } = setup();
    await controller.load();
    controller.start();
    await until(() => session.steps >= 600);
    controller.pause();
    // Each step: 5 ms, then a 1 ms turn of the event loop before the next.
    expect(controller.snapshot.stepsPerSecond).toBeCloseTo(1000 / 6, 0);
    controller.dispose();
  });

  it('applies the hyperparameters once on load and once per change, as one object', async () => {
    const { controller, session } = setup({ hyperparameters: { learningRate: 1e-3, beta: 1 } });
    await controller.load();
    expect(session.applied).toEqual([{ learningRate: 1e-3, beta: 1 }]);
    controller.setHyperparameters({ beta: 8 });
    controller.setHyperparameters({ learningRate: 2e-3 });
    expect(session.applied).toEqual([
      { learningRate: 1e-3, beta: 1 },
      { learningRate: 1e-3, beta: 8 },
      { learningRate: 2e-3, beta: 8 },
    ]);
    expect(controller.snapshot.hyperparameters).toEqual({ learningRate: 2e-3, beta: 8 });
  });

  it('training × diverged stops the run; diverged × restore → restoring → ready at a tenth of the rate', async () => {
    const { controller, session, state, refused } = setup({ hyperparameters: { learningRate: 0.1 }, rates: RATES });
    session.divergeAt = 40;
    await controller.load();
    controller.start();
    await until(() => state() === 'diverged');
    expect(session.steps).toBe(40);
    expect(controller.snapshot.divergence?.term).toBe('total');
    controller.start();
    expect(refused).toContain('diverged:start');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(session.steps).toBe(40);
    await controller.restore();
    expect(session.restores).toBe(1);
    expect(state()).toBe('ready');
    expect(controller.snapshot.hyperparameters.learningRate).toBe(0.01);
    expect(session.applied.at(-1)).toEqual({ learningRate: 0.01 });
    expect(controller.snapshot.notice).toEqual({ kind: 'restored', step: 0, learningRate: 0.01 });
    expect(controller.snapshot.divergence).toBeUndefined();
    controller.start();
    await until(() => session.steps >= 60);
    controller.dispose();
  });

  it('reports a recovery from a lost context that the session announces, and keeps training', async () => {
    const { controller, session } = setup();
    await controller.load();
    const event = { from: 'webgl', to: 'wasm', restoredStep: 10, lostSteps: 5 } as const;
    session.beforeReport = (steps) => {
      if (steps === 15) session.hooks?.onRecovered(event);
    };
    controller.start();
    await until(() => session.steps >= 20);
    expect(controller.snapshot.state).toBe('training');
    expect(controller.snapshot.notice).toEqual({ kind: 'recovered', event });
    controller.dispose();
  });

  it('dispose stops the loop and frees the session once no step is in flight', async () => {
    const { controller, session } = setup();
    await controller.load();
    controller.start();
    await until(() => session.steps >= 5);
    controller.dispose();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const stopped = session.steps;
    expect(session.disposed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(session.steps).toBe(stopped);
  });
});
