/**
 * Drawing the toy GAN's plane on a canvas: the discriminator's output D(x) as background shading
 * (a coarse grid of values, smoothed when scaled up), the modes of the real distribution as
 * circles of radius 3σ, the real samples and the generated ones, over axes through the origin
 * with ticks at the integers (labelled along the bottom and left edges, x₁ and x₂). Plain arrays
 * in, pixels out.
 */
import type { Mixture2D } from '../../lib/math/toy-2d.ts';

/** The plane shown is [−DOMAIN, DOMAIN]² (the ring has radius 2, the grid spans [−2, 2]²). */
export const DOMAIN = 2.75;
/**
 * The discriminator is evaluated on HEAT_SIDE × HEAT_SIDE cell centres: `gridPoints(HEAT_SIDE,
 * [[−DOMAIN, DOMAIN], [−DOMAIN, DOMAIN]])` (`../latent/codes`), row by row from the top down.
 */
export const HEAT_SIDE = 48;

/** The tick values of both axes: the integers inside the plane, −2 … 2. */
export function planeTicks(domain = DOMAIN): number[] {
  const ticks: number[] = [];
  for (let t = Math.ceil(-domain); t <= Math.floor(domain); t++) ticks.push(t);
  return ticks;
}

type Rgb = readonly [number, number, number];
const FAKE_TINT: Rgb = [196, 166, 230];
const NEUTRAL: Rgb = [255, 255, 255];
const REAL_TINT: Rgb = [163, 222, 183];

/** The shading of D = d: purple ("fake") at 0, white at ½, green ("real") at 1. */
export function heatColour(d: number): Rgb {
  const t = Math.min(1, Math.max(0, Number.isFinite(d) ? d : 0.5));
  const [from, to, s] = t < 0.5 ? [FAKE_TINT, NEUTRAL, 2 * t] : [NEUTRAL, REAL_TINT, 2 * t - 1];
  const mix = (c: 0 | 1 | 2) => Math.round(from[c] + s * (to[c] - from[c]));
  return [mix(0), mix(1), mix(2)];
}

export interface PlaneScene {
  readonly mixture: Mixture2D;
  /** Real samples, interleaved [2n]. */
  readonly real: ArrayLike<number>;
  /** Generated samples, interleaved [2m], or undefined before the model exists. */
  readonly fake?: ArrayLike<number> | undefined;
  /** D at the HEAT_SIDE² cell centres (see {@link HEAT_SIDE}), or undefined for a blank background. */
  readonly heat?: ArrayLike<number> | undefined;
}

const REAL_COLOUR = 'rgba(0, 105, 62, 0.55)';
const FAKE_COLOUR = 'rgba(226, 104, 0, 0.9)';
const FAKE_EDGE = 'rgba(90, 35, 0, 0.9)';
const MODE_COLOUR = 'rgba(0, 0, 0, 0.35)';

export function drawPlane(canvas: HTMLCanvasElement, scene: PlaneScene): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const { width, height } = canvas;
  const toX = (x: number) => ((x + DOMAIN) / (2 * DOMAIN)) * width;
  const toY = (y: number) => ((DOMAIN - y) / (2 * DOMAIN)) * height;
  const scale = width / (2 * DOMAIN);

  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  if (scene.heat) {
    const cells = document.createElement('canvas');
    cells.width = cells.height = HEAT_SIDE;
    const cellContext = cells.getContext('2d');
    if (cellContext) {
      const image = cellContext.createImageData(HEAT_SIDE, HEAT_SIDE);
      for (let i = 0; i < HEAT_SIDE * HEAT_SIDE; i++) {
        const [r, g, b] = heatColour(scene.heat[i] ?? 0.5);
        image.data.set([r, g, b, 255], 4 * i);
      }
      cellContext.putImageData(image, 0, 0);
      context.imageSmoothingEnabled = true;
      context.drawImage(cells, 0, 0, width, height);
    }
  }

  drawAxes(context, width, height, toX, toY);

  context.strokeStyle = MODE_COLOUR;
  context.lineWidth = 1;
  for (const [mx, my] of scene.mixture.means) {
    context.beginPath();
    context.arc(toX(mx), toY(my), 3 * scene.mixture.sigma * scale, 0, 2 * Math.PI);
    context.stroke();
  }

  context.fillStyle = REAL_COLOUR;
  for (let i = 0; i + 1 < scene.real.length; i += 2) {
    context.beginPath();
    context.arc(toX(scene.real[i] ?? 0), toY(scene.real[i + 1] ?? 0), 2, 0, 2 * Math.PI);
    context.fill();
  }

  if (scene.fake) {
    context.fillStyle = FAKE_COLOUR;
    context.strokeStyle = FAKE_EDGE;
    context.lineWidth = 0.75;
    for (let i = 0; i + 1 < scene.fake.length; i += 2) {
      const x = toX(scene.fake[i] ?? 0);
      const y = toY(scene.fake[i + 1] ?? 0);
      context.beginPath();
      context.rect(x - 2.5, y - 2.5, 5, 5);
      context.fill();
      context.stroke();
    }
  }

  context.strokeStyle = 'rgba(0, 0, 0, 0.4)';
  context.strokeRect(0.5, 0.5, width - 1, height - 1);
}

/** Axes through the origin, tick marks at the integers, and their labels along two edges. */
function drawAxes(context: CanvasRenderingContext2D, width: number, height: number, toX: (x: number) => number, toY: (y: number) => number): void {
  context.save();
  context.strokeStyle = 'rgba(0, 0, 0, 0.25)';
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(toX(0) + 0.5, 0);
  context.lineTo(toX(0) + 0.5, height);
  context.moveTo(0, toY(0) + 0.5);
  context.lineTo(width, toY(0) + 0.5);
  for (const t of planeTicks()) {
    context.moveTo(toX(t) + 0.5, height);
    context.lineTo(toX(t) + 0.5, height - 6);
    context.moveTo(0, toY(t) + 0.5);
    context.lineTo(6, toY(t) + 0.5);
  }
  context.stroke();
  context.fillStyle = 'rgba(0, 0, 0, 0.7)';
  context.font = '12px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'bottom';
  for (const t of planeTicks()) if (t !== 0) context.fillText(String(t).replace('-', '−'), toX(t), height - 8);
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  for (const t of planeTicks()) if (t !== 0) context.fillText(String(t).replace('-', '−'), 9, toY(t));
  context.textAlign = 'right';
  context.textBaseline = 'bottom';
  context.fillText('x₁', width - 4, toY(0) - 3);
  context.textAlign = 'left';
  context.textBaseline = 'top';
  context.fillText('x₂', toX(0) + 4, 4);
  context.restore();
}
