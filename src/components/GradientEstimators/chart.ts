/**
 * The gradient-estimator figure's picture: two histograms, score function above and pathwise
 * below, on one shared x axis (the value of the gradient estimate), with the exact gradient as
 * a vertical line through both. Each panel has its own count scale, so a narrow histogram is a
 * tall spike and a wide one a low spread. Takes plain arrays from `results.ts`. The frame
 * (margins, the shared x axis, titles) is the book's shared one (`src/lib/plot/chart-frame`).
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import type { EstimatorKind, Histogram } from '../../lib/math/gradient-estimators.ts';
import { chartFrame, drawAxis, followWidth, paddedDomain, scaledTicks } from '../../lib/plot/chart-frame.ts';
import { KINDS } from './results.ts';

const HEIGHT = 360;
const MARGIN = { top: 10, right: 14, bottom: 40, left: 48 };
const PANEL_GAP = 22;
const TITLE_HEIGHT = 18;
const PANEL_HEIGHT = (HEIGHT - MARGIN.top - MARGIN.bottom - PANEL_GAP) / 2;

export interface HistogramChartOptions {
  /** Panel titles, e.g. "Score function". */
  readonly titles: Record<EstimatorKind, string>;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly exactLabel: string;
}

export interface HistogramChart {
  update(domain: readonly [number, number], histograms: Record<EstimatorKind, Histogram>, exact: number): void;
}

export function histogramChart(svgElement: SVGSVGElement, options: HistogramChartOptions): HistogramChart {
  return { update: followWidth(svgElement, () => drawHistogramChart(svgElement, options)) };
}

/** Draws the chart's frame and returns its update (made again by `followWidth` when the width it is shown at changes). */
function drawHistogramChart(svgElement: SVGSVGElement, options: HistogramChartOptions): HistogramChart['update'] {
  const frame = chartFrame(svgElement, { height: HEIGHT, margin: MARGIN, xLabel: options.xLabel, yLabel: options.yLabel });
  // Each panel has its own y axis (coloured as its series), in place of the frame's.
  frame.yAxis.remove();
  const x = scaleLinear().range(frame.xRange);
  const panelTop = (index: number) => MARGIN.top + index * (PANEL_HEIGHT + PANEL_GAP);

  const panels = KINDS.map((kind, index) => {
    const top = panelTop(index);
    // Bars stay below the panel's title line, so the title never sits on a bar.
    const y = scaleLinear().range([top + PANEL_HEIGHT, top + TITLE_HEIGHT]);
    const group = frame.layer(`gradest-panel series-${kind}`).attr('data-panel', kind);
    const yAxis = frame.layer('axis axis-y', group).attr('transform', `translate(${frame.left},0)`);
    group
      .append('line')
      .attr('class', 'gradest-baseline')
      .attr('x1', frame.left)
      .attr('x2', frame.right)
      .attr('y1', top + PANEL_HEIGHT)
      .attr('y2', top + PANEL_HEIGHT);
    const bars = group.append('g').attr('class', 'gradest-bars');
    group
      .append('text')
      .attr('class', 'gradest-title')
      .attr('x', frame.left + 8)
      .attr('y', top)
      .attr('dominant-baseline', 'hanging')
      .text(options.titles[kind]);
    return { kind, y, yAxis, bars };
  });

  const exactLine = frame.svg.append('line').attr('class', 'gradest-exact').attr('y1', frame.top).attr('y2', frame.bottom);
  // The label sits in the gap between the panels, where no bar can cover it.
  const exactText = frame.svg
    .append('text')
    .attr('class', 'gradest-exact-label')
    .attr('y', panelTop(1) - PANEL_GAP / 2)
    .attr('dominant-baseline', 'middle')
    .text(options.exactLabel);

  return (domain, histograms, exact) => {
    x.domain(domain);
    drawAxis(frame.xAxis, axisBottom(x).ticks(scaledTicks(8, frame.width)));
    for (const panel of panels) {
      const h = histograms[panel.kind];
      const bins = h.counts.length;
      const width = (h.hi - h.lo) / bins;
      panel.y.domain(paddedDomain(h.counts, { zero: true })).nice();
      drawAxis(panel.yAxis, axisLeft(panel.y).ticks(3));
      const data = Array.from(h.counts, (count, i) => ({ count, lo: h.lo + i * width }));
      panel.bars
        .selectAll('rect')
        .data(data)
        .join('rect')
        .attr('x', (d) => x(d.lo))
        .attr('width', (d) => Math.max(0, x(d.lo + width) - x(d.lo) - 0.5))
        .attr('y', (d) => panel.y(d.count))
        .attr('height', (d) => panel.y(0) - panel.y(d.count));
    }
    const position = x(exact);
    exactLine.attr('x1', position).attr('x2', position);
    // The label sits to the right of the line unless that would run off the plot.
    const right = position < frame.right - 110;
    exactText.attr('x', right ? position + 5 : position - 5).attr('text-anchor', right ? 'start' : 'end');
  };
}
