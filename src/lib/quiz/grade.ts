/**
 * Grading of self-check answers: pure functions, no DOM, so they run in Node tests and in the
 * page alike. A multiple-choice answer is right when exactly the correct options are chosen; a
 * numeric answer when it lies within the question's absolute tolerance of the value computed
 * from the maths library. Figure tasks are graded by `./figure-checks`.
 */

export type Verdict = 'correct' | 'incorrect' | 'invalid';

/** Grades a choice question from the correctness flags of its options and the chosen indices. */
export function gradeChoice(correctFlags: readonly boolean[], chosen: ReadonlySet<number>): Verdict {
  if (chosen.size === 0) return 'invalid';
  return correctFlags.every((right, i) => right === chosen.has(i)) ? 'correct' : 'incorrect';
}

/**
 * Reads a number as readers type it: an optional sign (including the typographic minus "−"),
 * a decimal point or comma, an exponent; surrounding spaces ignored. Returns NaN for anything
 * else (an empty field, "1/2", "abc").
 */
export function parseReaderNumber(text: string): number {
  const cleaned = text
    .trim()
    .replace(/^[−–]/, '-')
    .replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** Grades a typed numeric answer against `answer` ± `tolerance` (inclusive, with rounding slack). */
export function gradeNumeric(text: string, answer: number, tolerance: number): Verdict {
  const value = parseReaderNumber(text);
  if (Number.isNaN(value)) return 'invalid';
  return Math.abs(value - answer) <= tolerance * (1 + 1e-9) ? 'correct' : 'incorrect';
}

/** The number of decimals a tolerance asks for (0.005 → 2, 0.05 → 1, 0.5 → 0), for display. */
export function decimalsFor(tolerance: number): number {
  return Math.max(0, Math.ceil(-Math.log10(2 * tolerance) - 1e-9));
}
