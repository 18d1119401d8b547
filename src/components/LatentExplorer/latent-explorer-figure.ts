/**
 * The latent explorer's behaviour. Everything it draws comes from the shipped 2-D VAE through
 * the library's read-outs: posterior means of test digits (`encodeSplit`), images decoded at the
 * pointer, over a grid, and from prior samples (`decodeCodes`). Decoding at the pointer goes
 * through a refresher, so a fast drag never queues more than one decode behind the one in flight.
 */
import { formatString } from '../../i18n/index.ts';
import { imageAt } from '../../lib/vae/data.ts';
import type { RemoteModel } from '../model-worker/remote-model.ts';
import { decodeCodes, encodeSplit } from '../model-worker/readout.ts';
import { required, widgetStrings } from '../dom.ts';
import { formatNumber } from '../format.ts';
import { gridPoints, normalCodes } from '../latent/codes.ts';
import { createLatentScatter, type Domain, type Point2 } from '../latent/scatter.ts';
import { bytesToUnit, paintDigits } from '../page-services/digits.ts';
import { pageBackend, pageMnist, showTensorCount } from '../page-services/page-resources.ts';
import { loadPretrained } from '../page-services/pretrained.ts';
import { retryingLoadFailure } from '../training/load-error.ts';
import { createRefresher } from '../training/refresh.ts';

/** Test digits in the scatter. */
const POINTS = 3000;
/** The plotted plane: ±3.5 prior standard deviations. */
const DOMAIN: Domain = [
  [-3.5, 3.5],
  [-3.5, 3.5],
];
/** The manifold grid: 15 × 15 images over ±3. */
const GRID_SIDE = 15;
const GRID_DOMAIN: Domain = [
  [-3, 3],
  [-3, 3],
];
const PRIOR_SAMPLES = 16;

export function mountLatentExplorer(root: HTMLElement) {
  const strings = widgetStrings(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`latent.${key}`] ?? key, values);
  const canvas = (name: string) => required<HTMLCanvasElement>(root, `[data-view="${name}"]`);
  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);
  const status = out('status');
  let model: RemoteModel | undefined;
  let closed = false;
  let sampleSeed = 1;

  const decoder = createRefresher(
    async (z: Point2) => {
      if (model === undefined || closed) return;
      const image = await decodeCodes(model, z);
      if (closed) return;
      paintDigits(canvas('decoded'), image);
      out('z').textContent = s('decodedAt', { z1: formatNumber(z[0], 2), z2: formatNumber(z[1], 2) });
      root.dataset['z'] = `${z[0]},${z[1]}`;
      root.dataset['decoded'] = String(Number(root.dataset['decoded'] ?? 0) + 1);
      showTensorCount(root);
    },
    (error) => (status.textContent = s('failed', { reason: String(error) })),
  );

  let testImages: { images: Uint8Array; labels: Uint8Array; count: number } | undefined;
  const scatter = createLatentScatter(canvas('scatter'), {
    domain: DOMAIN,
    onPoint: (z) => decoder.request(z),
    onHover: (index) => {
      if (index === undefined || testImages === undefined) {
        out('nearest').textContent = s('nearestNone');
        return;
      }
      paintDigits(canvas('nearest'), bytesToUnit(imageAt(testImages, index)));
      out('nearest').textContent = s('nearestDigit', { label: testImages.labels[index] ?? '?' });
    },
  });

  const drawPriorSamples = async () => {
    if (model === undefined) return;
    const z = normalCodes(PRIOR_SAMPLES, 2, sampleSeed);
    const images = await decodeCodes(model, z);
    if (closed) return;
    paintDigits(canvas('samples'), images, { columns: PRIOR_SAMPLES / 2, gap: 1 });
    scatter.setHighlights(z);
    root.dataset['samplesSeed'] = String(sampleSeed);
    showTensorCount(root);
  };
  required<HTMLButtonElement>(root, '[data-action="sample"]').addEventListener('click', () => {
    sampleSeed += 1;
    void drawPriorSamples();
  });

  const start = async () => {
    const [mnist] = await Promise.all([pageMnist(), pageBackend()]);
    const loaded = await loadPretrained('vae2', 'vae');
    if (closed) {
      loaded.model.dispose();
      return;
    }
    const previous = model; // after a retry: the model of a load that failed later on
    model = loaded.model;
    previous?.dispose();
    const vae = model;
    testImages = mnist.test;
    const { codes, labels } = await encodeSplit(vae, 'test', POINTS);
    scatter.setPoints(codes, labels);
    const grid = await decodeCodes(vae, gridPoints(GRID_SIDE, GRID_DOMAIN));
    paintDigits(canvas('manifold'), grid, { columns: GRID_SIDE });
    await drawPriorSamples();
    const origin: Point2 = [0, 0];
    scatter.setMarker(origin);
    decoder.request(origin);
    await decoder.idle;
    status.textContent = s('ready', { count: POINTS });
    root.dataset['ready'] = 'true';
  };

  required<HTMLElement>(root, '[data-ui]').hidden = false;
  const fail = retryingLoadFailure(status, () => start(), {
    label: 'Latent explorer',
    strings,
    failed: (reason) => s('failed', { reason }),
    closed: () => closed,
    reset: () => (status.textContent = s('loading')),
  });
  start().catch(fail);
  return () => {
    closed = true;
    decoder.close();
    scatter.teardown();
    void decoder.idle.then(() => model?.dispose());
  };
}
