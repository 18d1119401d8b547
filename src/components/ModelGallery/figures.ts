/**
 * What the model gallery shows beside each model's samples: the figures its manifest entry
 * records, in one order for every card, as text plus the raw manifest number (for tests).
 * Pure: used by the server-rendered markup (so the figures read without JavaScript) and by the
 * unit test, which checks them against public/models/manifest.json.
 */
import { formatString } from '../../i18n/index.ts';
import type { PretrainedEntry } from '../page-services/pretrained.ts';
import { formatNumber, MISSING } from '../format.ts';

/** Samples drawn per model: four rows of five (a CVAE row asks for 0–4 or 5–9). */
export const SAMPLES = 20;
export const COLUMNS = 5;

/** The figure rows of a card, in display order. `time` is measured in the page. */
export const FIGURE_KEYS = ['test', 'iwae', 'quality', 'nn', 'weights', 'training', 'time'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export interface CardFigure {
  readonly key: FigureKey;
  /** The row's label (a `compare.*` string). */
  readonly label: string;
  readonly text: string;
  /** The manifest's own number behind the text; undefined where there is none. */
  readonly value: number | undefined;
}

/** The manifest entries the gallery shows: every generative model (not the classifier). */
export function galleryEntries(entries: readonly PretrainedEntry[]): PretrainedEntry[] {
  return entries.filter((entry) => entry.spec.kind !== 'classifier');
}

/** `compare.*` strings by their key without the prefix, with `{placeholders}` filled. */
export type GalleryStrings = (key: string, values?: Record<string, string | number>) => string;

/** A `GalleryStrings` over a record of UI strings (`data-strings`, or the page's strings). */
export function galleryStrings(strings: Readonly<Record<string, string>>): GalleryStrings {
  return (key, values) => formatString(strings[`compare.${key}`], values);
}

const nats = (x: number) => formatNumber(x, 2);

function testFigure(entry: PretrainedEntry, s: GalleryStrings): [string, number | undefined] {
  const { loss, reconstruction, kl, dReal } = entry.test;
  if (dReal !== undefined) return [s('dReal', { value: formatNumber(dReal, 3) }), dReal];
  if (loss === undefined) return [MISSING, undefined];
  if (reconstruction !== undefined && kl !== undefined) {
    return [s('negElbo', { value: nats(loss), reconstruction: nats(reconstruction), kl: nats(kl) }), loss];
  }
  return [s('reconstructionOnly', { value: nats(loss) }), loss];
}

function qualityFigure(entry: PretrainedEntry, s: GalleryStrings): [string, number | undefined] {
  const samples = entry.samples;
  if (samples === undefined) return [MISSING, undefined];
  if (samples.accuracy !== undefined) {
    return [s('labelAccuracy', { value: formatNumber(100 * samples.accuracy, 1), confidence: formatNumber(samples.meanMaxProb, 3) }), samples.accuracy];
  }
  return [s('confidence', { value: formatNumber(samples.meanMaxProb, 3), entropy: formatNumber(samples.labelEntropy, 2) }), samples.meanMaxProb];
}

/** The figures of one card, in `FIGURE_KEYS` order; `time` is a placeholder until measured. */
export function cardFigures(entry: PretrainedEntry, s: GalleryStrings): CardFigure[] {
  const iwae = entry.test.iwae?.nll;
  const nn = entry.samples?.nnDistance;
  const rows: Record<FigureKey, [string, number | undefined]> = {
    test: testFigure(entry, s),
    iwae: iwae === undefined ? [MISSING, undefined] : [s('nats', { value: nats(iwae) }), iwae],
    quality: qualityFigure(entry, s),
    nn: nn === undefined ? [MISSING, undefined] : [s('distance', { value: formatNumber(nn, 2) }), nn],
    weights: [s('bytes', { kb: Math.round(entry.bytes / 1000), dtype: entry.dtype }), entry.bytes],
    training: [s('epochs', { epochs: entry.epochs, minutes: formatNumber(entry.wallSeconds / 60, 1) }), entry.epochs],
    time: [s('pending'), undefined],
  };
  return FIGURE_KEYS.map((key) => ({ key, label: s(key), text: rows[key][0], value: rows[key][1] }));
}

/** The measured drawing time as the card shows it. */
export function timeText(ms: number, s: GalleryStrings): string {
  return s('ms', { ms: formatNumber(ms, ms < 10 ? 1 : 0), count: SAMPLES });
}
