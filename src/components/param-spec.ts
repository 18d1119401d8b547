/**
 * Numeric widget parameters: their range and step, and how any input a reader or a URL may
 * supply becomes a valid value. One module, so every widget clamps and rounds alike.
 */
export interface ParamSpec {
  readonly min: number;
  readonly max: number;
  /** The slider's step; values are rounded to its resolution. */
  readonly step: number;
  readonly initial: number;
}

/** A number from a number or numeric string (±Infinity and "1e999" included); NaN otherwise. */
export function toNumber(raw: unknown): number {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  return typeof text === 'number' ? text : typeof text === 'string' && text !== '' ? Number(text) : Number.NaN;
}

/** Decimal places implied by a step such as 0.01 (→ 2) or 1 (→ 0). */
export function decimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** `value` clamped into [min, max] and rounded to `places` decimals (clamped again after rounding). */
export function clampRound(value: number, min: number, max: number, places: number): number {
  const clamped = Math.min(max, Math.max(min, value));
  return Math.min(max, Math.max(min, Number(clamped.toFixed(places))));
}

/**
 * A valid value of a parameter from anything a reader or a URL may supply: numbers and numeric
 * strings are clamped into range and (unless `round` is false) rounded to the step's resolution;
 * anything else (empty, "abc", NaN) gives `fallback`.
 */
export function clampToSpec(spec: ParamSpec, raw: unknown, fallback: number, round = true): number {
  const value = toNumber(raw);
  if (Number.isNaN(value)) return fallback;
  return round ? clampRound(value, spec.min, spec.max, decimals(spec.step)) : Math.min(spec.max, Math.max(spec.min, value));
}

/** One of `choices` from anything a control or a URL may supply (compared exactly), or `fallback`. */
export function parseChoice<T>(choices: readonly T[], raw: unknown, fallback: T): T {
  return choices.find((choice) => choice === raw) ?? fallback;
}
