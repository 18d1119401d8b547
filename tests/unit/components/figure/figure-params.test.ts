import { describe, expect, it } from 'vitest';
import {
  choiceParam,
  clampParams,
  formatParam,
  initialValues,
  listParam,
  numberParam,
  readParam,
  readParams,
  writeParams,
} from '../../../../src/components/figure/params.ts';

const TABLE = {
  mean: numberParam('mu', { min: -1, max: 1, step: 0.01, initial: 0 }),
  exact: numberParam('e', { min: 0, max: 10, step: 0.01, initial: 1, round: false, urlDigits: 3 }),
  seed: numberParam('seed', { min: 0, max: 100, step: 1, initial: 1, pattern: /^\d+$/ }),
  kind: choiceParam('kind', ['a', 'b'], 'a'),
  count: choiceParam('n', [2, 3], 2),
  xs: listParam('x', { min: 0, max: 1, step: 0.1, initial: 0 }, { minLength: 1, maxLength: 3, initial: [0.5], invalid: 'skip' }),
  ws: listParam('w', { min: 0, max: 1, step: 0.1, initial: 0.5 }, { minLength: 0, maxLength: 3, initial: [], invalid: 'initial' }),
};

describe('figure parameter tables', () => {
  it('readParam(number) clamps and rounds to the step, or keeps full precision when round is false', () => {
    expect(readParam(TABLE.mean, '0.123')).toBe(0.12);
    expect(readParam(TABLE.mean, '1e999')).toBe(1);
    expect(readParam(TABLE.mean, 'abc', 0.5)).toBe(0.5);
    expect(readParam(TABLE.exact, 1.23456789)).toBe(1.23456789);
    expect(readParam(TABLE.exact, -Infinity)).toBe(0);
  });

  it('a pattern rejects text it does not match, before clamping', () => {
    expect(readParam(TABLE.seed, '007')).toBe(7);
    expect(readParam(TABLE.seed, '999')).toBe(100);
    expect(readParam(TABLE.seed, '-3')).toBe(1);
    expect(readParam(TABLE.seed, '1e2')).toBe(1);
  });

  it('readParam(choice) accepts only an option: text exactly, numbers by value', () => {
    expect(readParam(TABLE.kind, 'b')).toBe('b');
    expect(readParam(TABLE.kind, 'B')).toBe('a');
    expect(readParam(TABLE.kind, null, 'b')).toBe('b');
    expect(readParam(TABLE.count, '3')).toBe(3);
    expect(readParam(TABLE.count, ' 3 ')).toBe(3);
    expect(readParam(TABLE.count, '7')).toBe(2);
    expect(readParam(TABLE.count, '')).toBe(2);
  });

  it('readParam(list) skips or replaces unusable entries, keeps at most maxLength and falls back below minLength', () => {
    expect(readParam(TABLE.xs, '0.44,x,7,-1,0.2')).toEqual([0.4, 1, 0]);
    expect(readParam(TABLE.xs, 'x,,y')).toEqual([0.5]);
    expect(readParam(TABLE.ws, 'x,0.3')).toEqual([0.5, 0.3]);
    expect(readParam(TABLE.ws, [2, -1])).toEqual([1, 0]);
  });

  it('readParams and writeParams round-trip with a prefix, keep other parameters, and write in the table order', () => {
    const values = { mean: -0.5, exact: 2.5, seed: 42, kind: 'b', count: 3, xs: [0.1, 0.9], ws: [0.5] } as const;
    const search = writeParams(TABLE, values, new URLSearchParams('lang=en'), 'p-');
    expect(search.toString()).toBe('lang=en&p-mu=-0.50&p-e=2.5&p-seed=42&p-kind=b&p-n=3&p-x=0.1%2C0.9&p-w=0.5');
    expect(readParams(TABLE, search, 'p-')).toEqual(values);
    expect(readParams(TABLE, search)).toEqual(initialValues(TABLE));
    expect(readParams(TABLE, new URLSearchParams('mu=9&e=abc&seed=x&kind=c&n=5&x=&w=2'))).toEqual({ ...initialValues(TABLE), mean: 1, ws: [1] });
  });

  it('writeParams keeps urlDigits decimals, and formatParam prints a control at the step resolution', () => {
    expect(writeParams(TABLE, { ...initialValues(TABLE), exact: 1.23456789 }, new URLSearchParams()).get('e')).toBe('1.235');
    expect(formatParam(TABLE.mean, 0.5)).toBe('0.50');
    expect(formatParam(TABLE.seed, 7)).toBe('7');
    expect(formatParam(TABLE.count, 3)).toBe('3');
  });

  it('clampParams makes every value valid, falling back to the previous value for what is no number', () => {
    const previous = initialValues(TABLE);
    const next = clampParams(TABLE, { ...previous, mean: 5, exact: Number.NaN, kind: 'z' as 'a' }, { ...previous, exact: 3 });
    expect(next).toEqual({ ...previous, mean: 1, exact: 3 });
  });
});
