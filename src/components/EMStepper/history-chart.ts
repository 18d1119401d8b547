/**
 * The EM stepper's history chart: the log-likelihood and the ELBO (per point) after every half
 * step, with the gap between them shaded. The gap is D_KL(q ‖ p(z | x)) per point: it closes at
 * every E-step and reopens at every M-step. Unlike `src/lib/plot/line-chart.ts` (densities from
 * 0 upwards), the y-range here follows the values, which are negative.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { area, line } from 'd3-shape';
import type { HistoryEntry } from './state';

const HEIGHT = 220;
const MARGIN = { top: 12, right: 14, bottom: 36, left: 56 };

export interface HistoryChart {
  update(history: readonly HistoryEntry[]): void;
}

/** `width`: of the viewBox, e.g. the container's CSS width, so that text keeps its size on phones. */
export function historyChart(svgElement: SVGSVGElement, labels: { x: string; y: string }, width = 640): HistoryChart {
  const WIDTH = width;
  const svg = select(svgElement).attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.selectAll('*').remove();
  const x = scaleLinear().range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const xAxis = svg.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${HEIGHT - MARGIN.bottom})`);
  const yAxis = svg.append('g').attr('class', 'axis axis-y').attr('transform', `translate(${MARGIN.left},0)`);
  svg.append('text').attr('class', 'axis-label').attr('x', WIDTH - MARGIN.right).attr('y', HEIGHT - 4).attr('text-anchor', 'end').text(labels.x);
  svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${MARGIN.top}) rotate(-90)`).attr('text-anchor', 'end').text(labels.y);
  const gap = svg.append('path').attr('class', 'gap');
  const lines = svg.append('g');
  const llLine = lines.append('path').attr('class', 'line series-loglik');
  const elboLine = lines.append('path').attr('class', 'line series-elbo');
  const dots = svg.append('g');

  return {
    update(history) {
      const finite = history.filter((h) => Number.isFinite(h.logLikelihood) && Number.isFinite(h.elbo));
      const first = finite[0]?.step ?? 0;
      const last = finite.at(-1)?.step ?? 1;
      x.domain([first, Math.max(last, first + 4)]);
      let lo = Infinity;
      let hi = -Infinity;
      for (const h of finite) {
        lo = Math.min(lo, h.elbo, h.logLikelihood);
        hi = Math.max(hi, h.logLikelihood);
      }
      if (!(hi > lo)) [lo, hi] = Number.isFinite(lo) ? [lo - 0.5, lo + 0.5] : [-1, 0];
      const pad = 0.06 * (hi - lo);
      y.domain([lo - pad, hi + pad]).nice();
      xAxis.call(axisBottom(x).ticks(Math.min(Math.floor(WIDTH / 60), Math.max(1, last - first))).tickFormat((d) => (Number.isInteger(d) ? String(d) : '')));
      yAxis.call(axisLeft(y).ticks(5));
      const px = (h: HistoryEntry) => x(h.step);
      gap.attr('d', area<HistoryEntry>().x(px).y0((h) => y(h.elbo)).y1((h) => y(h.logLikelihood))(finite));
      llLine.attr('d', line<HistoryEntry>().x(px).y((h) => y(h.logLikelihood))(finite));
      elboLine.attr('d', line<HistoryEntry>().x(px).y((h) => y(h.elbo))(finite));
      const marks = finite.flatMap((h) => [
        { key: 'loglik', h, value: h.logLikelihood },
        { key: 'elbo', h, value: h.elbo },
      ]);
      dots
        .selectAll('circle')
        .data(marks)
        .join('circle')
        .attr('class', (d) => `dot series-${d.key} step-${d.h.kind}`)
        .attr('r', (d) => (d.key === 'loglik' ? 4 : 3))
        .attr('cx', (d) => px(d.h))
        .attr('cy', (d) => y(d.value));
    },
  };
}
