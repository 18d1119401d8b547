/**
 * What the interpolation figure offers: the two pretrained VAEs, and the twelve test images of
 * its picker — the first test image of each digit 0–9 in order, then the second 4 and the second
 * 9 (two digits that are easy to confuse, so that a pair of similar images is at hand too).
 * Shared by the server markup (slot count, initial choices) and the client (slot → test index).
 */

export const MODELS = ['vae20', 'vae2'] as const;
export type InterpolationModel = (typeof MODELS)[number];

/** Digit and occurrence (1 = first in the test set) of each slot of the strip. */
const PLAN: readonly (readonly [digit: number, occurrence: number])[] = [
  [0, 1],
  [1, 1],
  [2, 1],
  [3, 1],
  [4, 1],
  [5, 1],
  [6, 1],
  [7, 1],
  [8, 1],
  [9, 1],
  [4, 2],
  [9, 2],
];

export const SLOTS = {
  count: PLAN.length,
  /** The slots chosen when the figure opens: A = the 2, B = the 7. */
  initialA: 2,
  initialB: 7,
} as const;

/** Number of decoded codes along the path, endpoints included. */
export const STEPS = 10;

/**
 * The test-set index of each slot, found in `labels` (the test labels in the official order).
 * Throws if the split is too small to hold every planned image.
 */
export function stripIndices(labels: ArrayLike<number>): number[] {
  return PLAN.map(([digit, occurrence]) => {
    let seen = 0;
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] === digit && ++seen === occurrence) return i;
    }
    throw new Error(`The test split holds no image ${occurrence} of digit ${digit}`);
  });
}
