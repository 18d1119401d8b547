/**
 * The chart of both IWAE panels: estimates of L_K against K on a logarithmic axis, a band of
 * ±2 standard errors around them, horizontal reference lines (the exact log p(x), the ELBO),
 * and a marker at the slider's K. Unlike `lib/plot/line-chart`, whose value axis starts at 0
 * (densities), the value axis here fits the data, which are negative log-probabilities.
 * It takes plain numbers and redraws in place, on the book's shared frame (`src/lib/plot/chart-frame`).
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { area, line } from 'd3-shape';
import { chartFrame, drawAxis, followWidth, paddedDomain } from '../../lib/plot/chart-frame.ts';
import { spreadLabels } from '../../lib/plot/labels.ts';

export interface BoundPoint {
  readonly k: number;
  readonly mean: number;
  readonly standardError: number;
}

export interface ReferenceLine {
  /** CSS class suffix `ref-<key>`. */
  readonly key: string;
  readonly value: number;
  readonly label: string;
}

export interface BoundChartData {
  readonly points: readonly BoundPoint[];
  readonly references: readonly ReferenceLine[];
  /** The slider's K and the estimate there (omitted: no marker). */
  readonly marker?: BoundPoint | undefined;
  /** Draw a dot at every point (for a few computed K) rather than only the line. */
  readonly dots?: boolean;
}

export interface BoundChart {
  update(data: BoundChartData): void;
}

const MARGIN = { right: 16 };
/** Smallest vertical distance between two reference-line labels, in pixels (12 px text). */
const LABEL_GAP = 14;
/** Half-width of the band in standard errors. */
export const BAND_SE = 2;

/** The value range to show: every band, reference and marker, padded a little. */
export function valueDomain(data: BoundChartData): [number, number] {
  const values = data.points.flatMap((p) => {
    const se = Number.isFinite(p.standardError) ? p.standardError : 0;
    return Number.isFinite(p.mean) ? [p.mean - BAND_SE * se, p.mean + BAND_SE * se] : [];
  });
  return paddedDomain([...values, ...data.references.map((r) => r.value)], { pad: 0.05, minPad: 0.01, empty: [-1, 0] });
}

export function boundChart(svgElement: SVGSVGElement, options: { kMax: number; xLabel: string; yLabel: string; height?: number }): BoundChart {
  return { update: followWidth(svgElement, () => drawBoundChart(svgElement, options)) };
}

/** Draws the chart's frame and returns its update (made again by `followWidth` when the width it is shown at changes). */
function drawBoundChart(svgElement: SVGSVGElement, options: { kMax: number; xLabel: string; yLabel: string; height?: number }): BoundChart['update'] {
  const { kMax, xLabel, yLabel, height = 240 } = options;
  const frame = chartFrame(svgElement, { height, margin: MARGIN, xLabel, yLabel });
  const x = scaleLog().domain([1, kMax]).range(frame.xRange);
  const y = scaleLinear().range(frame.yRange);
  const ticks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter((t) => t <= kMax);
  const band = frame.svg.append('path').attr('class', 'band');
  const refs = frame.layer('refs');
  const curve = frame.svg.append('path').attr('class', 'curve');
  const dots = frame.layer('dots');
  const marker = frame.layer('marker');
  marker.append('line').attr('class', 'marker-line');
  marker.append('circle').attr('class', 'marker-dot').attr('r', 5);

  return (data) => {
    y.domain(valueDomain(data)).nice();
    drawAxis(
      frame.xAxis,
      axisBottom(x)
        .tickValues(ticks)
        .tickFormat((d) => String(d)),
    );
    drawAxis(
      frame.yAxis,
      axisLeft(y)
        .ticks(5)
        .tickFormat((d) => String(d).replace('-', '−')),
    );
    const finite = data.points.filter((p) => Number.isFinite(p.mean));
    const se = (p: BoundPoint) => (Number.isFinite(p.standardError) ? p.standardError : 0);
    band.attr(
      'd',
      area<BoundPoint>()
        .x((p) => x(p.k))
        .y0((p) => y(p.mean - BAND_SE * se(p)))
        .y1((p) => y(p.mean + BAND_SE * se(p)))(finite) ?? '',
    );
    curve.attr(
      'd',
      line<BoundPoint>()
        .x((p) => x(p.k))
        .y((p) => y(p.mean))(finite) ?? '',
    );
    dots
      .selectAll('circle')
      .data(data.dots ? finite : [])
      .join('circle')
      .attr('r', 3)
      .attr('cx', (p) => x(p.k))
      .attr('cy', (p) => y(p.mean));
    const [x0, x1] = x.range() as [number, number];
    // Labels sit just above their lines; coinciding lines (q = the posterior: ELBO = log p(x))
    // would print one label over the other, so they are spread to at least a line apart.
    const shown = data.references.filter((r) => Number.isFinite(r.value));
    const spread = spreadLabels(
      shown.map((r) => y(r.value) - 5),
      LABEL_GAP,
    );
    const labelY = new Map(shown.map((r, i) => [r.key, spread[i] ?? 0]));
    refs
      .selectAll<SVGGElement, ReferenceLine>('g')
      .data(
        data.references.filter((r) => Number.isFinite(r.value)),
        (r) => r.key,
      )
      .join((enter) => {
        const g = enter.append('g');
        g.append('line');
        g.append('text').attr('text-anchor', 'end');
        return g;
      })
      .attr('class', (r) => `ref ref-${r.key}`)
      .call((g) =>
        g
          .select('line')
          .attr('x1', x0)
          .attr('x2', x1)
          .attr('y1', (r) => y(r.value))
          .attr('y2', (r) => y(r.value)),
      )
      .call((g) =>
        g
          .select('text')
          .attr('x', x1 - 4)
          .attr('y', (r) => labelY.get(r.key) ?? y(r.value) - 5)
          .text((r) => r.label),
      );
    const m = data.marker;
    marker.attr('display', m && Number.isFinite(m.mean) ? null : 'none');
    if (m && Number.isFinite(m.mean)) {
      marker.select('line').attr('x1', x(m.k)).attr('x2', x(m.k)).attr('y1', frame.top).attr('y2', frame.bottom);
      marker.select('circle').attr('cx', x(m.k)).attr('cy', y(m.mean));
    }
  };
}
