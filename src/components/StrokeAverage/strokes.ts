/**
 * The images of chapter 10's stroke figure: a vertical stroke two pixels wide and eight tall on
 * a 10 × 10 grid, drawn one pixel to the left, in the middle or one pixel to the right with
 * probability 1/3 each; their pixel mean; and one image whose pixels are drawn independently
 * from that mean (what sampling a factorised Bernoulli decoder gives). Pure, seeded: the figure
 * and the unit test use the same numbers.
 */
import { mulberry32 } from '../../lib/math/random.ts';
import { expectedBernoulliNll, expectedSquaredError, meanImage } from '../../lib/math/sharpness.ts';

export const STROKE_SIDE = 10;
/** Horizontal shifts of the stroke, each with probability 1/3. */
export const SHIFTS = [-1, 0, 1] as const;
const FIRST_ROW = 1;
const LAST_ROW = 8;
const LEFT_COLUMN = 4;
const SAMPLE_SEED = 10;

/** The stroke shifted by `shift` columns: 1 on the stroke, 0 elsewhere. [side²] */
export function strokeImage(shift: number): number[] {
  return Array.from({ length: STROKE_SIDE * STROKE_SIDE }, (_, i) => {
    const row = Math.floor(i / STROKE_SIDE);
    const column = i % STROKE_SIDE;
    const left = LEFT_COLUMN + shift;
    return row >= FIRST_ROW && row <= LAST_ROW && column >= left && column <= left + 1 ? 1 : 0;
  });
}

export interface StrokeFigure {
  readonly strokes: number[][];
  readonly mean: number[];
  /** Each pixel 1 with the probability the mean gives it. */
  readonly sample: number[];
  /** E‖x − x̂‖² for x̂ = the mean, the middle stroke, a side stroke. */
  readonly squared: { readonly mean: number; readonly middle: number; readonly side: number };
  /** E[−log Bernoulli(x | x̂)] (nats) for x̂ = the mean (a sharp stroke gives ∞). */
  readonly bernoulliMean: number;
}

export function strokeFigure(): StrokeFigure {
  const strokes = SHIFTS.map(strokeImage);
  const mean = meanImage(strokes);
  const rng = mulberry32(SAMPLE_SEED);
  const sample = mean.map((m) => (rng() < m ? 1 : 0));
  const [side = [], middle = []] = strokes;
  return {
    strokes,
    mean,
    sample,
    squared: {
      mean: expectedSquaredError(strokes, mean),
      middle: expectedSquaredError(strokes, middle),
      side: expectedSquaredError(strokes, side),
    },
    bernoulliMean: expectedBernoulliNll(strokes, mean),
  };
}
