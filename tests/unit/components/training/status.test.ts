/** The training figures' status line (src/components/training/status.ts), from controller snapshots. */
import { describe, expect, it } from 'vitest';
import type { TrainingSnapshot } from '../../../../src/lib/training/controller.ts';
import { statusText } from '../../../../src/components/training/status.ts';
import { en } from '../../../../src/i18n/en.ts';

const base: TrainingSnapshot = {
  state: 'ready',
  running: false,
  loaded: true,
  steps: 0,
  stepping: false,
  stepsPerSecond: undefined,
  hyperparameters: { learningRate: 1e-3 },
  divergence: undefined,
  lastGoodStep: undefined,
  fromStart: true,
  notice: undefined,
  error: undefined,
};
const text = (change: Partial<TrainingSnapshot>, pretrained = true) => statusText({ ...base, ...change }, en, pretrained);

describe('statusText', () => {
  it("says each state in the figure's words", () => {
    expect(text({ state: 'idle' })).toBe(en['training.idlePretrained']);
    expect(text({ state: 'idle' }, false)).toBe(en['training.idle']);
    expect(text({ state: 'ready', steps: 0 })).toBe(en['training.idlePretrained']);
    expect(text({ state: 'ready', steps: 40 })).toBe(en['training.paused']);
    expect(text({ state: 'loading' })).toBe(en['training.loading']);
    expect(text({ state: 'training' })).toBe(en['training.runningPretrained']);
    expect(text({ state: 'training', fromStart: false })).toBe(en['training.running']);
    expect(text({ state: 'waiting' })).toBe(en['training.suspended']);
    expect(text({ state: 'paused', steps: 12 })).toBe(en['training.paused']);
    expect(text({ state: 'finished', steps: 300 })).toBe('Done: 300 steps trained in this page.');
    expect(text({ state: 'error', error: new Error('boom') })).toBe('Training failed: boom');
  });

  it('names the term and the step to restore from when the run diverged', () => {
    const nan = text({ state: 'diverged', divergence: { step: 30, term: 'kl', value: Number.NaN }, lastGoodStep: 20 });
    expect(nan).toContain('at step 30 the kl term became NaN');
    expect(nan).toContain('Restore the weights from step 20');
    const runaway = text({ state: 'diverged', divergence: { step: 50, term: 'total', value: 123456, best: 150 }, lastGoodStep: 0 });
    expect(runaway).toContain('had climbed from its best of 150.0');
  });

  it('lets a notice outrank the state until the next change of state', () => {
    expect(text({ notice: { kind: 'reset' } })).toBe(en['training.resetDone']);
    expect(text({ notice: { kind: 'scratch' } })).toBe(en['training.scratchDone']);
    expect(text({ notice: { kind: 'restored', step: 0, learningRate: 0.01 } })).toBe('Restored the weights from step 0; the learning rate is now 0.01.');
    const event = { from: 'webgl', to: 'wasm', restoredStep: 50, lostSteps: 7 } as const;
    expect(text({ state: 'training', notice: { kind: 'recovered', event } })).toBe(
      'The graphics context was lost; training moved from WebGL to WebAssembly (WASM) and resumed from step 50 (7 steps were lost).',
    );
    expect(text({ notice: { kind: 'changed', text: 'Loaded your weights.' } })).toBe('Loaded your weights.');
    expect(text({ state: 'paused', steps: 5, notice: { kind: 'changed' } })).toBe(en['training.paused']);
  });
});
