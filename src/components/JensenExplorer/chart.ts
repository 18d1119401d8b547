/**
 * The Jensen explorer's picture: the graph of log on [0.1, 10], the points (xᵢ, log xᵢ) sized by
 * their weights, the polygon they span (for two points, the chord), the point (E[x], E[log x])
 * inside it, the point (E[x], log E[x]) on the graph above it, and the gap between the two. The
 * points themselves sit on a number line under the graph, where the shared draggable-points
 * helper lets a reader drag them, move them with the keyboard, add and remove them. Margins, axes
 * and titles come from the shared frame (`src/lib/plot/chart-frame`); the svg keeps its
 * `role="group"`, as the points in it are sliders.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { JensenLog } from '../../lib/math/jensen.ts';
import { chartFrame, followWidth, scaledTicks } from '../../lib/plot/chart-frame.ts';
import { draggablePoints1D, type PointChange } from '../../lib/plot/draggable-points.ts';
import { MAX_POINTS, MIN_POINTS, newPointPosition, POINT } from './state.ts';

const HEIGHT = 340;
const MARGIN = { top: 14, right: 16, bottom: 80, left: 44 };
const PLOT_BOTTOM = HEIGHT - MARGIN.bottom;
/** The number line with the draggable points, under the x axis. */
const STRIP_Y = PLOT_BOTTOM + 44;
const Y_DOMAIN: readonly [number, number] = [-2.5, 2.5];
const CURVE_POINTS = 240;

export interface JensenChartOptions {
  /** Accessible name of point i (0-based). */
  readonly label: (index: number) => string;
  readonly onChange: (xs: number[], change: PointChange) => void;
}

export interface JensenChart {
  update(xs: readonly number[], result: JensenLog): void;
  destroy(): void;
}

type Pair = [number, number];

/** The chart, made again, points and all, at the width it is shown at when that changes (`followWidth`). */
export function jensenChart(svgElement: SVGSVGElement, options: JensenChartOptions): JensenChart {
  let drawn: JensenChart | undefined;
  const torn = new AbortController();
  const update = followWidth(
    svgElement,
    () => {
      drawn?.destroy();
      drawn = drawJensenChart(svgElement, options);
      return drawn.update;
    },
    torn.signal,
  );
  return {
    update,
    destroy() {
      torn.abort();
      drawn?.destroy();
    },
  };
}

