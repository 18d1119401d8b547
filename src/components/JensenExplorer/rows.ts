/**
 * The table under the Jensen explorer's graph: one row per point with its position, its raw
 * weight (slider and number field), its share of the total weight, and a remove button. The rows
 * are rebuilt only when the number of points changes, so a focused control keeps its focus while
 * the reader drags or types.
 */
import { showValue } from '../dom.ts';
import { POINT, WEIGHT } from './state.ts';

export interface RowStrings {
  position: string;
  weight: string;
  normalised: string;
  remove: string;
  point: string;
}

export interface RowHandlers {
  /** Commit a typed or slid value; each returns the value the state now holds (clamped). */
  readonly setPoint: (index: number, raw: string) => number;
  readonly setWeight: (index: number, raw: string) => number;
  readonly remove: (index: number) => void;
}

const fill = (template: string, index: number) => template.replace('{i}', String(index + 1));

function input(attributes: Record<string, string>): HTMLInputElement {
  const element = document.createElement('input');
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

function buildRow(index: number, strings: RowStrings, handlers: RowHandlers, signal: AbortSignal): HTMLTableRowElement {
  const row = document.createElement('tr');
  const head = document.createElement('th');
  head.scope = 'row';
  head.textContent = fill(strings.point, index);

  const position = input({
    type: 'number',
    'data-field': 'x',
    min: String(POINT.min),
    max: String(POINT.max),
    step: String(POINT.step),
    'aria-label': fill(strings.position, index),
  });
  // A focused field is not redrawn (see showValue), so a commit writes its clamped value back itself.
  position.addEventListener('change', () => (position.value = handlers.setPoint(index, position.value).toFixed(POINT.decimals)), { signal });

  const weightAttributes = { min: String(WEIGHT.min), max: String(WEIGHT.max), step: String(WEIGHT.step), 'aria-label': fill(strings.weight, index) };
  const slider = input({ type: 'range', 'data-field': 'w-range', ...weightAttributes });
  slider.addEventListener('input', () => handlers.setWeight(index, slider.value), { signal });
  const number = input({ type: 'number', 'data-field': 'w', ...weightAttributes });
  number.addEventListener('change', () => (number.value = handlers.setWeight(index, number.value).toFixed(WEIGHT.decimals)), { signal });
  const weights = document.createElement('div');
  weights.className = 'jensen-weight';
  weights.append(slider, number);

  const share = document.createElement('output');
  share.dataset['field'] = 'share';
  share.setAttribute('aria-label', fill(strings.normalised, index));

  const remove = document.createElement('button');
  remove.type = 'button';
  remove.dataset['field'] = 'remove';
  remove.textContent = '×';
  remove.setAttribute('aria-label', fill(strings.remove, index));
  remove.addEventListener('click', () => handlers.remove(index), { signal });

  const cells = [position, weights, share, remove].map((content) => {
    const cell = document.createElement('td');
    cell.append(content);
    return cell;
  });
  row.append(head, ...cells);
  return row;
}

/** Keeps `body` in step with the points: one row each, with the current values written in. */
export function renderRows(
  body: HTMLTableSectionElement,
  xs: readonly number[],
  ws: readonly number[],
  shares: ArrayLike<number>,
  canRemove: boolean,
  build: { strings: RowStrings; handlers: RowHandlers; signal: AbortSignal },
): void {
  if (body.rows.length !== xs.length) {
    body.replaceChildren(...xs.map((_, i) => buildRow(i, build.strings, build.handlers, build.signal)));
  }
  xs.forEach((x, i) => {
    const row = body.rows[i];
    if (row === undefined) return;
    const field = <T extends Element>(name: string) => row.querySelector<T>(`[data-field="${name}"]`);
    const position = field<HTMLInputElement>('x');
    if (position) showValue(position, x.toFixed(POINT.decimals));
    const w = (ws[i] ?? 0).toFixed(WEIGHT.decimals);
    const slider = field<HTMLInputElement>('w-range');
    if (slider) slider.value = w;
    const number = field<HTMLInputElement>('w');
    if (number) showValue(number, w);
    const share = field<HTMLOutputElement>('share');
    if (share) share.textContent = (shares[i] ?? 0).toFixed(3);
    const remove = field<HTMLButtonElement>('remove');
    if (remove) remove.disabled = !canRemove;
  });
}
