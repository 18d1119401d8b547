/**
 * A small SVG line chart for curves given as columnar arrays (x[i], y[i]). It owns the axes
 * and one path per series and redraws in place, so a widget can call `update` on every input
 * event. It takes plain numbers, never tensors.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select, type Selection } from 'd3-selection';
import { area, line } from 'd3-shape';

export interface Series {
  /** Stable key; also the CSS class suffix `series-<key>` for colour and dash style. */
  readonly key: string;
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export interface LineChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Fill the area under each curve (for densities). */
  readonly fill?: boolean;
}

export interface LineChart {
  update(series: readonly Series[]): void;
}

const MARGIN = { top: 12, right: 12, bottom: 36, left: 48 };

function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function* allValues(series: readonly Series[], pick: (s: Series) => ArrayLike<number>): Generator<number> {
  for (const s of series) yield* Array.from(pick(s));
}

/** Creates the chart inside `svgElement`, which is sized by its viewBox and scales to its container. */
export function lineChart(svgElement: SVGSVGElement, options: LineChartOptions = {}): LineChart {
  const { width = 640, height = 260, xLabel = '', yLabel = '', fill = false } = options;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`);
  svg.selectAll('*').remove();
  const x = scaleLinear().range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().range([height - MARGIN.bottom, MARGIN.top]);
  const xAxis = svg.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${height - MARGIN.bottom})`);
  const yAxis = svg.append('g').attr('class', 'axis axis-y').attr('transform', `translate(${MARGIN.left},0)`);
  svg.append('text').attr('class', 'axis-label').attr('x', width - MARGIN.right).attr('y', height - 4).attr('text-anchor', 'end').text(xLabel);
  svg
    .append('text')
    .attr('class', 'axis-label')
    .attr('transform', `translate(12,${MARGIN.top}) rotate(-90)`)
    .attr('text-anchor', 'end')
    .text(yLabel);
  const plot: Selection<SVGGElement, unknown, null, undefined> = svg.append('g').attr('class', 'series');

  return {
    update(series) {
      x.domain(extent(allValues(series, (s) => s.x)));
      y.domain([0, extent(allValues(series, (s) => s.y))[1] * 1.05 || 1]).nice();
      xAxis.call(axisBottom(x).ticks(8));
      yAxis.call(axisLeft(y).ticks(5));
      const toPoints = (s: Series) => Array.from(s.x, (xi, i) => [xi, s.y[i] ?? 0] as [number, number]);
      const path = line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1]));
      const under = area<[number, number]>().x((d) => x(d[0])).y0(y(0)).y1((d) => y(d[1]));
      const groups = plot
        .selectAll<SVGGElement, Series>('g')
        .data(series, (s) => s.key)
        .join((enter) => {
          const g = enter.append('g');
          if (fill) g.append('path').attr('class', 'area');
          g.append('path').attr('class', 'line');
          return g;
        })
        .attr('class', (s) => `series-${s.key}`);
      groups.select<SVGPathElement>('path.area').attr('d', (s) => under(toPoints(s)));
      groups.select<SVGPathElement>('path.line').attr('d', (s) => path(toPoints(s))).attr('aria-label', (s) => s.label);
    },
  };
}