function drawJensenChart(svgElement: SVGSVGElement, options: JensenChartOptions): JensenChart {
  const y = scaleLinear().domain(Y_DOMAIN).range([PLOT_BOTTOM, MARGIN.top]);
  const frame = chartFrame(svgElement, { height: HEIGHT, margin: MARGIN, xLabel: 'x', yLabel: 'log x' });
  const svg = frame.svg;
  const x = scaleLinear().domain([0, POINT.max]).range(frame.xRange);
  const path = line<Pair>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  // The x axis crosses at log x = 0, and the y title sits level at the top (it is a formula).
  frame.xAxis.attr('transform', `translate(0,${y(0)})`).call(axisBottom(x).ticks(scaledTicks(10, frame.width)));
  frame.yAxis.call(axisLeft(y).ticks(5));
  frame.xLabel.attr('y', y(0) - 6);
  frame.yLabel
    .attr('transform', null)
    .attr('text-anchor', null)
    .attr('x', MARGIN.left + 6)
    .attr('y', MARGIN.top + 4)
    .attr('dominant-baseline', 'hanging');

  // Geometric spacing puts more samples where log bends most, near 0.
  const curve = Array.from({ length: CURVE_POINTS }, (_, i): Pair => {
    const t = POINT.min * (POINT.max / POINT.min) ** (i / (CURVE_POINTS - 1));
    return [t, Math.log(t)];
  });
  svg.append('path').attr('class', 'jensen-curve').attr('d', path(curve));
  // Labelled where the curve is steep and points rarely are.
  svg
    .append('text')
    .attr('class', 'jensen-curve-label')
    .attr('x', x(0.32) + 10)
    .attr('y', y(-2.1))
    .text('y = log x');

  const hull = svg.append('path').attr('class', 'jensen-hull');
  const guides = svg.append('g').attr('class', 'jensen-guides');
  const images = svg.append('g').attr('class', 'jensen-images');
  const meanGuide = svg.append('line').attr('class', 'jensen-mean-guide');
  const gapLine = svg.append('line').attr('class', 'jensen-gap');
  const onCurve = svg.append('circle').attr('class', 'jensen-log-of-mean').attr('r', 5);
  const centroid = svg.append('path').attr('class', 'jensen-mean-of-log').attr('d', 'M0,-7L7,0L0,7L-7,0Z');
  const onCurveLabel = svg.append('text').attr('class', 'jensen-marker-label').text('log E[x]');
  const centroidLabel = svg.append('text').attr('class', 'jensen-marker-label').text('E[log x]');
  const meanLabel = svg.append('text').attr('class', 'jensen-marker-label').attr('text-anchor', 'middle').text('E[x]');

  svg.append('line').attr('class', 'jensen-strip').attr('x1', x(POINT.min)).attr('x2', x(POINT.max)).attr('y1', STRIP_Y).attr('y2', STRIP_Y);
  const layer = svg.append('g').attr('class', 'jensen-drag').node() as SVGGElement;
  const points = draggablePoints1D(layer, [], {
    x,
    y: STRIP_Y,
    domain: [POINT.min, POINT.max],
    step: POINT.step,
    largeStep: POINT.largeStep,
    decimals: POINT.decimals,
    minPoints: MIN_POINTS,
    maxPoints: MAX_POINTS,
    radius: 10,
    addArea: { x0: x(POINT.min), y0: STRIP_Y - 16, x1: x(POINT.max), y1: STRIP_Y + 16 },
    label: options.label,
    valueText: (v) => `x = ${v.toFixed(POINT.decimals)}`,
    newPoint: newPointPosition,
    onChange: options.onChange,
  });

  return {
    update(xs, result) {
      points.update(xs);
      const weights = result.weights;
      const data = xs.map((xi, i) => ({ xi, w: weights[i] ?? 0 }));
      const sorted = data.map((d): Pair => [d.xi, Math.log(d.xi)]).sort((a, b) => a[0] - b[0]);
      hull.attr('d', sorted.length > 1 ? `${path(sorted)}Z` : null);

      guides
        .selectAll('line')
        .data(data)
        .join('line')
        .attr('x1', (d) => x(d.xi))
        .attr('x2', (d) => x(d.xi))
        .attr('y1', STRIP_Y)
        .attr('y2', (d) => y(Math.log(d.xi)));
      // Area proportional to weight; a point without weight is drawn hollow.
      images
        .selectAll('circle')
        .data(data)
        .join('circle')
        .attr('cx', (d) => x(d.xi))
        .attr('cy', (d) => y(Math.log(d.xi)))
        .attr('r', (d) => 3 + 9 * Math.sqrt(d.w))
        .classed('jensen-image--empty', (d) => d.w === 0);

      const mx = x(result.mean);
      const top = y(result.logOfMean);
      const bottom = y(result.meanOfLog);
      meanGuide.attr('x1', mx).attr('x2', mx).attr('y1', STRIP_Y).attr('y2', top);
      gapLine.attr('x1', mx).attr('x2', mx).attr('y1', top).attr('y2', bottom);
      onCurve.attr('cx', mx).attr('cy', top);
      centroid.attr('transform', `translate(${mx},${bottom})`);
      // Labels go on the side of the mean with more room.
      const right = result.mean < POINT.max / 2;
      const dx = right ? 10 : -10;
      const anchor = right ? 'start' : 'end';
      onCurveLabel
        .attr('x', mx + dx)
        .attr('y', top - 6)
        .attr('text-anchor', anchor);
      centroidLabel
        .attr('x', mx + dx)
        .attr('y', bottom + 16)
        .attr('text-anchor', anchor);
      meanLabel.attr('x', mx).attr('y', STRIP_Y + 30);
    },
    destroy() {
      points.destroy();
      svg.selectAll('*').remove();
    },
  };
}
