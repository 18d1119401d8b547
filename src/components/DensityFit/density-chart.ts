/**
 * A density plot over a fixed x-range with a row of data points beneath it: the chart the
 * density-fit widget (chapter 1) and the EM stepper (chapter 2) share. Curves come as columnar
 * arrays; optional stems join each data point to the height of the density above it, so that
 * the likelihood (the product of those heights) can be seen. The x-scale and a layer for
 * `draggablePoints1D` are exposed, so the points line up with the curves; `figureDensityChart`
 * puts the figure's row of draggable data points there and makes chart and points again when
 * the width the chart is shown at changes.
 *
 * (`src/lib/plot/line-chart.ts` draws curves too, but its scales are internal and its x-range
 * follows the data, so points could not be placed on it.) Margins, axes and titles come from the
 * shared frame (`src/lib/plot/chart-frame`); the svg keeps its `role="group"`, as the points in it
 * are sliders.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { chartFrame, drawAxis, followWidth, paddedDomain, scaledTicks } from '../../lib/plot/chart-frame.ts';
import { curvePaths } from '../../lib/plot/curve-paths.ts';
import { type Area, type DraggablePoints, type DraggablePoints1DOptions, draggablePoints1D } from '../../lib/plot/draggable-points.ts';
import { required } from '../dom.ts';
import { DOMAIN, MAX_POINTS, MIN_POINTS, POINT_DECIMALS } from './state.ts';

export interface Curve {
  /** Stable key; also the CSS class suffix `series-<key>`. */
  readonly key: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Shade the area under the curve. */
  readonly fill?: boolean;
}

export interface DensityChartOptions {
  readonly domain: readonly [number, number];
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly dataLabel?: string;
}

export interface DensityChart {
  /** Data → SVG user units along x. */
  readonly x: ScaleLinear<number, number>;
  /** Layer for the draggable points, drawn above the curves. */
  readonly pointsLayer: SVGGElement;
  /** SVG y of the row of points. */
  readonly pointsY: number;
  /** Where a click adds a point: the plot and the row of points. */
  readonly addArea: Area;
  /** Redraws the curves, and stems from (xₙ, 0) up to (xₙ, heightₙ), the density at each point. */
  update(curves: readonly Curve[], stems?: { readonly x: readonly number[]; readonly height: readonly number[] }): void;
}

const HEIGHT = 300;
const PLOT_BOTTOM = 212;
/** Under the plot: the x axis, its title and the row of data points. */
const MARGIN = { top: 12, right: 14, bottom: HEIGHT - PLOT_BOTTOM, left: 48 };
const POINTS_Y = 266;

