/** The training panels' learning-rate menu (src/components/training/rates.ts). */
import { describe, expect, it } from 'vitest';
import { RATES, rateOptions, STABLE_MAX } from '../../../../src/components/training/rates.ts';
import { en } from '../../../../src/i18n/en.ts';

describe('rateOptions(strings)', () => {
  it('labels the rates above STABLE_MAX as unstable and leaves the others as plain numbers', () => {
    const options = rateOptions(en);
    expect(options.map((o) => o.value)).toEqual(RATES.map(String));
    expect(options.filter((o) => o.unstable).map((o) => o.value)).toEqual(['0.03', '0.1']);
    expect(options.find((o) => o.value === '0.1')?.label).toBe('0.1 (unstable: may diverge)');
    expect(options.find((o) => o.value === '0.001')?.label).toBe('0.001');
    for (const o of options) expect(o.unstable).toBe(Number(o.value) > STABLE_MAX);
  });

  it('keeps 0.1, the rate chapter 6 uses to show a diverging run', () => {
    expect(RATES).toContain(0.1);
  });
});
