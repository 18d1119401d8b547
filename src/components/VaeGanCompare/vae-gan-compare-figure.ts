/**
 * The VAE / VAE-GAN comparison: the shared model widget (`../training/model-widget`) runs a session
 * on the shipped VAE-GAN; the shipped 20-D VAE is loaded beside it as a fixed reference. Both
 * decode the same codes (drawn on the CPU from a seed, so "draw new codes" gives both the same new
 * draw) and reconstruct the same test digits; the VAE-GAN side is redrawn whenever its weights
 * change. Each sample grid gets two figures from `src/lib/math/sharpness` (mean |Laplacian| and
 * mean x(1 − x)), shown next to the same figures for real test digits.
 *
 * Published state (the root's `value` + an `input` event): `VaeGanCompareState`, the pixels of both
 * sample grids with the draw of codes each was decoded from, and the real test digits behind the
 * reference row, so a figure task can recompute every figure from the pixels.
 *
 * Test hooks on the root: `data-ready`, `data-codes` (the draw number), `data-sharpness-vae`,
 * `data-sharpness-vaegan`, `data-sharpness-real`, `data-views-vae`, `data-views-vaegan` (redraw
 * counts), and the panel's `data-state`, `data-step`, `data-loss-*`, `data-tensors`.
 */
import { formatString } from '../../i18n/index.ts';
import { greyness, laplacianSharpness } from '../../lib/math/sharpness.ts';
import type { RemoteModel } from '../model-worker/remote-model.ts';
import { required, widgetStrings } from '../dom.ts';
import { formatNumber } from '../format.ts';
import { normalCodes } from '../latent/codes.ts';
import { paintDigits } from '../page-services/digits.ts';
import { loadPretrained } from '../page-services/pretrained.ts';
import { openTrainingSession, type OpenedSession } from '../training/open.ts';
import { showLoadFailure } from '../training/load-error.ts';
import { mountModelWidget } from '../training/model-widget.ts';
import { createRefresher } from '../training/refresh.ts';
import { modelViews, testDigits, type ModelViews } from './views.ts';
import { showTensorCount } from '../page-services/page-resources.ts';

/** Codes per grid, and grid columns. */
const CODES = 24;
const COLUMNS = 6;
/** Test digits reconstructed by both models. */
const DIGITS = 6;
/** Real test digits behind the reference sharpness figures. */
const REAL_COUNT = 200;

type Side = 'vae' | 'vaegan';

/** One sample grid as drawn: its pixels ([CODES · 784] in [0, 1]) and the draw of codes decoded. */
export interface PublishedGrid {
  readonly draw: number;
  readonly samples: Float32Array;
}

/** What the figure publishes as its `value` (an `input` event follows every change). */
export interface VaeGanCompareState {
  /** The draw of codes both grids should show (1 at the start, +1 per "Draw new codes"). */
  readonly draw: number;
  readonly vae?: PublishedGrid;
  readonly vaegan?: PublishedGrid;
  /** The real test digits behind the reference row: [REAL_COUNT · 784] in [0, 1]. */
  readonly real?: Float32Array;
}
const CAPITALISED: Record<Side | 'real', string> = { vae: 'Vae', vaegan: 'Vaegan', real: 'Real' };

