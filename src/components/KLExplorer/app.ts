/**
 * The KL explorer's behaviour: reads the controls into a clamped state, computes everything
 * through `src/lib/math`, draws, and keeps the URL in step. All math is in the library; this
 * module only wires inputs to outputs.
 */
import { normalPdf, type Normal1D } from '~/lib/math/gaussian';
import { klNormal, klNormalMonteCarlo, type MonteCarloEstimate } from '~/lib/math/kl';
import { mulberry32 } from '~/lib/math/random';
import { lineChart } from '~/lib/plot/line-chart';
import { formatValue } from '../format';
import { klFormulaTex } from './formula';
import { clampParam, formatParam, type KLState, PARAM_NAMES, type ParamName, parseState, serializeState } from './state';
import { required, showValue, widgetStrings } from '../dom';
import { urlStateWriter } from '../url-state';

const GRID_POINTS = 401;

interface Results {
  p: Normal1D;
  q: Normal1D;
  klPQ: number;
  klQP: number;
  mcPQ: MonteCarloEstimate;
  mcQP: MonteCarloEstimate;
}

/** Everything the widget shows, from the state alone (pure; the Monte Carlo draws are seeded). */
export function computeResults(state: KLState): Results {
  const p = { mu: state.mu1, sigma: state.sigma1 };
  const q = { mu: state.mu2, sigma: state.sigma2 };
  const rng = mulberry32(state.seed);
  return {
    p,
    q,
    klPQ: klNormal(p, q),
    klQP: klNormal(q, p),
    mcPQ: klNormalMonteCarlo(p, q, state.n, rng),
    mcQP: klNormalMonteCarlo(q, p, state.n, rng),
  };
}

/** Density curves of p and q on a shared grid covering ±4 standard deviations of both. */
function densityCurves(p: Normal1D, q: Normal1D) {
  const lo = Math.min(p.mu - 4 * p.sigma, q.mu - 4 * q.sigma);
  const hi = Math.max(p.mu + 4 * p.sigma, q.mu + 4 * q.sigma);
  const x = Float64Array.from({ length: GRID_POINTS }, (_, i) => lo + ((hi - lo) * i) / (GRID_POINTS - 1));
  return { x, yp: x.map((xi) => normalPdf(xi, p)), yq: x.map((xi) => normalPdf(xi, q)) };
}

/** Mounts the widget on server-rendered markup; returns the teardown. */
export function mountKLExplorer(root: HTMLElement): () => void {
  const prefix = root.dataset['prefix'] ?? '';
  const strings = widgetStrings<{ linkCopied: string }>(root);
  const listeners = new AbortController();
  const on = (target: EventTarget, type: string, handler: (event: Event) => void) =>
    target.addEventListener(type, handler, { signal: listeners.signal });

  let state = parseState(new URLSearchParams(window.location.search), prefix);
  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);
  const chart = lineChart(required<SVGSVGElement>(root, '[data-plot]'), { xLabel: 'x', yLabel: 'density', fill: true });
  const nSlider = required<HTMLInputElement>(root, '[data-param="n-log"]');
  let katex: typeof import('katex').default | undefined;
  let results: Results | undefined;
  let frame = 0;
  const url = urlStateWriter((search) => serializeState(state, search, prefix));

  const input = (name: ParamName, type: 'range' | 'number') =>
    root.querySelector<HTMLInputElement>(`input[type="${type}"][data-param="${name}"]`);

  const render = () => {
    frame = 0;
    for (const name of PARAM_NAMES) {
      const text = formatParam(name, state[name]);
      const range = input(name, 'range');
      const number = input(name, 'number');
      if (range) showValue(range, text);
      if (number) showValue(number, text);
    }
    nSlider.value = Math.log10(state.n).toFixed(1);
    nSlider.setAttribute('aria-valuetext', `N = ${state.n}`);

    const r = (results = computeResults(state));
    const curves = densityCurves(r.p, r.q);
    chart.update([
      { key: 'p', x: curves.x, y: curves.yp },
      { key: 'q', x: curves.x, y: curves.yq },
    ]);
    out('kl-pq').textContent = formatValue(r.klPQ);
    out('kl-qp').textContent = formatValue(r.klQP);
    out('mc-pq').textContent = formatValue(r.mcPQ.estimate);
    out('se-pq').textContent = formatValue(r.mcPQ.standardError);
    out('mc-qp').textContent = formatValue(r.mcQP.estimate);
    out('se-qp').textContent = formatValue(r.mcQP.standardError);
    out('n').textContent = String(state.n);
    renderFormulas(r);
    // Published state (value + input event), as the other theory figures do; the chapter's
    // figure task reads it.
    (root as HTMLElement & { value?: KLState }).value = state;
    root.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const renderFormulas = (r: Results) => {
    if (katex === undefined) return;
    const formulas: Array<[string, Normal1D, Normal1D, [string, string], [string, string]]> = [
      ['pq', r.p, r.q, ['p', 'q'], ['1', '2']],
      ['qp', r.q, r.p, ['q', 'p'], ['2', '1']],
    ];
    for (const [key, a, b, names, indices] of formulas) {
      katex.render(klFormulaTex(a, b, names, indices), required(root, `[data-formula="${key}"]`), {
        displayMode: true,
        throwOnError: false,
      });
    }
  };

  const update = (patch: Partial<KLState>) => {
    const next = { ...state };
    for (const [name, value] of Object.entries(patch) as Array<[ParamName, number]>) {
      next[name] = clampParam(name, value, state[name]);
    }
    state = next;
    if (frame === 0) frame = requestAnimationFrame(render);
    url.schedule();
  };

  for (const element of root.querySelectorAll<HTMLInputElement>('input[data-param]')) {
    const name = element.dataset['param'];
    if (name === 'n-log') {
      on(element, 'input', () => update({ n: Math.round(10 ** Number(element.value)) }));
    } else if (element.type === 'range') {
      on(element, 'input', () => update({ [name as ParamName]: Number(element.value) }));
    } else {
      // Number fields commit on Enter, blur or a spin step; invalid text reverts to the last value.
      on(element, 'change', () => {
        update({ [name as ParamName]: clampParam(name as ParamName, element.value, state[name as ParamName]) });
        element.value = formatParam(name as ParamName, state[name as ParamName]);
      });
    }
  }

  const actions: Record<string, () => void> = {
    standard: () => update({ mu2: 0, sigma2: 1 }),
    swap: () => update({ mu1: state.mu2, sigma1: state.sigma2, mu2: state.mu1, sigma2: state.sigma1 }),
    resample: () => update({ seed: (state.seed + 1) % 2 ** 31 }),
    'copy-link': () => {
      const link = url.flush();
      navigator.clipboard?.writeText(link).then(
        () => (out('status').textContent = strings.linkCopied),
        () => (out('status').textContent = link),
      );
    },
  };
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
    const action = actions[button.dataset['action'] ?? ''];
    if (action) on(button, 'click', action);
  }

  required<HTMLElement>(root, '[data-ui]').hidden = false;
  render();
  void import('katex').then(({ default: loaded }) => {
    katex = loaded;
    if (listeners.signal.aborted) return;
    if (results) renderFormulas(results);
    root.dataset['ready'] = 'true';
  });

  return () => {
    listeners.abort();
    cancelAnimationFrame(frame);
    url.cancel();
  };
}
