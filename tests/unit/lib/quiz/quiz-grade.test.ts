/** Grading and progress of the self-check questions (src/lib/quiz/grade.ts, progress.ts). */
import { describe, expect, it } from 'vitest';
import { decimalsFor, gradeChoice, gradeNumeric, parseReaderNumber } from '../../../../src/lib/quiz/grade.ts';
import { loadProgress, PROGRESS_KEY, recordAnswer, resetProgress, saveProgress, summarize } from '../../../../src/lib/quiz/progress.ts';

describe('gradeChoice', () => {
  it('gradeChoice(flags, chosen) is correct only for exactly the correct set', () => {
    const flags = [true, false, true, false];
    expect(gradeChoice(flags, new Set([0, 2]))).toBe('correct');
    expect(gradeChoice(flags, new Set([0]))).toBe('incorrect');
    expect(gradeChoice(flags, new Set([0, 1, 2]))).toBe('incorrect');
    expect(gradeChoice(flags, new Set())).toBe('invalid');
  });
});

describe('numeric answers', () => {
  it('parseReaderNumber reads signs, typographic minus, decimal commas and exponents', () => {
    expect(parseReaderNumber(' 0.818 ')).toBe(0.818);
    expect(parseReaderNumber('−1.5')).toBe(-1.5);
    expect(parseReaderNumber('0,25')).toBe(0.25);
    expect(parseReaderNumber('.5')).toBe(0.5);
    expect(parseReaderNumber('1e-3')).toBe(0.001);
    for (const bad of ['', 'abc', '1/2', '1.2.3', '--1']) expect(parseReaderNumber(bad)).toBeNaN();
  });
  it('gradeNumeric(text, answer, tolerance) accepts the tolerance band inclusively', () => {
    expect(gradeNumeric('0.82', 0.8181, 0.005)).toBe('correct');
    expect(gradeNumeric('0.81', 0.8181, 0.005)).toBe('incorrect');
    expect(gradeNumeric('0.823', 0.818, 0.005)).toBe('correct');
    expect(gradeNumeric('x', 0.818, 0.005)).toBe('invalid');
  });
  it('decimalsFor(tolerance) gives the decimals a tolerance asks for', () => {
    expect(decimalsFor(0.005)).toBe(2);
    expect(decimalsFor(0.0005)).toBe(3);
    expect(decimalsFor(0.05)).toBe(1);
    expect(decimalsFor(0.5)).toBe(0);
  });
});

describe('progress', () => {
  it('recordAnswer and summarize count answered and correct per chapter, latest answer winning', () => {
    let p = recordAnswer({}, 'a', 'q1', false);
    p = recordAnswer(p, 'a', 'q1', true);
    p = recordAnswer(p, 'a', 'q2', false);
    p = recordAnswer(p, 'b', 'q1', true);
    expect(summarize(p, 'a', ['q1', 'q2', 'q3'])).toEqual({ answered: 2, correct: 1, total: 3 });
    // An id no longer in the chapter is not counted.
    expect(summarize(p, 'a', ['q1'])).toEqual({ answered: 1, correct: 1, total: 1 });
  });
  it('resetProgress clears one chapter or everything', () => {
    const p = recordAnswer(recordAnswer({}, 'a', 'q', true), 'b', 'q', true);
    expect(Object.keys(resetProgress(p, 'a'))).toEqual(['b']);
    expect(resetProgress(p)).toEqual({});
  });
  it('saveProgress and loadProgress round-trip through a Storage, and bad data loads as empty', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    const p = recordAnswer({}, 'kl-divergence', 'gauss-numeric', true);
    expect(saveProgress(storage, p)).toBe(true);
    expect(loadProgress(storage)).toEqual(p);
    data.set(PROGRESS_KEY, '{not json');
    expect(loadProgress(storage)).toEqual({});
    data.set(PROGRESS_KEY, JSON.stringify({ a: { q: 'yes', r: true } }));
    expect(loadProgress(storage)).toEqual({ a: { r: true } });
    expect(loadProgress(undefined)).toEqual({});
  });
});
