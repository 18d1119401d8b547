/**
 * The IWAE figure's behaviour: the shared K slider and the toy panel (plain numbers, drawn at
 * once), then the VAE panel, whose module brings TensorFlow.js and is imported only now. The
 * numbers come from `state.ts` (toy) and `vae-panel.ts` (VAE); this module wires the controls.
 */
import { formatString } from '../../i18n/index.ts';
import { formatNumber, formatValue } from '../format.ts';
import { required, widgetStrings } from '../dom.ts';
import { boundChart } from './bound-chart.ts';
import {
  boundAt,
  clampX,
  computeToy,
  formatEstimate,
  kAtIndex,
  K_MAX,
  K_STEPS,
  parseModel,
  parseQ,
  type Strings,
  TOY_SAMPLES,
  TOY_SEED,
  type ToyResults,
  type ToyState,
} from './state.ts';
import type { VaePanel } from './vae-panel.ts';
import { showLoadFailure } from '../training/load-error.ts';

export function mountIwaeBound(root: HTMLElement): { teardown(): void } {
  const strings = widgetStrings<Strings>(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`iwae.${key}`], values);
  const listeners = new AbortController();
  const on = (target: EventTarget, type: string, handler: () => void) => target.addEventListener(type, handler, { signal: listeners.signal });
  const toyPanel = required<HTMLElement>(root, '[data-panel="toy"]');
  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);
  const kInput = required<HTMLInputElement>(root, 'input[data-control="k"]');
  const modelSelect = required<HTMLSelectElement>(root, 'select[data-control="model"]');
  const xInput = required<HTMLInputElement>(root, 'input[data-control="x"]');
  const qSelect = required<HTMLSelectElement>(root, 'select[data-control="q"]');
  const chart = boundChart(required<SVGSVGElement>(root, '[data-plot="toy"]'), { kMax: K_MAX, xLabel: s('kAxis'), yLabel: s('natsAxis') });

  // Controls may hold values restored by the browser (back/forward): start from what they show.
  let toy: ToyState = { model: parseModel(modelSelect.value), x: clampX(xInput.value), q: parseQ(qSelect.value) };
  let results: ToyResults = computeToy(toy);
  let k = kAtIndex(Number(kInput.value));
  let frame = 0;
  let vaePanel: VaePanel | undefined;
  let closed = false;

  /** Only the marker and the readout depend on K; the curve is recomputed when the toy state changes. */
  const renderToy = () => {
    const bound = boundAt(results, k);
    chart.update({
      points: results.curve.map((e, i) => ({ k: i + 1, mean: e.mean, standardError: e.standardError })),
      references: [
        { key: 'evidence', value: results.logEvidence, label: s('ref.evidence') },
        { key: 'elbo', value: results.elbo, label: s('ref.elbo') },
      ],
      marker: { k, mean: bound.mean, standardError: bound.standardError },
    });
    out('evidence').textContent = formatValue(results.logEvidence);
    out('elbo').textContent = formatValue(results.elbo);
    out('bound').textContent = formatEstimate(strings, bound.mean, bound.standardError);
    out('gap').textContent = formatValue(results.logEvidence - bound.mean);
    out('q-value').textContent = s('qValue', { m: formatNumber(results.q.mu, 3), s: formatNumber(results.q.sigma, 3) });
    out('toy-note').textContent = s('toyNote', { n: TOY_SAMPLES });
    Object.assign(toyPanel.dataset, {
      k: String(k),
      bound: String(bound.mean),
      se: String(bound.standardError),
      logPx: String(results.logEvidence),
      elbo: String(results.elbo),
    });
    // Published state (value + input event): what the toy panel shows, and how its seeded curve
    // is drawn, so that the chapter's figure task can recompute it with the maths library.
    (root as HTMLElement & { value?: unknown }).value = {
      model: toy.model,
      x: toy.x,
      proposal: toy.q,
      q: results.q,
      k,
      kSteps: K_STEPS,
      kMax: K_MAX,
      samples: TOY_SAMPLES,
      seed: TOY_SEED,
    };
    root.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const scheduleToy = (recompute: boolean) => {
    if (recompute) results = computeToy(toy);
    if (frame === 0) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        renderToy();
      });
    }
  };

  const setK = () => {
    k = kAtIndex(Number(kInput.value));
    kInput.setAttribute('aria-valuetext', s('kValue', { k }));
    out('k').textContent = String(k);
    root.dataset['k'] = String(k);
    scheduleToy(false);
    vaePanel?.setK(k);
  };

  on(kInput, 'input', setK);
  on(modelSelect, 'change', () => {
    toy = { ...toy, model: parseModel(modelSelect.value, toy.model) };
    scheduleToy(true);
  });
  on(qSelect, 'change', () => {
    toy = { ...toy, q: parseQ(qSelect.value, toy.q) };
    scheduleToy(true);
  });
  on(xInput, 'input', () => {
    toy = { ...toy, x: clampX(xInput.value, toy.x) };
    out('x').textContent = toy.x.toFixed(2);
    scheduleToy(true);
  });

  out('x').textContent = toy.x.toFixed(2);
  required<HTMLElement>(root, '[data-ui]').hidden = false;
  setK();
  if (frame !== 0) cancelAnimationFrame(frame);
  frame = 0;
  renderToy();
  root.dataset['ready'] = 'true';

  // The VAE panel: TensorFlow.js, the model and MNIST are fetched only now.
  const openVaePanel = () =>
    import('./vae-panel.ts')
      .then(({ mountVaePanel }) => {
        if (closed) return;
        vaePanel = mountVaePanel(required<HTMLElement>(root, '[data-panel="vae"]'), strings, k);
      })
      .catch((error: unknown) => {
        if (closed) return;
        showLoadFailure(out('vae-status'), error, {
          label: 'IWAE figure',
          strings,
          failed: (reason) => s('failed', { reason }),
          retry: () => void openVaePanel(),
        });
      });
  void openVaePanel();

  return {
    teardown() {
      closed = true;
      listeners.abort();
      cancelAnimationFrame(frame);
      vaePanel?.teardown();
      delete root.dataset['ready'];
    },
  };
}
