/**
 * What every figure task's predicate shares: the figure state it reads, the result it returns,
 * and small readers for untyped published state (numbers, records, JSON in data attributes).
 * The predicates themselves live in `figure-checks.ts` and the modules it gathers.
 */

/** What a figure publishes: its `value` (any shape) and its dataset. */
export interface FigureState {
  readonly value: unknown;
  readonly data: Readonly<Record<string, string | undefined>>;
}

export interface CheckResult {
  readonly done: boolean;
  /** What the reader has achieved, or what is still missing. */
  readonly message: { readonly en: string; readonly zh: string };
}

export type Check = (state: FigureState) => CheckResult;

/** A number for a message, with a true minus sign; "—" for NaN or ±∞. */
export const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits).replace('-', '−') : '—');
export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
/** `x` if it is a number, else NaN (which fails every comparison a check makes). */
export const num = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);

/** The finite numbers of a published plain or typed array, or undefined for anything else. */
export const numberArray = (x: unknown): number[] | undefined => {
  if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) return undefined;
  const values = Array.from(x as ArrayLike<unknown>, num);
  return values.every(Number.isFinite) ? values : undefined;
};

/** The result while the figure has published nothing yet. */
export const notReady: CheckResult = {
  done: false,
  message: { en: 'The figure has not started yet: scroll to it and wait until its controls appear.', zh: '图还没有启动：请滚动到图的位置，等控件出现后再试。' },
};

/** A data attribute's JSON, or undefined when it is missing or malformed. */
export const parseJson = (text: string | undefined): unknown => {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
};
