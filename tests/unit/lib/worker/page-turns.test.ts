/**
 * Turns between a training run and the page's frames (`page-turns.ts`): the worker's side with a
 * hand-driven timer, the page's side with a hand-driven "after the next frame", and which WebGL
 * renderers count as software.
 */
import { describe, expect, it } from 'vitest';
import { createPageTurns, createTurnKeeper, isSoftwareRenderer, type Schedule } from '../../../../src/lib/worker/page-turns.ts';

/** A timer the test fires by hand: `fire()` runs every scheduled callback not cancelled. */
function handTimer() {
  const due = new Set<() => void>();
  const schedule: Schedule = (fn, ms) => {
    expect(ms).toBe(150);
    due.add(fn);
    return () => due.delete(fn);
  };
  const fire = () => {
    const now = [...due];
    due.clear();
    for (const fn of now) fn();
  };
  return { schedule, fire, pending: () => due.size };
}

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

describe('createPageTurns (the worker)', () => {
  it('lets the run step until it gives the page the turn, then until the page hands that turn back', async () => {
    const timer = handTimer();
    const turns = createPageTurns(150, timer.schedule);
    expect(await settled(turns.ready())).toBe(true);
    expect(turns.pageTurn).toBeUndefined();
    turns.give(10);
    expect(turns.pageTurn).toBe(10);
    const ready = turns.ready();
    expect(await settled(ready)).toBe(false);
    turns.handBack(10);
    expect(await settled(ready)).toBe(true);
    expect(turns.pageTurn).toBeUndefined();
    expect(timer.pending()).toBe(0); // (the turn's time limit is cancelled)
  });

  it('ignores a late hand-back of an earlier turn, and ends a turn the page keeps too long', async () => {
    const timer = handTimer();
    const turns = createPageTurns(150, timer.schedule);
    turns.give(10);
    timer.fire(); // the page kept turn 10 past the limit
    expect(await settled(turns.ready())).toBe(true);
    turns.give(20);
    turns.handBack(10); // its hand-back of turn 10 arrives now
    expect(turns.pageTurn).toBe(20);
    expect(await settled(turns.ready())).toBe(false);
    turns.handBack(25);
    expect(await settled(turns.ready())).toBe(true);
  });

  it('lets the page wait for its next turn, and ends every wait when closed', async () => {
    const timer = handTimer();
    const turns = createPageTurns(150, timer.schedule);
    const first = turns.pageReady();
    expect(await settled(first)).toBe(false);
    turns.give(10);
    expect(await settled(first)).toBe(true);
    expect(await settled(turns.pageReady())).toBe(true); // (while the page has the turn)
    turns.handBack(10);
    const second = turns.pageReady();
    const run = turns.ready();
    turns.give(20);
    const held = turns.ready();
    turns.close();
    expect(await settled(second)).toBe(true);
    expect(await settled(run)).toBe(true);
    expect(await settled(held)).toBe(true);
    turns.give(30); // (no turn once closed)
    expect(turns.pageTurn).toBeUndefined();
    expect(await settled(turns.pageReady())).toBe(true);
    expect(timer.pending()).toBe(0);
  });

  it('starts the time limit of a turn the page waits for once the page is told of it, and only once', async () => {
    const timer = handTimer();
    const turns = createPageTurns(150, timer.schedule);
    turns.told(); // (no turn: nothing to start)
    expect(timer.pending()).toBe(0);
    const waiting = turns.pageReady();
    turns.give(10);
    expect(await settled(waiting)).toBe(true);
    expect(timer.pending()).toBe(0); // (the answer telling the page may wait in the worker's queue)
    turns.told();
    turns.told();
    expect(timer.pending()).toBe(1);
    timer.fire();
    expect(turns.pageTurn).toBeUndefined();
    expect(await settled(turns.ready())).toBe(true);
  });

  it('gives a new turn in place of one still held (the run waits for the newer)', async () => {
    const timer = handTimer();
    const turns = createPageTurns(150, timer.schedule);
    turns.give(10);
    const first = turns.ready();
    turns.give(20);
    expect(await settled(first)).toBe(true);
    expect(await settled(turns.ready())).toBe(false);
    expect(timer.pending()).toBe(1);
    turns.handBack(25);
    expect(await settled(turns.ready())).toBe(true);
  });
});

describe('createTurnKeeper (the page)', () => {
  /** An "after the next frame" the test runs by hand. */
  function handFrames() {
    const waiting: (() => void)[] = [];
    return { afterFrame: (fn: () => void) => void waiting.push(fn), frame: () => waiting.splice(0).forEach((fn) => fn()), count: () => waiting.length };
  }

  it('hands a turn back after the next frame, once no tracked call is in flight', async () => {
    const frames = handFrames();
    const handed: [string, number][] = [];
    const keeper = createTurnKeeper((id, step) => handed.push([id, step]), frames.afterFrame);
    let answer = (_: string) => {};
    const readout = keeper.track(new Promise<string>((resolve) => (answer = resolve)));
    keeper.owe('vae-1', 10);
    expect(frames.count()).toBe(0); // (a read-out is still on its way)
    answer('images');
    expect(await readout).toBe('images');
    expect(frames.count()).toBe(1);
    expect(handed).toEqual([]);
    frames.frame();
    expect(handed).toEqual([['vae-1', 10]]);
    frames.frame();
    expect(handed).toHaveLength(1);
  });

  it('waits for a call that started before the frame came, and hands back each session’s latest turn once', async () => {
    const frames = handFrames();
    const handed: [string, number][] = [];
    const keeper = createTurnKeeper((id, step) => handed.push([id, step]), frames.afterFrame);
    keeper.owe('a', 10);
    keeper.owe('b', 5);
    keeper.owe('a', 20);
    expect(frames.count()).toBe(1); // (one wait for a frame, however many turns)
    let answer = () => {};
    const call = keeper.track(new Promise<void>((resolve) => (answer = resolve)));
    frames.frame();
    expect(handed).toEqual([]);
    answer();
    await call;
    frames.frame();
    expect(handed).toEqual([
      ['a', 20],
      ['b', 5],
    ]);
  });

  it('counts a failed call as settled', async () => {
    const frames = handFrames();
    const handed: number[] = [];
    const keeper = createTurnKeeper((_, step) => handed.push(step), frames.afterFrame);
    keeper.owe('a', 10);
    const call = keeper.track(Promise.reject(new Error('lost')));
    await expect(call).rejects.toThrow('lost');
    frames.frame();
    frames.frame();
    expect(handed).toEqual([10]);
  });
});

describe('isSoftwareRenderer', () => {
  it('names the renderers that run WebGL on the CPU', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBe(false);
    expect(isSoftwareRenderer('')).toBe(false);
  });
});
