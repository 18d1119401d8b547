/**
 * A small SVG line chart for curves given as columnar arrays (x[i], y[i]), on the shared frame
 * (`chart-frame.ts`: margins, axes, titles, accessible name). It draws one path per series and
 * redraws in place, so a widget can call `update` on every input event. It takes plain numbers,
 * never tensors; a series is named by the figure's legend, not here. Y tick labels stay short
 * (`compactTick`: 1.2M, not 1,200,000). With `robust`, the y-axis follows the bulk of the curves
 * (`robustUpper`): a spike beyond it is drawn at the top edge, and a note in the chart names its
 * peak; the svg then carries `data-clipped="true"`. With `growingX` (training curves, whose x is
 * the step count) the x-axis is rounded out to its ticks (d3's `nice`), so a curve grows into the
 * chart and the axis moves only when the curve crosses a tick.
 *
 * (Its axes are drawn with `drawAxis`, only when they move: with `growingX` and that, while
 * chapter 6's VAE trainer trains, the page's main-thread time fell from 1.30–1.41 to
 * 1.09–1.17 s in 8 s; two traces each, WASM.)
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { chartFrame, drawAxis, followWidth, paddedDomain, scaledTicks } from './chart-frame.ts';
import { curvePaths } from './curve-paths.ts';
import { compactTick, robustUpper } from './robust-axis.ts';

export interface Series {
  /** Stable key; also the CSS class suffix `series-<key>` for colour and dash style. */
  readonly key: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export interface LineChartOptions {
  readonly height?: number;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Fill the area under each curve (for densities). */
  readonly fill?: boolean;
  /** Cap the y-axis near the bulk of the values instead of at their maximum (loss curves). */
  readonly robust?: boolean;
  /** The note shown when `robust` clips a spike, given the peak as a short label ("3.2M"). */
  readonly clippedNote?: (peak: string) => string;
  /** Round the x-axis out to its ticks: for curves that grow to the right (a training run). */
  readonly growingX?: boolean;
}

export interface LineChart {
  update(series: readonly Series[]): void;
}

/** Ticks on the x axis at the default width (fewer on a narrower chart: `scaledTicks`). */
const X_TICKS = 8;
const Y_TICKS = 5;

function* allValues(series: readonly Series[], pick: (s: Series) => ArrayLike<number>): Generator<number> {
  for (const s of series) yield* Array.from(pick(s));
}

/**
 * Creates the chart inside `svgElement`, which is sized by its viewBox (as wide as the svg is laid
 * out, and made again when that changes: `followWidth`) and scales to its container.
 */
export function lineChart(svgElement: SVGSVGElement, options: LineChartOptions = {}): LineChart {
  return { update: followWidth(svgElement, () => drawLineChart(svgElement, options)) };
}

/** Draws the chart's frame and returns its update. */
function drawLineChart(svgElement: SVGSVGElement, options: LineChartOptions): (series: readonly Series[]) => void {
  const { height = 260, xLabel = '', yLabel = '', fill = false, robust = false, clippedNote, growingX = false } = options;
  const frame = chartFrame(svgElement, { height, margin: { right: 12 }, xLabel, yLabel });
  const xTicks = scaledTicks(X_TICKS, frame.width);
  const x = scaleLinear().range(frame.xRange);
  const y = scaleLinear().range(frame.yRange);
  const plot = frame.layer('series');
  const note = frame.svg
    .append('text')
    .attr('class', 'axis-note')
    .attr('x', frame.right)
    .attr('y', frame.top + 10)
    .attr('text-anchor', 'end');

  return (series) => {
    x.domain(
      paddedDomain(
        allValues(series, (s) => s.x),
        { flat: 0.5 },
      ),
    );
    if (growingX) x.nice(xTicks);
    const top = robust ? robustUpper(allValues(series, (s) => s.y)) : undefined;
    const clipped = top?.clipped === true;
    y.domain(paddedDomain(top ? [top.upper] : allValues(series, (s) => s.y), { zero: true, pad: 0.05 }))
      .nice()
      .clamp(clipped);
    frame.svg.attr('data-clipped', String(clipped));
    const noted = top?.clipped && clippedNote ? clippedNote(compactTick(top.peak)) : '';
    if (note.text() !== noted) note.text(noted);
    drawAxis(frame.xAxis, axisBottom(x).ticks(xTicks));
    drawAxis(frame.yAxis, axisLeft(y).ticks(Y_TICKS).tickFormat(compactTick));
    const paths = curvePaths(x, y);
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
    groups.select<SVGPathElement>('path.area').attr('d', (s) => paths.area(s));
    groups.select<SVGPathElement>('path.line').attr('d', (s) => paths.line(s));
  };
}
