/**
 * The EM stepper's history chart: the log-likelihood and the ELBO (per point) after every half
 * step, with the gap between them shaded. The gap is D_KL(q ‖ p(z | x)) per point: it closes at
 * every E-step and reopens at every M-step. Unlike `src/lib/plot/line-chart.ts` (densities from
 * 0 upwards), the y-range here follows the values, which are negative. Margins, axes and titles
 * come from the shared frame (`src/lib/plot/chart-frame`).
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { chartFrame, drawAxis, followWidth, paddedDomain, scaledTicks } from '../../lib/plot/chart-frame.ts';
import type { HistoryEntry } from './state.ts';

export interface HistoryChart {
  update(history: readonly HistoryEntry[]): void;
}

export function historyChart(svgElement: SVGSVGElement, labels: { x: string; y: string }): HistoryChart {
  return { update: followWidth(svgElement, () => drawHistoryChart(svgElement, labels)) };
}

/** Draws the chart's frame and returns its update (made again by `followWidth` when the width it is shown at changes). */
function drawHistoryChart(svgElement: SVGSVGElement, labels: { x: string; y: string }): HistoryChart['update'] {
  const frame = chartFrame(svgElement, { height: 220, xLabel: labels.x, yLabel: labels.y });
  const x = scaleLinear().range(frame.xRange);
  const y = scaleLinear().range(frame.yRange);
  const gap = frame.svg.append('path').attr('class', 'gap');
  const lines = frame.layer('lines');
  const llLine = lines.append('path').attr('class', 'line series-loglik');
  const elboLine = lines.append('path').attr('class', 'line series-elbo');
  const dots = frame.layer('dots');

  return (history) => {
    const finite = history.filter((h) => Number.isFinite(h.logLikelihood) && Number.isFinite(h.elbo));
    const first = finite[0]?.step ?? 0;
    const last = finite.at(-1)?.step ?? 1;
    x.domain([first, Math.max(last, first + 4)]);
    y.domain(
      paddedDomain(
        finite.flatMap((h) => [h.elbo, h.logLikelihood]),
        { pad: 0.06, flat: 0.5, empty: [-1, 0] },
      ),
    ).nice();
    drawAxis(
      frame.xAxis,
      axisBottom(x)
        .ticks(Math.min(scaledTicks(10, frame.width), Math.max(1, last - first)))
        .tickFormat((d) => (Number.isInteger(d) ? String(d) : '')),
    );
    drawAxis(frame.yAxis, axisLeft(y).ticks(5));
    const px = (h: HistoryEntry) => x(h.step);
    gap.attr(
      'd',
      area<HistoryEntry>()
        .x(px)
        .y0((h) => y(h.elbo))
        .y1((h) => y(h.logLikelihood))(finite),
    );
    llLine.attr(
      'd',
      line<HistoryEntry>()
        .x(px)
        .y((h) => y(h.logLikelihood))(finite),
    );
    elboLine.attr(
      'd',
      line<HistoryEntry>()
        .x(px)
        .y((h) => y(h.elbo))(finite),
    );
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
  };
}
