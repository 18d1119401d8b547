/**
 * The VAE panel of the IWAE figure: the shipped 2-D VAE (`vae2`) and one test digit at a time,
 * chosen from a strip with one image of each digit. For the chosen digit it shows the ELBO and
 * L_K at the slider's K, each the mean of repeated independent estimates with its standard
 * error (`iwaeDraws`), and on request the curve L_K for K = 1 … 100. Estimates are seeded by
 * (digit, K), so a figure comes out the same every time, and cached. Work runs one task at a
 * time; every tensor is freed after each estimate and the model in `teardown`.
 */
import { formatString } from '../../i18n/index.ts';
import { type IwaeEstimate, summarize } from '../../lib/math/iwae.ts';
import { imageAt, type MnistSplit } from '../../lib/vae/data.ts';
import { iwaeDraws } from '../model-worker/readout.ts';
import type { RemoteModel } from '../model-worker/remote-model.ts';
import { required } from '../dom.ts';
import { formatNumber, formatValue } from '../format.ts';
import { bytesToUnit, paintDigits } from '../page-services/digits.ts';
import { pageBackend, pageMnist, showTensorCount } from '../page-services/page-resources.ts';
import { loadPretrained } from '../page-services/pretrained.ts';
import { showLoadFailure } from '../training/load-error.ts';
import { boundChart } from './bound-chart.ts';
import { CURVE_KS, ELBO_DRAWS, firstOfEachDigit, formatEstimate, K_MAX, repeatsFor, type Strings } from './state.ts';

export interface VaePanel {
  setK(k: number): void;
  teardown(): void;
}

const boundSeed = (index: number, k: number) => 7919 * index + k;
const elboSeed = (index: number) => 7919 * index + 104_729;

