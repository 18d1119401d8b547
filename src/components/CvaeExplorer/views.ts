/**
 * What the CVAE explorer's views ask of the model, through the library's plain-array read-outs
 * in the page's model worker (`../model-worker/readout.ts`): one decode of the chosen code z with every label (the row of ten; the
 * big digit is the row's image of the chosen label) together, when it is due, with the sweep grid
 * of the chosen label, the classifier's reading of the row, and the codes of test digits for the pad.
 * Everything is read back asynchronously, so a GPU backend never stalls the page.
 */
import type { RemoteModel } from '../model-worker/remote-model.ts';
import { decodeAndClassify, encodeSplit, type Codes } from '../model-worker/readout.ts';
import { gridPoints } from '../latent/codes.ts';
import { DIGIT_PIXELS } from '../page-services/digits.ts';
import { CODE_COUNT, DIGITS, DOMAIN, SWEEP_SIDE, type ExplorerState } from './state.ts';

export interface DecodedViews {
  /** The ten images of z with labels 0…9, [10 · 784] in [0, 1]. */
  readonly row: Float32Array;
  /** The sweep of the chosen label, SWEEP_SIDE² images, top row first (largest z₂); only when asked for. */
  readonly sweep: Float32Array | undefined;
  /** The classifier's digit for each image of the row (undefined without a classifier). */
  readonly readings: number[] | undefined;
}

/**
 * Decodes the row of ten for `state` and classifies it; with `withSweep`, in the same call, the
 * sweep of its label too. The sweep does not depend on z, so a drag across the pad leaves it
 * out (10 images per redraw instead of 110).
 */
export async function decodeViews(
  model: RemoteModel,
  classifier: RemoteModel | undefined,
  { label, z }: ExplorerState,
  withSweep: boolean,
): Promise<DecodedViews> {
  const cells = withSweep ? SWEEP_SIDE * SWEEP_SIDE : 0;
  // Codes [10 + cells, 2]: z repeated ten times, then the grid; labels 0…9, then the chosen one.
  const codes = new Float32Array(2 * (DIGITS.length + cells));
  for (let i = 0; i < DIGITS.length; i++) codes.set([z[0], z[1]], 2 * i);
  if (withSweep) codes.set(gridPoints(SWEEP_SIDE, DOMAIN), 2 * DIGITS.length);
  const labels = [...DIGITS, ...Array.from({ length: cells }, () => label)];
  const { images, classes } = await decodeAndClassify(model, codes, labels, classifier, DIGITS.length);
  return {
    row: images.subarray(0, DIGITS.length * DIGIT_PIXELS),
    sweep: withSweep ? images.subarray(DIGITS.length * DIGIT_PIXELS) : undefined,
    readings: classes ? Array.from(classes) : undefined,
  };
}

/** The posterior means of the first CODE_COUNT test images, each encoded with its own label. */
export function testCodes(model: RemoteModel): Promise<Codes> {
  return encodeSplit(model, 'test', CODE_COUNT);
}
