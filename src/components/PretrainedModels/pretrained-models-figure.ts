/**
 * The pretrained-models list: fetches public/models/manifest.json, then each checkpoint over
 * HTTP (`fetchCheckpoint`), loads it into the model its manifest spec describes in the page's
 * model worker and decodes ten samples on the chosen backend into a
 * canvas of 28×28 grey images (`drawSamples` in `sampleCheckpoint`, shared with the model gallery: a CVAE one per
 * digit 0–9, the autoencoder codes drawn from the Gaussian fitted to its test-set codes).
 */
import { formatString } from '../../i18n/index.ts';
import { modelHost, noteTensorCount } from '../model-worker/client.ts';
import { required, widgetStrings } from '../dom.ts';
import { formatNumber, MISSING } from '../format.ts';
import { paintDigits } from '../page-services/digits.ts';
import { pageBackend } from '../page-services/page-resources.ts';
import { retryingLoadFailure } from '../training/load-error.ts';
import { pretrainedCheckpoint, pretrainedManifest, type PretrainedEntry as Entry } from '../page-services/pretrained.ts';
import { modelTitle } from '../page-services/model-title.ts';

/** Samples drawn per model. */
const SAMPLES = 10;
const SAMPLE_SEED = 2026;

export function mountPretrainedModels(root: HTMLElement): () => void {
  const strings = widgetStrings<Record<string, string>>(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`pretrained.${key}`], values);
  const rows = required<HTMLTableSectionElement>(root, '[data-out="rows"]');
  const status = required<HTMLElement>(root, '[data-out="status"]');
  let closed = false;

  const cell = (row: HTMLTableRowElement, text: string, figure?: string, value?: number) => {
    const td = row.insertCell();
    td.textContent = text;
    if (figure !== undefined) {
      td.dataset['figure'] = figure;
      if (value !== undefined) td.dataset['value'] = String(value);
    }
    return td;
  };

  const testFigure = (e: Entry): [string, number | undefined] => {
    if (e.test.accuracy !== undefined) return [s('accuracy', { value: formatNumber(100 * e.test.accuracy, 2) }), e.test.accuracy];
    if (e.test.dReal !== undefined) return [s('dReal', { value: formatNumber(e.test.dReal, 3) }), e.test.dReal];
    if (e.test.loss !== undefined) return [s('nats', { value: formatNumber(e.test.loss, 2) }), e.test.loss];
    return [MISSING, undefined];
  };

  const sampleFigure = (e: Entry): [string, number | undefined] => {
    if (e.samples?.accuracy !== undefined) return [s('labelAccuracy', { value: formatNumber(100 * e.samples.accuracy, 1) }), e.samples.accuracy];
    if (e.samples)
      return [s('confidence', { value: formatNumber(e.samples.meanMaxProb, 3), entropy: formatNumber(e.samples.labelEntropy, 3) }), e.samples.meanMaxProb];
    return [MISSING, undefined];
  };

  /** Ten samples [10, 784] in [0, 1] from the shipped weights, or undefined for the classifier. */
  const draw = async (entry: Entry): Promise<Float32Array | undefined> => {
    const checkpoint = await pretrainedCheckpoint(entry);
    // Loaded, sampled and freed in one call to the worker (see `sampleCheckpoint`).
    const { value, tensors } = await modelHost().sampleCheckpoint(entry.spec, entry.seed, checkpoint, SAMPLES, SAMPLE_SEED, entry.codeStats);
    noteTensorCount(tensors);
    return value as Float32Array | undefined;
  };

  const run = async () => {
    status.textContent = s('loading');
    const models = await pretrainedManifest();
    const backend = await pageBackend();
    root.dataset['backend'] = backend.name;
    required<HTMLElement>(root, '[data-ui]').hidden = false;
    for (const entry of models) {
      if (closed) return;
      const row = rows.insertRow();
      row.dataset['model'] = entry.name;
      const title = modelTitle(entry, strings);
      cell(row, title);
      const [testText, testValue] = testFigure(entry);
      cell(row, testText, 'test', testValue);
      const iwae = entry.test.iwae?.nll;
      cell(row, iwae === undefined ? MISSING : s('nats', { value: formatNumber(iwae, 2) }), 'iwae', iwae);
      const [sampleText, sampleValue] = sampleFigure(entry);
      cell(row, sampleText, 'samples', sampleValue);
      cell(row, s('epochs', { epochs: entry.epochs, minutes: formatNumber(entry.wallSeconds / 60, 1) }), 'epochs', entry.epochs);
      cell(row, s('bytes', { kb: Math.round(entry.bytes / 1000), dtype: entry.dtype }), 'bytes', entry.bytes);
      // The samples get a full-width row of their own under the figures.
      const sampleRow = rows.insertRow();
      sampleRow.dataset['samplesOf'] = entry.name;
      const drawn = sampleRow.insertCell();
      drawn.colSpan = 6;
      status.textContent = s('drawing', { title });
      const values = await draw(entry);
      if (closed) return;
      if (values) {
        const canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', s('canvasLabel', { title }));
        paintDigits(canvas, values);
        drawn.append(canvas);
      } else drawn.textContent = s('loaded');
    }
    status.textContent = s('done', { backend: strings[`backend.${backend.name}`] ?? backend.name });
    root.dataset['ready'] = 'true';
  };

  const fail = retryingLoadFailure(status, () => run(), {
    label: 'Pretrained models',
    strings,
    failed: (reason) => s('failed', { reason }),
    closed: () => closed,
    reset: () => rows.replaceChildren(),
  });
  run().catch(fail);
  return () => {
    closed = true;
  };
}