export function densityChart(svgElement: SVGSVGElement, options: DensityChartOptions): DensityChart {
  const frame = chartFrame(svgElement, { height: HEIGHT, margin: MARGIN, xLabel: options.xLabel, yLabel: options.yLabel });
  const { svg, left, right, top } = frame;
  frame.xLabel.attr('y', PLOT_BOTTOM + 34);
  const x = scaleLinear().domain(options.domain).range(frame.xRange);
  const y = scaleLinear().range(frame.yRange);
  frame.xAxis.call(axisBottom(x).ticks(scaledTicks(10, frame.width)));
  // The data row: a rule with a label, on which the points sit.
  svg.append('line').attr('class', 'data-rule').attr('x1', left).attr('x2', right).attr('y1', POINTS_Y).attr('y2', POINTS_Y);
  svg
    .append('text')
    .attr('class', 'axis-label')
    .attr('x', left - 6)
    .attr('y', POINTS_Y + 4)
    .attr('text-anchor', 'end')
    .text(options.dataLabel ?? '');
  const stemsGroup = frame.layer('stems');
  const curvesGroup = frame.layer('curves');
  const pointsLayer = frame.layer('points').node();
  if (pointsLayer === null) throw new Error('density chart: could not create the points layer');

  return {
    x,
    pointsLayer,
    pointsY: POINTS_Y,
    addArea: { x0: left, y0: top, x1: right, y1: HEIGHT - 4 },
    update(curves, stems) {
      y.domain(
        paddedDomain(
          curves.flatMap((c) => Array.from(c.y)),
          { zero: true, pad: 0.08 },
        ),
      ).nice();
      drawAxis(frame.yAxis, axisLeft(y).ticks(5));
      const paths = curvePaths(x, y);
      curvesGroup
        .selectAll<SVGGElement, Curve>('g')
        .data(curves, (c) => c.key)
        .join((enter) => {
          const g = enter.append('g');
          g.append('path').attr('class', 'area');
          g.append('path').attr('class', 'line');
          return g;
        })
        .attr('class', (c) => `series-${c.key}`)
        .call((g) => g.select('path.area').attr('d', (c) => (c.fill ? paths.area(c) : null)))
        .call((g) => g.select('path.line').attr('d', (c) => paths.line(c)));
      const stemData = stems ? stems.x.map((xi, i) => [xi, stems.height[i] ?? 0] as const) : [];
      stemsGroup
        .selectAll('line')
        .data(stemData)
        .join('line')
        .attr('x1', (d) => x(d[0]))
        .attr('x2', (d) => x(d[0]))
        .attr('y1', y(0))
        .attr('y2', (d) => y(Math.min(d[1], y.domain()[1] ?? d[1])));
    },
  };
}

/** What a figure adds to the shared row of draggable data points: its `onChange`, and extras. */
export type PointRow = Pick<DraggablePoints1DOptions, 'onChange'> & Partial<Pick<DraggablePoints1DOptions, 'newPoint' | 'decorate'>>;

/** A figure's density chart and its row of draggable data points. */
export interface FigureDensityChart {
  readonly update: DensityChart['update'];
  /** The data points (made again with the chart when the width it is shown at changes). */
  readonly points: DraggablePoints<number>;
  /** Removes the points' markup and listeners; the chart is no longer made again. */
  destroy(): void;
}

/**
 * The density chart of a figure's `[data-plot]` svg and its row of draggable data points, as the
 * density-fit and EM figures draw them: x over DOMAIN, as wide as the figure is shown, with the
 * figure's (localised) axis titles. When the width it is shown at changes (`followWidth`), chart
 * and points are made again, the points where they were.
 */
export function figureDensityChart(
  root: HTMLElement,
  titles: { density: string; data: string; point: string },
  initial: readonly number[],
  row: PointRow,
): FigureDensityChart {
  const svg = required<SVGSVGElement>(root, '[data-plot]');
  let points: DraggablePoints<number> | undefined;
  const torn = new AbortController();
  const update = followWidth(
    svg,
    () => {
      const at = points?.points() ?? [...initial];
      points?.destroy();
      const chart = densityChart(svg, { domain: DOMAIN, xLabel: 'x', yLabel: titles.density, dataLabel: titles.data });
      points = draggablePoints1D(chart.pointsLayer, at, { ...dataPointRow(chart, titles.point), ...row });
      return chart.update;
    },
    torn.signal,
  );
  return {
    update,
    get points() {
      return points as DraggablePoints<number>;
    },
    destroy() {
      torn.abort();
      points?.destroy();
    },
  };
}

/**
 * The options of the chart's row of draggable data points that the density fit and the EM
 * stepper share (positions on the chart's axis, bounds and steps of their data).
 */
function dataPointRow(chart: DensityChart, pointLabel: string): Omit<DraggablePoints1DOptions, 'onChange'> {
  return {
    x: chart.x,
    y: chart.pointsY,
    domain: DOMAIN,
    step: 0.05,
    largeStep: 0.5,
    decimals: POINT_DECIMALS,
    minPoints: MIN_POINTS,
    maxPoints: MAX_POINTS,
    addArea: chart.addArea,
    label: (i) => `${pointLabel} ${i + 1}`,
  };
}