export function mountVaeGanCompare(root: HTMLElement) {
  const strings = widgetStrings(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`vaegan.${key}`], values);
  const status = required<HTMLElement>(root, '[data-out="status"]');
  const newCodes = required<HTMLButtonElement>(root, '[data-action="new-codes"]');
  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);
  let draw = 1;
  let codes: Float32Array | undefined;
  let digits: Float32Array | undefined;
  let reference: RemoteModel | undefined;
  let closed = false;
  let published: VaeGanCompareState = { draw };
  const publish = (change: Partial<VaeGanCompareState>) => {
    published = { ...published, ...change };
    (root as HTMLElement & { value?: VaeGanCompareState }).value = published;
    root.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const showFigures = (row: Side | 'real', images: Float32Array) => {
    const sharpness = laplacianSharpness(images);
    root.dataset[`sharpness${CAPITALISED[row]}`] = String(sharpness);
    out(`${row}-sharpness`).textContent = formatNumber(sharpness, 3);
    out(`${row}-greyness`).textContent = formatNumber(greyness(images), 3);
  };

  const show = (side: Side, views: ModelViews, drawn: number) => {
    if (closed) return;
    paintDigits(required<HTMLCanvasElement>(root, `[data-view="${side}-samples"]`), views.samples, { columns: COLUMNS, gap: 1 });
    paintDigits(required<HTMLCanvasElement>(root, `[data-view="${side}-reconstructions"]`), views.pairs, { columns: DIGITS, gap: 1 });
    showFigures(side, views.samples);
    const key = `views${CAPITALISED[side]}`;
    root.dataset[key] = String(Number(root.dataset[key] ?? 0) + 1);
    // The panel counts tensors when training changes; a redraw happens in between, and its count
    // (taken after freeing its read-back tensors) goes to the panel's read-out as well.
    showTensorCount(root);
    publish({ [side]: { draw: drawn, samples: views.samples } });
  };

  const vaeRefresher = createRefresher<void>(
    async () => {
      if (reference === undefined || codes === undefined || digits === undefined) return;
      const drawn = draw;
      show('vae', await modelViews(reference, codes, digits), drawn);
    },
    (error) => console.warn('VAE-GAN comparison: could not redraw the VAE', error),
  );
  /** (Re)loads the reference VAE on the current backend: at the start, and after the session moved backends. */
  const loadReference = async () => {
    const { model } = await loadPretrained('vae20', 'vae');
    if (closed) {
      model.dispose();
      return;
    }
    const previous = reference;
    reference = model;
    await vaeRefresher.idle; // a redraw in flight may still be using the previous model
    previous?.dispose();
    vaeRefresher.request();
  };

  const drawNew = (opened: OpenedSession) => {
    codes = normalCodes(CODES, opened.session.model.latentDim, draw);
    root.dataset['codes'] = String(draw);
    publish({ draw });
    vaeRefresher.request();
    status.textContent = s('ready', { draw });
  };

  /** Once the VAE-GAN is loaded: the test digits, the reference VAE and its side, the first codes. */
  const prepare = async (opened: OpenedSession) => {
    status.textContent = s('loading');
    try {
      digits = testDigits(opened.mnist.test, DIGITS);
      out('real-label').textContent = s('realRow', { count: REAL_COUNT });
      const real = testDigits(opened.mnist.test, REAL_COUNT);
      showFigures('real', real);
      publish({ real });
      await loadReference();
      if (closed) throw new Error('closed');
      drawNew(opened);
      await vaeRefresher.idle;
    } catch (error) {
      // The reference VAE (or drawing its first views) failed; the training panel is loaded.
      if (!closed)
        showLoadFailure(status, error, { label: 'VAE-GAN comparison', strings, failed: (reason) => s('failed', { reason }), retry: () => widget.reload() });
      throw error;
    }
  };

  const widget = mountModelWidget(root, {
    strings,
    label: 'VAE-GAN comparison',
    open: ({ onProgress, onRecovered }) =>
      openTrainingSession({
        pretrained: 'vaegan',
        onProgress,
        onRecovered(event) {
          onRecovered(event);
          loadReference().catch((error: unknown) => console.warn('VAE-GAN comparison: could not reload the VAE', error));
        },
      }),
    prepare,
    redraw: async ({ session }) => {
      if (codes === undefined || digits === undefined) return;
      const drawn = draw;
      show('vaegan', await modelViews(session.model, codes, digits), drawn);
    },
    onReady: () => (newCodes.disabled = false),
  });
  newCodes.addEventListener('click', () => {
    const opened = widget.panel.opened;
    if (opened === undefined) return;
    draw += 1;
    drawNew(opened);
    widget.refresh();
  });

  return {
    teardown() {
      closed = true;
      vaeRefresher.close();
      widget.teardown();
      void vaeRefresher.idle.then(() => {
        reference?.dispose();
        reference = undefined;
      });
    },
  };
}
