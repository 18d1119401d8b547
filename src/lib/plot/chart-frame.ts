/**
 * The frame every SVG chart of the book shares: a viewBox of `width × height` user units (the svg
 * scales to its container; `width` is by default the width the svg is laid out at, `chartWidth`,
 * so that text keeps its size on a phone), margins around the plot area, an x axis under it and
 * a y axis left of it, and the two axis titles. A chart adds its own scales and layers (curves,
 * bars, markers) on top; this file owns what every chart used to re-declare: `followWidth`,
 * which makes a chart again when the width it is shown at changes; `drawAxis`, which redraws an
 * axis only when it moved; and `paddedDomain`, the extent of an axis picked from the data (pure:
 * figure logic and unit tests use it without a DOM).
 *
 *   const update = followWidth(svgElement, () => {
 *     const frame = chartFrame(svgElement, { height: 240, xLabel: 'K', yLabel: 'nats' });
 *     const x = scaleLinear().range(frame.xRange);
 *     const y = scaleLinear().range(frame.yRange);
 *     const curves = frame.layer('curves');
 *     return (values: number[]) => {
 *       y.domain(paddedDomain(values, { zero: true, pad: 0.05 })).nice();
 *       drawAxis(frame.xAxis, axisBottom(x).ticks(scaledTicks(8, frame.width)));
 *       drawAxis(frame.yAxis, axisLeft(y).ticks(5));
 *       // … draw into curves
 *     };
 *   });
 *
 * Accessibility: a chart is one image to assistive technology, `<svg role="img" aria-label>`:
 * the frame gives the svg `role="img"` unless its markup gives it a role (a direct-manipulation
 * chart is a `role="group"`, as its draggable points are sliders), and the figure's markup names
 * it, server-rendered in the page's language (tests/unit/components/chart-markup.test.ts checks that every
 * chart svg has a name). Only the svg carries a name, never a path in it.
 *
 * Dark mode: nothing here sets a colour. d3's axes draw in `currentColor`, and the classes
 * `axis axis-x`, `axis axis-y` and `axis-label` are styled with Starlight's colour variables
 * (src/styles/widgets.css, each widget's stylesheet), which follow the theme.
 *
 * Size matters more than options here (every chapter with a chart downloads this file, so it
 * is one module, not two chunks): a chart that puts an axis or a title elsewhere moves it with
 * `.attr()` after creating the frame.
 */
import type { Axis, AxisDomain } from 'd3-axis';
import { select, type Selection } from 'd3-selection';

export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** Room for y tick labels up to five characters (`compactTick`) and a rotated title beside them. */
export const DEFAULT_MARGIN: Margin = { top: 12, right: 14, bottom: 36, left: 56 };

/** The widest viewBox, and that of a chart that is not laid out (see {@link chartWidth}). */
export const DEFAULT_WIDTH = 640;

/** The narrowest viewBox: a chart in a narrower box is scaled down instead. */
const MIN_WIDTH = 320;

/**
 * The viewBox width of a chart drawn into `element`: the width it is laid out at (or, where it
 * is hidden, its nearest laid-out ancestor's), within [320, 640]; 640 where nothing is laid out.
 * An svg scales to its box, so a chart drawn 640 units wide and shown at a phone's 324 px scaled
 * its 10-unit tick labels down to 5 px; drawn as wide as it is shown, its text keeps its size.
 * Read when the chart is made (a forced layout), and again by `followWidth` when the svg resizes.
 */
export function chartWidth(element: Element | null): number {
  for (let at = element; at; at = at.parentElement) {
    const { width } = at.getBoundingClientRect();
    if (width > 0) return Math.round(Math.min(DEFAULT_WIDTH, Math.max(MIN_WIDTH, width)));
  }
  return DEFAULT_WIDTH;
}

/**
 * How many ticks to ask d3 for on an axis across a chart `width` units wide, for `count` at the
 * default width (640): proportionally fewer on a narrower chart, so that labels do not crowd on a
 * phone, and never fewer than 3.
 */
export function scaledTicks(count: number, width: number): number {
  return Math.max(3, Math.round((count * width) / DEFAULT_WIDTH));
}

export interface ChartFrameOptions {
  /** Of the viewBox. Default: {@link chartWidth} of the svg, so that text keeps its size on phones. */
  readonly width?: number;
  /** Of the viewBox. Default 240. */
  readonly height?: number;
  /** Overrides of {@link DEFAULT_MARGIN}. */
  readonly margin?: Partial<Margin>;
  /** Title of the x axis, at the right end under it. Default '' (set it later with `.text()`). */
  readonly xLabel?: string | undefined;
  /** Title of the y axis, rotated, left of the tick labels. Default ''. */
  readonly yLabel?: string | undefined;
}

type Layer = Selection<SVGGElement, unknown, null, undefined>;
type Title = Selection<SVGTextElement, unknown, null, undefined>;

export interface ChartFrame {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  /** Of the viewBox, in SVG user units (for tick counts: {@link scaledTicks}). */
  readonly width: number;
  /** The plot area, in SVG user units. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** Range for an x scale: [left, right]. */
  readonly xRange: [number, number];
  /** Range for a y scale, upwards: [bottom, top]. */
  readonly yRange: [number, number];
  /** The axis groups, positioned; call a d3 axis on them (`frame.xAxis.call(axisBottom(x))`). */
  readonly xAxis: Layer;
  readonly yAxis: Layer;
  /** The axis titles (class `axis-label`, x first: tests and styles rely on the order). */
  readonly xLabel: Title;
  readonly yLabel: Title;
  /** Appends `<g class="…">` to `parent` (default the svg); later layers are drawn on top. */
  layer(className: string, parent?: Layer): Layer;
}

