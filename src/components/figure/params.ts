/**
 * A figure's parameters, declared once in a typed table: for each one its URL key, its range and
 * step (numbers), its options (choices) or its item range and length (lists of numbers), its
 * default, and so how it is clamped, parsed from a URL or a control, printed in a control and
 * written to the URL. Every theory figure reads its state through these functions, so that
 * whatever a reader types or a link carries becomes a valid value, the same way everywhere.
 */
import { clampToSpec, decimals, type ParamSpec, toNumber } from '../param-spec.ts';

/** A number in [min, max]; rounded to the step's resolution unless `round` is false. */
export interface NumberParam extends ParamSpec {
  readonly kind: 'number';
  /** The query key (after the figure's prefix). */
  readonly key: string;
  /** False keeps full precision (the state may hold an optimiser's exact answer). */
  readonly round: boolean;
  /** Decimals kept in the URL, trailing zeros dropped; by default the step's, zeros kept ("1.50"). */
  readonly urlDigits?: number;
  /** Text from a URL or a control must match this to count (else the fallback is used). */
  readonly pattern?: RegExp;
}

/** One of a fixed list of options (a menu, radio buttons). */
export interface ChoiceParam<T extends string | number> {
  readonly kind: 'choice';
  readonly key: string;
  readonly options: readonly T[];
  readonly initial: T;
}

/** A comma-separated list of numbers (data points, weights), each clamped like a NumberParam. */
export interface ListParam {
  readonly kind: 'list';
  readonly key: string;
  readonly item: ParamSpec;
  readonly minLength: number;
  readonly maxLength: number;
  /** The list a URL gets when it has none, or fewer than `minLength` usable entries. */
  readonly initial: readonly number[];
  /** An entry that is no number: dropped ('skip', data points) or the item's initial value ('initial', weights paired by position). */
  readonly invalid: 'skip' | 'initial';
}

export type Param = NumberParam | ChoiceParam<string> | ChoiceParam<number> | ListParam;
export type ParamTable = Readonly<Record<string, Param>>;

/** The value type of one parameter. */
export type ParamValue<P> = P extends ChoiceParam<infer T> ? T : P extends ListParam ? readonly number[] : number;
/** The values of a whole table: a figure's state, or the part of it that a link carries. */
export type ParamValues<T extends ParamTable> = { -readonly [K in keyof T]: ParamValue<T[K]> };

/** A number parameter (rounded to its step unless `round: false`). */
export function numberParam(key: string, spec: ParamSpec & { round?: boolean; urlDigits?: number; pattern?: RegExp }): NumberParam {
  return { kind: 'number', key, round: true, ...spec };
}

/** A parameter that takes one of `options` (compared exactly; numbers by value). */
export function choiceParam<const T extends string | number>(key: string, options: readonly T[], initial: NoInfer<T>): ChoiceParam<T> {
  return { kind: 'choice', key, options, initial };
}

/** A comma-separated list of numbers, each clamped like `item`. */
export function listParam(key: string, item: ParamSpec, list: Omit<ListParam, 'kind' | 'key' | 'item'>): ListParam {
  return { kind: 'list', key, item, ...list };
}

/** A valid number for `param` from anything, or `fallback` (NaN to mark an unusable entry). */
function readNumber(param: NumberParam, raw: unknown, fallback: number): number {
  if (param.pattern && typeof raw === 'string' && !param.pattern.test(raw.trim())) return fallback;
  return clampToSpec(param, raw, fallback, param.round);
}

/** A valid list from a comma-separated string or an array; too few usable entries give `fallback`. */
function readList(param: ListParam, raw: unknown, fallback: readonly number[]): readonly number[] {
  const entries: readonly unknown[] = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : [];
  const values = entries.map((entry) => clampToSpec(param.item, entry, param.invalid === 'skip' ? Number.NaN : param.item.initial));
  const kept = values.filter((x) => !Number.isNaN(x)).slice(0, param.maxLength);
  return kept.length >= param.minLength ? kept : fallback;
}

/**
 * A valid value of `param` from anything a reader, a control or a URL may supply: numbers (and
 * numeric text, ±Infinity and "1e999" included) are clamped into range and rounded to the step;
 * a choice must equal one of the options (numeric options compare as numbers); anything else
 * gives `fallback`, by default the parameter's initial value.
 */
export function readParam<P extends Param>(param: P, raw: unknown, fallback?: ParamValue<P>): ParamValue<P>;
export function readParam(param: Param, raw: unknown, fallback: unknown = param.initial): unknown {
  switch (param.kind) {
    case 'number':
      return readNumber(param, raw, fallback as number);
    case 'list':
      return readList(param, raw, fallback as readonly number[]);
    case 'choice': {
      const options: readonly (string | number)[] = param.options;
      const wanted = typeof param.initial === 'number' ? toNumber(raw) : raw;
      return options.find((option) => option === wanted) ?? fallback;
    }
  }
}

/** The text of a value in a control: a number at its step's resolution ("1.50", "1000"). */
export function formatParam<P extends Param>(param: P, value: ParamValue<P>): string {
  if (param.kind === 'number') return (value as number).toFixed(decimals(param.step));
  if (param.kind === 'list')
    return (value as readonly number[]).map((x) => clampToSpec(param.item, x, param.item.initial).toFixed(decimals(param.item.step))).join(',');
  return String(value);
}

/** The text of a value in the URL (as in a control, unless the parameter keeps more digits there). */
function urlText(param: Param, value: unknown): string {
  if (param.kind === 'number' && param.urlDigits !== undefined) return String(Number((value as number).toFixed(param.urlDigits)));
  return formatParam(param, value as never);
}

/** Every parameter's initial value. */
export function initialValues<T extends ParamTable>(table: T): ParamValues<T> {
  return Object.fromEntries(Object.entries(table).map(([name, param]) => [name, param.initial])) as ParamValues<T>;
}

/** Reads the values from URL query parameters (`prefix` keeps several figures on a page apart); missing ones are initial. */
export function readParams<T extends ParamTable>(table: T, search: URLSearchParams, prefix = ''): ParamValues<T> {
  return Object.fromEntries(
    Object.entries(table).map(([name, param]) => {
      const raw = search.get(prefix + param.key);
      return [name, raw === null ? param.initial : readParam(param, raw)];
    }),
  ) as ParamValues<T>;
}

/** Writes the values into a copy of `search` in the table's order, leaving other parameters untouched. */
export function writeParams<T extends ParamTable>(
  table: T,
  values: { readonly [K in keyof T]: ParamValue<T[K]> },
  search: URLSearchParams,
  prefix = '',
): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [name, param] of Object.entries(table)) next.set(prefix + param.key, urlText(param, values[name]));
  return next;
}

/** `values` with every parameter of the table made valid; a value that is no number falls back to `previous`. */
export function clampParams<T extends ParamTable, S extends ParamValues<T>>(table: T, values: S, previous: S): S {
  const next = { ...values };
  for (const [name, param] of Object.entries(table) as Array<[keyof T & keyof S, Param]>) {
    next[name] = readParam(param, values[name], previous[name] as never) as S[typeof name];
  }
  return next;
}

/** For `mountFigure`: the URL codec and the clamping of a figure whose state is exactly the table's values. */
export function tableState<T extends ParamTable>(table: T) {
  return {
    url: {
      read: (search: URLSearchParams, prefix: string) => readParams(table, search, prefix),
      write: (values: ParamValues<T>, search: URLSearchParams, prefix: string) => writeParams(table, values, search, prefix),
    },
    clamp: (next: ParamValues<T>, previous: ParamValues<T>) => clampParams(table, next, previous),
  };
}
