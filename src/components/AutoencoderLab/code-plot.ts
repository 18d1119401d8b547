/**
 * The autoencoder half of the lab's code plane: the scatter of the encoder's codes of test
 * digits, the image the decoder makes from the code under the cross (press, drag, arrow keys),
 * and three ways of drawing random codes — uniformly over the plotted range, from N(0, I) as a
 * VAE would, or from a Gaussian fitted to the codes — ringed in the plot, decoded, and counted as in a hole when no test digit's code
 * lies near them (`src/lib/math/code-holes`).
 * Decoding follows the weights: after every code refresh the cross and the random codes are
 * decoded again by the current model.
 *
 * Published state (for chapter 5's figure task): the root's `value` is a `CodePlotState` — the
 * plotted codes and the code under the cross once decoded — with an `input` event on every change.
 */
import { formatString } from '../../i18n/index.ts';
import { mulberry32 } from '../../lib/math/random.ts';
import type { RemoteModel } from '../model-worker/remote-model.ts';
import { decodeCodes, type Codes } from '../model-worker/readout.ts';
import { formatNumber } from '../format.ts';
import { normalCodes } from '../latent/codes.ts';
import { createLatentScatter, type Point2 } from '../latent/scatter.ts';
import { paintDigits } from '../page-services/digits.ts';
import { createRefresher } from '../training/refresh.ts';
import { RANDOM_CODES } from './config.ts';
import { countHoles, fittedGaussianCodes, uniformCodes } from '../../lib/math/code-holes.ts';
import { showTensorCount } from '../page-services/page-resources.ts';

/** Where "decode random codes" draws from (a button's `data-source`). */
type RandomSource = 'uniform' | 'normal' | 'fitted';
const SOURCES: readonly RandomSource[] = ['uniform', 'normal', 'fitted'];
const SOURCE_STRING = { uniform: 'sourceUniform', normal: 'sourceNormal', fitted: 'sourceFitted' } as const;

export interface CodePlotOptions {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly decoded: HTMLCanvasElement;
  readonly decodedOut: HTMLElement;
  readonly randomButtons: readonly HTMLButtonElement[];
  readonly randomCanvas: HTMLCanvasElement;
  readonly randomOut: HTMLElement;
  readonly strings: Readonly<Record<string, string>>;
  /** The live model (it changes after a recovery on another backend), once loaded. */
  model(): RemoteModel | undefined;
  onHover(index: number | undefined): void;
}

/** What the plot publishes as its root's `value`. */
export interface CodePlotState {
  /** The plotted test digits' codes, [2n] interleaved (z₁, z₂). */
  readonly codes: Float32Array;
  /** The code under the cross, once its image has been decoded; undefined before. */
  readonly decodedZ: readonly [number, number] | undefined;
}

export interface CodePlot {
  /** New codes of the plotted digits (after the weights changed): redraw and re-decode. */
  update(codes: Codes): void;
  teardown(): void;
}

export function mountCodePlot(options: CodePlotOptions): CodePlot {
  const { root, strings } = options;
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`ae.${key}`] ?? key, values);
  let codes: Codes | undefined;
  let marker: Point2 | undefined;
  let random: ArrayLike<number> | undefined;
  let randomSeed = 1;
  let randomSource: RandomSource = 'uniform';
  let decodedZ: Point2 | undefined;

  const publish = () => {
    if (codes === undefined) return;
    const state: CodePlotState = { codes: codes.codes, decodedZ: decodedZ && [decodedZ[0], decodedZ[1]] };
    (root as HTMLElement & { value?: CodePlotState }).value = state;
    root.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const decodeWith = (points: ArrayLike<number>) => {
    const model = options.model();
    if (model === undefined) return Promise.resolve(undefined);
    return decodeCodes(model, points);
  };

  const decodeMarker = createRefresher(
    async (z: Point2) => {
      const image = await decodeWith(z);
      if (image === undefined) return;
      paintDigits(options.decoded, image);
      options.decodedOut.textContent = s('decodedAt', { z1: formatNumber(z[0], 2), z2: formatNumber(z[1], 2) });
      root.dataset['decodedZ'] = `${z[0]},${z[1]}`;
      root.dataset['decoded'] = String(Number(root.dataset['decoded'] ?? 0) + 1);
      decodedZ = z;
      publish();
      showTensorCount(root);
    },
    (error) => console.warn('Autoencoder lab: could not decode the chosen code', error),
  );

  const decodeRandom = createRefresher(
    async (points: ArrayLike<number>) => {
      const images = await decodeWith(points);
      if (images === undefined) return;
      paintDigits(options.randomCanvas, images, { columns: RANDOM_CODES, gap: 1 });
      const holes = codes ? countHoles(points, codes.codes) : 0;
      options.randomOut.textContent = s('randomHoles', { holes, count: RANDOM_CODES, source: s(SOURCE_STRING[randomSource]) });
      root.dataset['randomHoles'] = String(holes);
      showTensorCount(root);
    },
    (error) => console.warn('Autoencoder lab: could not decode the random codes', error),
  );

  const scatter = createLatentScatter(options.canvas, {
    onHover: options.onHover,
    onPoint(z) {
      marker = z;
      decodeMarker.request(z);
    },
  });

  const onRandom = (event: Event) => {
    const seed = randomSeed++;
    const rng = mulberry32(seed);
    const source = (event.currentTarget as HTMLElement).dataset['source'];
    randomSource = SOURCES.find((candidate) => candidate === source) ?? 'uniform';
    if (randomSource === 'normal') random = normalCodes(RANDOM_CODES, 2, seed);
    else if (randomSource === 'fitted' && codes) random = fittedGaussianCodes(codes.codes, RANDOM_CODES, rng);
    else random = uniformCodes(RANDOM_CODES, scatter.domain, rng);
    options.root.dataset['randomSource'] = randomSource;
    scatter.setHighlights(random);
    decodeRandom.request(random);
  };
  for (const button of options.randomButtons) button.addEventListener('click', onRandom);

  return {
    update(next) {
      codes = next;
      for (const button of options.randomButtons) button.disabled = false;
      scatter.setPoints(next.codes, next.labels);
      publish();
      if (marker) decodeMarker.request(marker);
      if (random) decodeRandom.request(random);
    },
    teardown() {
      decodeMarker.close();
      decodeRandom.close();
      for (const button of options.randomButtons) button.removeEventListener('click', onRandom);
      scatter.teardown();
    },
  };
}
