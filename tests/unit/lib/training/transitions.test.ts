/** The training controller's transition table (src/lib/training/transitions.ts), checked cell by cell. */
import { describe, expect, it } from 'vitest';
import { TRANSITIONS, transition, type TrainingEvent, type TrainingState } from '../../../../src/lib/training/transitions.ts';

const STATES: TrainingState[] = ['idle', 'loading', 'ready', 'training', 'waiting', 'paused', 'finished', 'diverged', 'restoring', 'error'];
const EVENTS: TrainingEvent[] = ['load', 'start', 'pause', 'hide', 'show', 'change', 'restore', 'retry', 'loaded', 'failed', 'diverged', 'finished', 'changed'];

/** Every allowed transition, written out independently of the table. */
const EXPECTED = [
  'idle load loading',
  'idle start loading',
  'loading start loading',
  'loading pause loading',
  'loading loaded ready',
  'loading failed error',
  'ready start training',
  'ready change restoring',
  'training pause paused',
  'training hide waiting',
  'training diverged diverged',
  'training finished finished',
  'training failed error',
  'training change restoring',
  'waiting pause paused',
  'waiting show training',
  'waiting change restoring',
  'paused start training',
  'paused change restoring',
  'finished change restoring',
  'diverged restore restoring',
  'diverged change restoring',
  'restoring changed ready',
  'restoring failed error',
  'error retry loading',
];

describe('the transition table', () => {
  it('has exactly the expected rows: every other state × event is refused', () => {
    const allowed = new Map(EXPECTED.map((row) => row.split(' ')).map(([s, e, to]) => [`${s} ${e}`, to]));
    for (const state of STATES) {
      for (const event of EVENTS) expect(transition(state, event), `${state} × ${event}`).toBe(allowed.get(`${state} ${event}`));
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATES].sort());
  });

  it('reaches every state, and every state but idle is reachable from idle', () => {
    const seen = new Set<TrainingState>(['idle']);
    const queue: TrainingState[] = ['idle'];
    for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
      for (const to of Object.values(TRANSITIONS[state])) {
        if (seen.has(to)) continue;
        seen.add(to);
        queue.push(to);
      }
    }
    expect([...seen].sort()).toEqual([...STATES].sort());
  });

  it('leaves no state but idle without a way on (no dead end)', () => {
    for (const state of STATES) expect(Object.keys(TRANSITIONS[state]).length, state).toBeGreaterThan(0);
  });
});