export function mountVaePanel(panel: HTMLElement, strings: Strings, initialK: number): VaePanel {
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`iwae.${key}`], values);
  const out = (name: string) => required<HTMLElement>(panel, `[data-out="${name}"]`);
  const status = out('vae-status');
  const strip = out('digits');
  const curveButton = required<HTMLButtonElement>(panel, 'button[data-action="curve"]');
  const plot = required<SVGSVGElement>(panel, '[data-plot="vae"]');
  const curveBox = out('curve-box');
  const chart = boundChart(plot, { kMax: K_MAX, xLabel: s('kAxis'), yLabel: s('natsAxis') });
  const listeners = new AbortController();
  const on = (target: EventTarget, type: string, handler: () => void) => target.addEventListener(type, handler, { signal: listeners.signal });

  let model: RemoteModel | undefined;
  let test: MnistSplit | undefined;
  let backendName = '';
  let closed = false;
  const wanted = { digit: -1, k: initialK };
  let curveDigit = -1;
  const cache = new Map<string, IwaeEstimate>();

  // One task at a time: each waits for the previous one (the model is not re-entrant on WebGL).
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  let refreshQueued = false;
  const enqueue = (task: () => Promise<void>) => {
    pending++;
    panel.dataset['busy'] = 'true';
    chain = chain
      .then(() => (closed ? undefined : task()))
      .catch((error: unknown) => {
        if (closed) return;
        // Before the model is in, the failure is the load's: offer to run it again.
        const retry =
          model === undefined
            ? () => {
                status.textContent = s('loading');
                enqueue(load);
              }
            : undefined;
        showLoadFailure(status, error, { label: 'IWAE figure (VAE)', strings, failed: (reason) => s('failed', { reason }), retry });
      })
      .finally(() => {
        if (--pending === 0) delete panel.dataset['busy'];
      });
  };

  const estimate = async (index: number, k: number, repeats: number, seed: number): Promise<IwaeEstimate> => {
    const key = `${index}:${k}:${repeats}:${seed}`;
    const known = cache.get(key);
    if (known) return known;
    if (!model || !test) throw new Error('The model is not loaded.');
    const result = summarize(await iwaeDraws(model, bytesToUnit(imageAt(test, index)), k, repeats, seed));
    cache.set(key, result);
    showTensorCount(panel);
    return result;
  };
  const elboOf = (index: number) => estimate(index, 1, ELBO_DRAWS, elboSeed(index));
  const boundOf = (index: number, k: number) => estimate(index, k, repeatsFor(k), boundSeed(index, k));

  const drawCurve = async (index: number) => {
    const elbo = await elboOf(index);
    const points = [];
    for (const k of CURVE_KS) {
      const e = cache.get(`${index}:${k}:${repeatsFor(k)}:${boundSeed(index, k)}`);
      if (e) points.push({ k, mean: e.mean, standardError: e.standardError });
    }
    const marker = cache.get(`${index}:${wanted.k}:${repeatsFor(wanted.k)}:${boundSeed(index, wanted.k)}`);
    chart.update({
      points,
      references: [{ key: 'elbo', value: elbo.mean, label: s('ref.elbo') }],
      marker: marker && { k: wanted.k, mean: marker.mean, standardError: marker.standardError },
      dots: true,
    });
    panel.dataset['curve'] = JSON.stringify(points.map((p) => ({ k: p.k, mean: p.mean, se: p.standardError })));
  };

  /** Computes (or fetches) the ELBO and L_K for the wanted digit and K, and shows them. */
  const refresh = async () => {
    refreshQueued = false;
    const { digit, k } = wanted;
    if (!test) return;
    status.textContent = s('computing', { k });
    const elbo = await elboOf(digit);
    const bound = await boundOf(digit, k);
    if (closed) return;
    out('vae-elbo').textContent = formatEstimate(strings, elbo.mean, elbo.standardError);
    out('vae-bound').textContent = formatEstimate(strings, bound.mean, bound.standardError);
    out('vae-gain').textContent = formatValue(bound.mean - elbo.mean);
    const label = test.labels[digit] ?? 0;
    status.textContent = s('ready', { label, k, repeats: repeatsFor(k), elboDraws: ELBO_DRAWS, backend: strings[`backend.${backendName}`] ?? backendName });
    Object.assign(panel.dataset, {
      digit: String(digit),
      k: String(k),
      bound: String(bound.mean),
      se: String(bound.standardError),
      elbo: String(elbo.mean),
      elboSe: String(elbo.standardError),
      ready: 'true',
    });
    showTensorCount(panel);
    if (curveDigit === digit) await drawCurve(digit);
  };

  const requestRefresh = () => {
    if (refreshQueued) return;
    refreshQueued = true;
    enqueue(refresh);
  };

  const computeCurve = async () => {
    const digit = wanted.digit;
    for (const k of CURVE_KS) {
      if (closed || wanted.digit !== digit) return;
      status.textContent = s('curveStatus', { k });
      await boundOf(digit, k);
    }
    if (closed || wanted.digit !== digit) return;
    curveDigit = digit;
    curveBox.hidden = false;
    await drawCurve(digit);
    const first = await boundOf(digit, CURVE_KS[0]);
    const last = await boundOf(digit, CURVE_KS[CURVE_KS.length - 1] ?? K_MAX);
    status.textContent = s('curveDone', { gain: formatNumber(last.mean - first.mean, 2) });
    showTensorCount(panel);
  };

  const choose = (index: number) => {
    if (index === wanted.digit) return;
    wanted.digit = index;
    curveDigit = -1;
    curveBox.hidden = true;
    delete panel.dataset['curve'];
    curveButton.disabled = false;
    requestRefresh();
  };

  const buildStrip = (indices: number[], split: MnistSplit) => {
    const name = `${panel.closest('[data-prefix]')?.getAttribute('data-prefix') ?? 'iw-'}digit`;
    for (const [position, index] of indices.entries()) {
      const label = document.createElement('label');
      label.className = 'iw-digit';
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = name;
      input.value = String(index);
      input.checked = position === 0;
      input.setAttribute('aria-label', s('digitLabel', { index, label: split.labels[index] ?? 0 }));
      on(input, 'change', () => {
        if (input.checked) choose(index);
      });
      const canvas = document.createElement('canvas');
      canvas.setAttribute('aria-hidden', 'true');
      paintDigits(canvas, bytesToUnit(imageAt(split, index)));
      label.append(input, canvas);
      strip.append(label);
    }
    strip.hidden = false;
  };

  const load = async () => {
    const backend = await pageBackend();
    backendName = backend.name;
    const [loaded, mnist] = await Promise.all([
      loadPretrained('vae2', 'vae'),
      pageMnist(({ loadedBytes, totalBytes }) => {
        if (!closed && totalBytes > 0) status.textContent = s('downloading', { percent: Math.round((100 * loadedBytes) / totalBytes) });
      }),
    ]);
    if (closed) {
      loaded.model.dispose();
      return;
    }
    model = loaded.model;
    test = mnist.test;
    const { loss, iwae } = loaded.entry.test;
    if (loss !== undefined && iwae !== undefined) {
      out('test-set').textContent = s('testSet', { elbo: formatNumber(loss, 2), iwae: formatNumber(iwae.nll, 2) });
    }
    const indices = firstOfEachDigit(test.labels);
    buildStrip(indices, test);
    on(curveButton, 'click', () => {
      curveButton.disabled = true;
      enqueue(computeCurve);
    });
    choose(indices[0] ?? 0);
  };
  enqueue(load);

  return {
    setK(k: number) {
      if (k === wanted.k) return;
      wanted.k = k;
      if (wanted.digit >= 0) requestRefresh();
    },
    teardown() {
      closed = true;
      listeners.abort();
      // Free the model once the task in flight (if any) no longer needs it.
      void chain.finally(() => {
        model?.dispose();
        model = undefined;
      });
    },
  };
}
