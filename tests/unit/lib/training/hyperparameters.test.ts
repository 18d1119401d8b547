/** The hyperparameters object and the one function that applies it (src/lib/training/hyperparameters.ts). */
import { describe, expect, it } from 'vitest';
import { RATES } from '../../../../src/components/training/rates.ts';
import { applyHyperparameters, tenthOfRate } from '../../../../src/lib/training/hyperparameters.ts';

describe('applyHyperparameters', () => {
  it('sets the learning rate, and β only where the model has a setter and a β is given', () => {
    const calls: string[] = [];
    const vae = { setLearningRate: (r: number) => calls.push(`lr ${r}`), setBeta: (b: number) => calls.push(`beta ${b}`) };
    applyHyperparameters(vae, { learningRate: 0.002, beta: 4 });
    applyHyperparameters(vae, { learningRate: 0.001 });
    applyHyperparameters({ setLearningRate: (r: number) => calls.push(`gan lr ${r}`) }, { learningRate: 0.01, beta: 2 });
    expect(calls).toEqual(['lr 0.002', 'beta 4', 'lr 0.001', 'gan lr 0.01']);
  });
});

describe('tenthOfRate', () => {
  it('is a tenth, or the offered rate nearest a tenth on a log scale', () => {
    expect(tenthOfRate(0.05)).toBeCloseTo(0.005, 12);
    expect(tenthOfRate(0.1, RATES)).toBe(0.01);
    expect(tenthOfRate(0.03, RATES)).toBe(0.002); // a tenth is 0.003: 0.002 is nearer than 0.005 on a log scale
    expect(tenthOfRate(1e-3, RATES)).toBe(1e-4);
  });
});