/**
 * Clears `svgElement` and draws the frame into it: the axis groups first, then the titles, so
 * that everything a chart adds later lies above them.
 */
export function chartFrame(svgElement: SVGSVGElement, options: ChartFrameOptions = {}): ChartFrame {
  const { width = chartWidth(svgElement), height = 240 } = options;
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const [left, right, top, bottom] = [margin.left, width - margin.right, margin.top, height - margin.bottom];
  const svg = select(svgElement)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', svgElement.getAttribute('role') ?? 'img');
  svg.selectAll('*').remove();
  const layer = (className: string, parent?: Layer): Layer => (parent ?? svg).append<SVGGElement>('g').attr('class', className);
  const title = (text = '') => svg.append('text').attr('class', 'axis-label').text(text);
  return {
    svg,
    width,
    left,
    right,
    top,
    bottom,
    xRange: [left, right],
    yRange: [bottom, top],
    xAxis: layer('axis axis-x').attr('transform', `translate(0,${bottom})`),
    yAxis: layer('axis axis-y').attr('transform', `translate(${left},0)`),
    xLabel: title(options.xLabel)
      .attr('x', right)
      .attr('y', height - 4)
      .attr('text-anchor', 'end'),
    yLabel: title(options.yLabel).attr('transform', `translate(12,${top}) rotate(-90)`).attr('text-anchor', 'end'),
    layer,
  };
}

/**
 * Keeps a chart as wide as it is shown. `make` draws the chart afresh (its `chartFrame` reads the
 * width) and returns the chart's update; the update returned here calls it and remembers its
 * arguments. When the svg's laid-out width no longer matches its viewBox (a phone turned from
 * portrait to landscape, a window resized), the chart is made again and the last update
 * replayed, so that its text keeps its size. (Made once at mount and left, a chart drawn on a
 * phone held upright showed its labels at twice their size once the phone was turned.) Where
 * keyboard focus was on a control in the chart (a draggable point), it goes to the control in
 * the same place among the new chart's. A chart with a teardown passes its `signal`: once
 * aborted, the chart is no longer made again.
 */
export function followWidth<A extends unknown[]>(svgElement: SVGSVGElement, make: () => (...args: A) => void, signal?: AbortSignal): (...args: A) => void {
  let draw = make();
  let last: A | undefined;
  if (typeof ResizeObserver !== 'undefined') {
    const observer = new ResizeObserver(() => {
      if (chartWidth(svgElement) === svgElement.viewBox.baseVal.width) return;
      const focusable = () => Array.from(svgElement.querySelectorAll<SVGElement>('[tabindex]'));
      const focused = focusable().indexOf(document.activeElement as SVGElement);
      draw = make();
      if (last) draw(...last);
      if (focused >= 0) focusable()[focused]?.focus();
    });
    observer.observe(svgElement);
    signal?.addEventListener('abort', () => observer.disconnect());
  }
  return (...args: A) => {
    last = args;
    draw(...args);
  };
}

/** The element property where `drawAxis` keeps what it drew (d3's axis keeps its scale in `__axis`). */
const DRAWN = '__vbAxisDrawn';

/**
 * Draws `axis` into `group` (an axis group of the frame, or a chart's own) unless it last drew the
 * same ticks there: the same scale domain and range, tick arguments and tick values. d3's axis
 * rewrites every tick label on each call, and each rewrite lays the chart's text out again, so a
 * chart that follows a training run would otherwise lay out its axes at every update. (Traced on
 * chapter 6 while the VAE trainer trained: layout per update 2.2 → 1.7 ms.) A tick format is not
 * compared: one that changes while the axis stays put needs `group.call(axis)`.
 */
export function drawAxis<Domain extends AxisDomain>(group: Layer, axis: Axis<Domain>): void {
  const scale = axis.scale();
  const drawn = [scale.domain(), scale.range(), axis.tickArguments(), axis.tickValues() ?? []].map(String).join('|');
  if (group.property(DRAWN) === drawn) return;
  group.call(axis).property(DRAWN, drawn);
}

export interface DomainOptions {
  /** Include 0, and never pad past it (bars, densities and counts start on the axis). Default false. */
  readonly zero?: boolean;
  /** Pad each end by this fraction of the span. Default 0. */
  readonly pad?: number;
  /** …but by at least this much, in data units. Default 0. */
  readonly minPad?: number;
  /** Half-width of the domain around a single value (all values equal); with `zero`, [0, flat]. Default 1. */
  readonly flat?: number;
  /** The domain when no value is finite (and `zero` is off). Default [0, 1]. */
  readonly empty?: readonly [number, number];
}

/**
 * An axis domain that shows every finite value of `values` (NaN and ±∞ are skipped): their
 * range, widened to include 0 with `zero`, padded, and never empty (lo < hi), so a scale built
 * on it never divides by 0. Round the ends afterwards with d3's `scale.nice()`.
 */
export function paddedDomain(values: Iterable<number>, options: DomainOptions = {}): [number, number] {
  const { zero = false, pad = 0, minPad = 0, flat = 1, empty = [0, 1] } = options;
  let lo = zero ? 0 : Infinity;
  let hi = zero ? 0 : -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [empty[0], empty[1]];
  const by = Math.max(pad * (hi - lo), minPad);
  // With `zero`, an end at 0 stays there: a bar or a density must start on the axis.
  if (!zero || lo < 0) lo -= by;
  if (!zero || hi > 0) hi += by;
  if (hi > lo) return [lo, hi];
  return zero ? [0, flat] : [lo - flat, hi + flat];
}
