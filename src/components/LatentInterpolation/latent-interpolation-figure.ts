/**
 * The interpolation figure's behaviour. It loads MNIST's test images and the chosen pretrained
 * VAE (vae20 first; vae2 when the reader asks for it, then kept), encodes the twelve images of
 * the strip once per model (their posterior means), and on every choice computes the path
 * between the two codes in plain numbers (`src/lib/math/interpolation`), decodes it as one batch
 * and paints it. Requests that arrive while a path is being decoded collapse into one.
 *
 * After each drawn path the element's `value` is the published state (model, path kind, the test
 * indices of A and B and their codes) and an `input` event is dispatched, for figure tasks.
 */
import { formatString } from '../../i18n/index.ts';
import { interpolate, interpolationPath, norm, type PathKind } from '../../lib/math/interpolation.ts';
import { imageAt, type MnistSplit } from '../../lib/vae/data.ts';
import type { RemoteModel } from '../model-worker/remote-model.ts';
import { decodeCodes, encodeMeans, imagesOf } from '../model-worker/readout.ts';
import { required, widgetStrings } from '../dom.ts';
import { formatNumber } from '../format.ts';
import { bytesToUnit, paintDigits } from '../page-services/digits.ts';
import { pageBackend, pageMnist, showTensorCount } from '../page-services/page-resources.ts';
import { loadPretrained } from '../page-services/pretrained.ts';
import { createRefresher } from '../training/refresh.ts';
import { MODELS, STEPS, stripIndices, type InterpolationModel } from './choices.ts';

/** A loaded model and the posterior means of the strip's images, [slots · dim] row-major. */
interface Encoded {
  readonly model: RemoteModel;
  readonly codes: Float32Array;
  readonly dim: number;
}

type Pick = 'a' | 'b';

/** What the figure publishes as its `value` once a path is drawn. */
export interface InterpolationState {
  readonly model: InterpolationModel;
  readonly path: PathKind;
  /** Test-set indices of images A and B. */
  readonly a: number;
  readonly b: number;
  /** Their codes (posterior means). */
  readonly za: readonly number[];
  readonly zb: readonly number[];
}

export function mountLatentInterpolation(root: HTMLElement) {
  const strings = widgetStrings(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`vae.interp${key}`], values);
  const status = required<HTMLElement>(root, '[data-out="status"]');
  const pathCanvas = required<HTMLCanvasElement>(root, '[data-view="path"]');
  const norms = required<HTMLElement>(root, '[data-out="norms"]');
  const spherical = required<HTMLInputElement>(root, '[data-setting="spherical"]');
  const modelSelect = required<HTMLSelectElement>(root, '[data-setting="model"]');
  const loaded = new Map<InterpolationModel, Promise<Encoded>>();
  let closed = false;
  let test: MnistSplit | undefined;
  let indices: number[] = [];

  const slotOf = (pick: Pick) => Number(required<HTMLInputElement>(root, `[data-pick="${pick}"] input:checked`).value);
  const digitOf = (slot: number) => test?.labels[indices[slot] ?? 0] ?? 0;
  const modelName = (): InterpolationModel => ((MODELS as readonly string[]).includes(modelSelect.value) ? (modelSelect.value as InterpolationModel) : 'vae20');

  const encodeStrip = async (name: InterpolationModel, split: MnistSplit): Promise<Encoded> => {
    const { model } = await loadPretrained(name, 'vae');
    if (closed) {
      model.dispose();
      throw new Error('closed');
    }
    const codes = await encodeMeans(model, imagesOf(split, indices));
    return { model, codes, dim: model.latentDim };
  };

  const encoded = (name: InterpolationModel, split: MnistSplit): Promise<Encoded> => {
    let promise = loaded.get(name);
    if (promise === undefined) {
      promise = encodeStrip(name, split);
      loaded.set(name, promise);
      promise.catch(() => loaded.delete(name));
    }
    return promise;
  };

  const redraw = async () => {
    if (test === undefined) return;
    const name = modelName();
    const { model, codes, dim } = await encoded(name, test);
    if (closed) return;
    const [a, b] = [slotOf('a'), slotOf('b')];
    const kind: PathKind = spherical.checked ? 'spherical' : 'linear';
    const za = codes.subarray(a * dim, (a + 1) * dim);
    const zb = codes.subarray(b * dim, (b + 1) * dim);
    const images = await decodeCodes(model, interpolationPath(za, zb, STEPS, kind));
    if (closed) return;
    paintDigits(pathCanvas, images, { columns: STEPS, gap: 2 });
    const path = s(kind === 'spherical' ? 'SphericalName' : 'Linear');
    const [digitA, digitB] = [digitOf(a), digitOf(b)];
    pathCanvas.setAttribute('aria-label', s('PathLabel', { path, a: digitA, b: digitB }));
    norms.textContent = s('Norms', {
      a: formatNumber(norm(za), 2),
      mid: formatNumber(norm(interpolate(za, zb, 0.5, kind)), 2),
      b: formatNumber(norm(zb), 2),
      dim,
      typical: formatNumber(Math.sqrt(dim), 2),
    });
    status.textContent = s('Drawn', { path, a: digitA, b: digitB, model: modelSelect.selectedOptions[0]?.textContent?.trim() ?? name });
    Object.assign(root.dataset, {
      a: String(indices[a]),
      b: String(indices[b]),
      path: kind,
      model: name,
      views: String(Number(root.dataset['views'] ?? 0) + 1),
    });
    showTensorCount(root);
    const published: InterpolationState = { model: name, path: kind, a: indices[a] ?? 0, b: indices[b] ?? 0, za: [...za], zb: [...zb] };
    (root as HTMLElement & { value?: InterpolationState }).value = published;
    root.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const refresher = createRefresher<void>(redraw, (error) => {
    if (closed) return;
    status.textContent = s('Failed', { reason: error instanceof Error ? error.message : String(error) });
  });

  const start = async () => {
    status.textContent = s('Loading');
    const [mnist] = await Promise.all([pageMnist(), pageBackend()]);
    if (closed) return;
    test = mnist.test;
    indices = stripIndices(test.labels);
    root.querySelectorAll<HTMLInputElement>('[data-pick] input[type="radio"]').forEach((input) => {
      const slot = Number(input.value);
      input.setAttribute('aria-label', s('Image', { n: indices[slot] ?? 0, digit: digitOf(slot) }));
      const thumb = input.parentElement?.querySelector<HTMLCanvasElement>('canvas[data-thumb]');
      if (thumb && test) paintDigits(thumb, bytesToUnit(imageAt(test, indices[slot] ?? 0)));
    });
    required<HTMLElement>(root, '[data-ui]').hidden = false;
    refresher.request();
    await refresher.idle;
    if (!closed && root.dataset['views'] !== undefined) root.dataset['ready'] = 'true';
  };

  root.addEventListener('change', () => refresher.request());
  start().catch((error: unknown) => {
    status.textContent = s('Failed', { reason: error instanceof Error ? error.message : String(error) });
  });

  return {
    teardown() {
      closed = true;
      refresher.close();
      for (const promise of loaded.values())
        promise.then(
          ({ model }) => model.dispose(),
          () => {},
        );
      loaded.clear();
    },
    /** Resolves when the path in flight (if any) is drawn. */
    get idle() {
      return refresher.idle;
    },
  };
}
