/**
 * The frame every SVG chart of the book shares: a viewBox of `width × height` user units (the svg
 * scales to its container), margins around the plot area, an x axis under it and a y axis left
 * of it, the two axis titles, and an accessible name. A chart adds its own layers (curves, bars,
 * markers) and scales on top; this file owns only what used to be re-declared in every chart.
 *
 *   const frame = chartFrame(svgElement, { height: 240, xLabel: 'K', yLabel: 'nats' });
 *   const x = scaleLinear().range(frame.xRange);
 *   const y = scaleLinear().range(frame.yRange);
 *   const curves = frame.layer('curves');
 *   // on every update:
 *   y.domain(paddedDomain(values, { zero: true, pad: 0.05 })).nice();   // from ./extent
 *   frame.xAxis.call(axisBottom(x).ticks(8));
 *   frame.yAxis.call(axisLeft(y).ticks(5));
 *
 * Accessibility: a chart is one image to assistive technology, `<svg role="img" aria-label>`,
 * unless its markup already gives it a role (the direct-manipulation charts are `role="group"`,
 * as their draggable points are sliders). Only the svg carries a name, never a path in it. The
 * frame throws when the svg would have no name at all.
 *
 * Dark mode: nothing here sets a colour. d3's axes draw in `currentColor`, and the classes
 * `axis axis-x`, `axis axis-y`, `axis-label` and `axis-note` are styled with Starlight's colour
 * variables (src/styles/widgets.css and each widget's stylesheet), which switch with the theme.
 *
 * The extents of the axes come from the pure half, `extent.ts` (`paddedDomain`, `niceAxis`).
 */
import { select, type Selection } from 'd3-selection';

export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** Room for y tick labels up to five characters (`compactTick`) and a rotated title beside them. */
export const DEFAULT_MARGIN: Margin = { top: 12, right: 14, bottom: 36, left: 56 };

export interface ChartFrameOptions {
  /** Of the viewBox; pass a container's CSS width to keep text at its size on phones. Default 640. */
  readonly width?: number;
  /** Of the viewBox. Default 240. */
  readonly height?: number;
  /** Overrides of {@link DEFAULT_MARGIN}. */
  readonly margin?: Partial<Margin>;
  /** Accessible name. Without it the svg must already carry `aria-label` or `aria-labelledby`. */
  readonly label?: string;
  /** Title of the x axis, at the right end under it (omitted: none; '' leaves one to fill later). */
  readonly xLabel?: string;
  /** Title of the y axis (omitted: none). */
  readonly yLabel?: string;
  /** 'side': rotated, left of the tick labels (default); 'top': level, at the plot's top left. */
  readonly yLabelAt?: 'side' | 'top';
  /** Draw a y axis left of the plot. Default true; false where stacked panels each have one (`yAxisIn`). */
  readonly yAxis?: boolean;
  /** SVG y of the x axis, e.g. of y = 0 when the plot spans both signs. Default: the plot's bottom. */
  readonly xAxisY?: number;
  /** SVG y of the x title's baseline. Default: 4 units above the bottom edge. */
  readonly xLabelY?: number;
}

type Layer = Selection<SVGGElement, unknown, null, undefined>;
type Label = Selection<SVGTextElement, unknown, null, undefined>;

export interface ChartFrame {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly width: number;
  readonly height: number;
  /** The plot area in SVG user units. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** Range for an x scale: [left, right]. */
  readonly xRange: [number, number];
  /** Range for a y scale, upwards: [bottom, top]. */
  readonly yRange: [number, number];
  /** The axis groups, positioned; call a d3 axis on them (`frame.xAxis.call(axisBottom(x))`).
   *  `yAxis` is an empty selection with the option `yAxis: false`. */
  readonly xAxis: Layer;
  readonly yAxis: Layer;
  /** The axis titles (empty selections where the option was omitted); set `.text()` to change one. */
  readonly xLabel: Label;
  readonly yLabel: Label;
  /** Appends `<g class="…">` to `parent` (a layer; default the svg); later layers are drawn on top. */
  layer(className: string, parent?: Layer): Layer;
  /** A further y axis group in `parent` (a chart of stacked panels gives each panel its own). */
  yAxisIn(parent: Layer): Layer;
}

/**
 * Clears `svgElement` and draws the frame into it: the axis groups first, then the titles, so
 * that everything a chart adds later lies above them.
 */
export function chartFrame(svgElement: SVGSVGElement, options: ChartFrameOptions = {}): ChartFrame {
  const { width = 640, height = 240, xLabel, yLabel, yLabelAt = 'side' } = options;
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const [left, right, top, bottom] = [margin.left, width - margin.right, margin.top, height - margin.bottom];
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`);
  svg.selectAll('*').remove();
  if (options.label !== undefined) svg.attr('aria-label', options.label);
  if (!svgElement.hasAttribute('role')) svg.attr('role', 'img');
  if (!svgElement.getAttribute('aria-label') && !svgElement.hasAttribute('aria-labelledby')) {
    throw new Error(`chart frame: the chart (svg.${svgElement.getAttribute('class') ?? ''}) has no accessible name`);
  }

  const layer = (className: string, parent?: Layer): Layer => (parent === undefined ? svg.append('g') : parent.append('g')).attr('class', className);
  const yAxisIn = (parent: Layer | undefined) => layer('axis axis-y', parent).attr('transform', `translate(${left},0)`);
  const xAxis = layer('axis axis-x').attr('transform', `translate(0,${options.xAxisY ?? bottom})`);
  const yAxis = options.yAxis === false ? select<SVGGElement, unknown>(null as unknown as SVGGElement) : yAxisIn(undefined);
  const title = (text: string | undefined): Label =>
    text === undefined ? select<SVGTextElement, unknown>(null as unknown as SVGTextElement) : svg.append('text').attr('class', 'axis-label').text(text);
  const xTitle = title(xLabel)
    .attr('x', right)
    .attr('y', options.xLabelY ?? height - 4)
    .attr('text-anchor', 'end');
  const yTitle = title(yLabel);
  if (yLabelAt === 'top') yTitle.attr('x', left + 6).attr('y', top + 4).attr('dominant-baseline', 'hanging');
  else yTitle.attr('transform', `translate(12,${top}) rotate(-90)`).attr('text-anchor', 'end');

  return {
    svg,
    width,
    height,
    left,
    right,
    top,
    bottom,
    xRange: [left, right],
    yRange: [bottom, top],
    xAxis,
    yAxis,
    xLabel: xTitle,
    yLabel: yTitle,
    layer,
    yAxisIn,
  };
}
