/**
 * The learning rates every training panel offers, and how each is labelled. Rates above
 * {@link STABLE_MAX} are liable to make Adam diverge on the book's MNIST models (chapter 6 shows
 * the loss exploding within a few dozen steps at 0.1); they stay in the menu because that
 * divergence is part of the lesson, but their label says they are unstable.
 *
 *   rateOptions(strings).map(({ value, label }) => <option value={value}>{label}</option>)
 */
import { formatString } from '../../i18n/index.ts';

/** The learning rates of the menu, smallest first. */
export const RATES: readonly number[] = [1e-4, 3e-4, 1e-3, 2e-3, 5e-3, 1e-2, 3e-2, 1e-1];

/** The largest rate the menus offer without a warning. */
export const STABLE_MAX = 1e-2;

export interface RateOption {
  /** The rate as the select's value ("0.001"). */
  readonly value: string;
  /** What the reader sees: the rate, and for unstable rates a warning. */
  readonly label: string;
  readonly unstable: boolean;
}

/** The menu entries; `strings['training.rateUnstable']` (with `{rate}`) labels unstable rates. */
export function rateOptions(strings: Readonly<Record<string, string>>): RateOption[] {
  return RATES.map((rate) => {
    const value = String(rate);
    const unstable = rate > STABLE_MAX;
    const label = unstable ? formatString(strings['training.rateUnstable'] ?? '{rate}', { rate: value }) : value;
    return { value, label, unstable };
  });
}
