/**
 * Writes the ELBO-gap results onto the server-rendered markup: the five bars of the waterfall,
 * their values, and the tick labels of the nats axis. Only positions and text; every number
 * comes from `results.ts`.
 */
import { formatValue } from '../format.ts';
import { type Bars, percentOf, type Results, type RowKey } from './results.ts';
import { required } from '../dom.ts';

/** Places an absolutely positioned span over [from, to] of the axis (either order). */
function place(element: HTMLElement, from: number, to: number, domain: Bars['domain']): void {
  const a = percentOf(Math.min(from, to), domain);
  const b = percentOf(Math.max(from, to), domain);
  element.style.left = `${a}%`;
  element.style.width = `${b - a}%`;
}

/** The number printed next to each bar: the quantity named in its label. */
export function rowValues(results: Results): Record<RowKey, number> {
  const d = results.decomposition;
  return { reconstruction: d.reconstruction, 'kl-prior': d.klPrior, elbo: d.elbo, gap: d.gap, evidence: d.logEvidence };
}

export function renderBars(root: HTMLElement, results: Results): void {
  const { bars } = results;
  const values = rowValues(results);
  for (const row of bars.rows) {
    place(required<HTMLElement>(root, `[data-bar="${row.key}"]`), row.from, row.to, bars.domain);
    required<HTMLElement>(root, `[data-out="${row.key}"]`).textContent = formatValue(values[row.key]);
  }
  for (const zero of root.querySelectorAll<HTMLElement>('[data-zero]')) place(zero, 0, 0, bars.domain);
  for (const ref of root.querySelectorAll<HTMLElement>('[data-ref]'))
    place(ref, results.decomposition.logEvidence, results.decomposition.logEvidence, bars.domain);
  const axis = required<HTMLElement>(root, '[data-axis]');
  axis.replaceChildren(
    ...bars.ticks.map((tick) => {
      const label = document.createElement('span');
      label.style.left = `${percentOf(tick, bars.domain)}%`;
      label.textContent = String(tick).replace('-', '−');
      return label;
    }),
  );
}
