/**
 * A bar chart of the KL divergence per latent dimension (plain numbers in, SVG out): one bar per
 * dimension, grey when the dimension is inactive (its KL at most the threshold), in dimension
 * order or sorted by KL with the dimension numbers kept as labels so that a bar can be followed.
 * The y-axis reaches at least `minTop` nats, so bars visibly shrink when the KL falls. Margins,
 * axes and titles come from the shared frame (`src/lib/plot/chart-frame`).
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand, scaleLinear } from 'd3-scale';
import { chartFrame, drawAxis, followWidth, paddedDomain } from '../../lib/plot/chart-frame.ts';

export interface KlBarsOptions {
  readonly height?: number;
  readonly xLabel: (sorted: boolean) => string;
  readonly yLabel: string;
  /** Dimensions with KL ≤ threshold are drawn as inactive. */
  readonly threshold: number;
  /** Smallest top of the y-axis, in nats. Default 2. */
  readonly minTop?: number;
}

export interface KlBars {
  update(klPerDim: ArrayLike<number>, sorted: boolean): void;
}

const MARGIN = { top: 10, right: 10, bottom: 40, left: 48 };

/** The display order of the dimensions: 0…J−1, or by decreasing KL (ties by dimension). */
export function barOrder(klPerDim: ArrayLike<number>, sorted: boolean): number[] {
  const order = Array.from({ length: klPerDim.length }, (_, j) => j);
  if (sorted) order.sort((i, j) => (klPerDim[j] ?? 0) - (klPerDim[i] ?? 0) || i - j);
  return order;
}

export function klBars(svgElement: SVGSVGElement, options: KlBarsOptions): KlBars {
  return { update: followWidth(svgElement, () => drawKlBars(svgElement, options)) };
}

/** Draws the chart's frame and returns its update (made again by `followWidth` when the width it is shown at changes). */
function drawKlBars(svgElement: SVGSVGElement, options: KlBarsOptions): KlBars['update'] {
  const { height = 220, threshold, minTop = 2 } = options;
  const frame = chartFrame(svgElement, { height, margin: MARGIN, xLabel: '', yLabel: options.yLabel });
  const x = scaleBand<string>().range(frame.xRange).padding(0.15);
  const y = scaleLinear().range(frame.yRange);
  const bars = frame.layer('bars');

  return (klPerDim, sorted) => {
    const order = barOrder(klPerDim, sorted);
    x.domain(order.map((j) => String(j + 1)));
    y.domain(paddedDomain([minTop, ...Array.from(klPerDim)], { zero: true })).nice();
    drawAxis(frame.xAxis, axisBottom(x).tickSizeOuter(0));
    drawAxis(frame.yAxis, axisLeft(y).ticks(5));
    frame.xLabel.text(options.xLabel(sorted));
    bars
      .selectAll<SVGRectElement, number>('rect')
      .data(order, (j) => String(j))
      .join('rect')
      .attr('x', (j) => x(String(j + 1)) ?? 0)
      .attr('width', x.bandwidth())
      .attr('y', (j) => y(Math.max(0, klPerDim[j] ?? 0)))
      .attr('height', (j) => y(0) - y(Math.max(0, klPerDim[j] ?? 0)))
      .attr('class', (j) => ((klPerDim[j] ?? 0) > threshold ? 'bar active' : 'bar inactive'))
      .attr('data-dim', (j) => String(j + 1));
  };
}
