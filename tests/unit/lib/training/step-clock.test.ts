/** The step clock (src/lib/training/step-clock.ts): steps over wall time, pauses between slices included. */
import { describe, expect, it } from 'vitest';
import { createStepClock } from '../../../../src/lib/training/step-clock.ts';

describe('createStepClock', () => {
  it('counts the time between slices: 3 steps of 4 ms per slice, then 20 ms elsewhere, is 3 / 32 ms', () => {
    let time = 0;
    const clock = createStepClock(() => time);
    clock.start(0);
    let steps = 0;
    for (let slice = 0; slice < 100; slice++) {
      for (let i = 0; i < 3; i++) {
        time += 4;
        clock.tick(++steps);
      }
      time += 20; // the browser's turn: input, painting, a redraw
    }
    // Not 250 steps/s (the rate inside a slice), but what was done per second of wall time.
    expect(clock.stepsPerSecond).toBeCloseTo(3000 / 32, 0);
  });

  it('says nothing before minimumMs of training, and follows a change of speed within the window', () => {
    let time = 0;
    const clock = createStepClock(() => time, { windowMs: 1000, minimumMs: 500 });
    clock.start(0);
    for (let step = 1; step <= 40; step++) {
      time += 10;
      clock.tick(step);
    }
    expect(clock.stepsPerSecond).toBeUndefined(); // 400 ms so far
    for (let step = 41; step <= 100; step++) {
      time += 10;
      clock.tick(step);
    }
    expect(clock.stepsPerSecond).toBeCloseTo(100, 5);
    for (let step = 101; step <= 300; step++) {
      time += 40; // four times slower
      clock.tick(step);
    }
    expect(clock.stepsPerSecond).toBeCloseTo(25, 0);
  });

  it('does not count the time stopped, and clear() forgets the rate', () => {
    let time = 0;
    const clock = createStepClock(() => time, { windowMs: 1000, minimumMs: 100 });
    clock.start(0);
    for (let step = 1; step <= 50; step++) {
      time += 10;
      clock.tick(step);
    }
    clock.stop();
    time += 60_000; // paused for a minute
    expect(clock.stepsPerSecond).toBeCloseTo(100, 5);
    clock.start(50);
    for (let step = 51; step <= 70; step++) {
      time += 10;
      clock.tick(step);
    }
    expect(clock.stepsPerSecond).toBeCloseTo(100, 5);
    clock.clear();
    expect(clock.stepsPerSecond).toBeUndefined();
  });
});
