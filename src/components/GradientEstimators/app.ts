/**
 * The gradient-estimator figure's behaviour: reads the controls into a clamped state, computes
 * everything through `results.ts` (which calls `src/lib/math/gradient-estimators`), draws the
 * histograms, fills the table, keeps the URL in step, and publishes the shown figures as data
 * attributes of the root for tests. No math here.
 */
import { formatString } from '~/i18n';
import { formatNumber } from '../format';
import { required, showValue, widgetStrings } from '../dom';
import { urlStateWriter } from '../url-state';
import { histogramChart } from './chart';
import { formatSignificant } from './format';
import { computeResults, figureNoise, type GradEstResults, KINDS, varianceRatio } from './results';
import {
  clampParam,
  ESTIMATES,
  formatParam,
  type GradEstState,
  nextSeed,
  type NumericName,
  NUMERIC_NAMES,
  parseFn,
  parseParam,
  parseSampleCount,
  parseState,
  serializeState,
} from './state';

type Strings = Record<string, string>;

/** Mounts the widget on server-rendered markup; returns the teardown. */
export function mountGradientEstimators(root: HTMLElement & { value?: GradEstState }): () => void {
  const prefix = root.dataset['prefix'] ?? '';
  const strings = widgetStrings<Strings>(root);
  const s = (key: string, values: Record<string, string | number> = {}) => formatString(strings[`gradEst.${key}`], values);
  const listeners = new AbortController();
  const on = (target: EventTarget, type: string, handler: (event: Event) => void) =>
    target.addEventListener(type, handler, { signal: listeners.signal });

  let state = parseState(new URLSearchParams(window.location.search), prefix);
  const chart = histogramChart(required<SVGSVGElement>(root, '[data-plot]'), {
    titles: { score: s('score'), pathwise: s('pathwise') },
    xLabel: s('xLabel'),
    yLabel: s('yLabel'),
    exactLabel: s('exactLabel'),
  });
  const fnSelect = required<HTMLSelectElement>(root, 'select[data-param="fn"]');
  const nSelect = required<HTMLSelectElement>(root, 'select[data-param="n"]');
  const radios = root.querySelectorAll<HTMLInputElement>('input[data-param="wrt"]');
  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);
  const numericInputs = (name: NumericName) => root.querySelectorAll<HTMLInputElement>(`input[data-param="${name}"]`);
  const url = urlStateWriter((search) => serializeState(state, search, prefix));
  let frame = 0;

  const showControls = () => {
    fnSelect.value = state.fn;
    nSelect.value = String(state.n);
    for (const radio of radios) radio.checked = radio.value === state.param;
    for (const name of NUMERIC_NAMES) {
      for (const input of numericInputs(name)) showValue(input, formatParam(name, state[name]));
    }
  };

  /** The state and every shown figure, at full precision, for tests and other scripts. */
  const publish = (r: GradEstResults) => {
    const data = root.dataset;
    data['fn'] = state.fn;
    data['mu'] = String(state.mu);
    data['sigma'] = String(state.sigma);
    data['param'] = state.param;
    data['n'] = String(state.n);
    data['seed'] = String(state.seed);
    data['estimates'] = String(ESTIMATES);
    data['trueGradient'] = String(r.exact);
    for (const kind of KINDS) {
      const suffix = kind === 'score' ? 'Score' : 'Pathwise';
      data[`mean${suffix}`] = String(r.summary[kind].mean);
      data[`variance${suffix}`] = String(r.summary[kind].variance);
      data[`exactVariance${suffix}`] = String(r.exactVariance[kind]);
    }
    data['outside'] = String(r.outside);
  };

  const showTable = (r: GradEstResults) => {
    for (const kind of KINDS) {
      out(`mean-${kind}`).textContent = formatSignificant(r.summary[kind].mean);
      out(`variance-${kind}`).textContent = formatSignificant(r.summary[kind].variance);
      out(`exact-variance-${kind}`).textContent = formatSignificant(r.exactVariance[kind]);
    }
    const ratio = varianceRatio(r.summary.score.variance, r.summary.pathwise.variance);
    out('ratio').textContent = formatSignificant(ratio);
    out('exact-ratio').textContent = formatSignificant(varianceRatio(r.exactVariance.score, r.exactVariance.pathwise));
    out('exact').textContent = formatSignificant(r.exact);
    out('caption').textContent = s('caption', { count: ESTIMATES.toLocaleString('en'), n: state.n });

    const param = state.param === 'mu' ? '∂/∂μ' : '∂/∂σ';
    const values = {
      param,
      exact: formatSignificant(r.exact),
      score: formatSignificant(r.summary.score.variance),
      pathwise: formatSignificant(r.summary.pathwise.variance),
      ratio: formatSignificant(ratio),
    };
    out('summary').textContent = s(Number.isFinite(ratio) ? 'summary' : 'summaryZero', values);
    const notes = [];
    if (state.fn === 'step') notes.push(s('biased', { exact: formatNumber(r.exact) }));
    if (r.outside > 0) notes.push(s('outside', { count: r.outside, total: (2 * ESTIMATES).toLocaleString('en') }));
    out('note').textContent = notes.join(' ');
  };

  /** The noise for the current seed and N, drawn again only when one of them changes. */
  let noise = { seed: state.seed, n: state.n, values: figureNoise(state.seed, state.n) };

  const render = () => {
    frame = 0;
    showControls();
    if (noise.seed !== state.seed || noise.n !== state.n) {
      noise = { seed: state.seed, n: state.n, values: figureNoise(state.seed, state.n) };
    }
    const r = computeResults(state, noise.values);
    chart.update(r.domain, r.histograms, r.exact);
    publish(r);
    showTable(r);
  };

  const update = (patch: Partial<GradEstState>) => {
    state = { ...state, ...patch };
    root.value = state;
    if (frame === 0) frame = requestAnimationFrame(render);
    url.schedule();
  };

  for (const name of NUMERIC_NAMES) {
    for (const input of numericInputs(name)) {
      if (input.type === 'range') {
        on(input, 'input', () => update({ [name]: clampParam(name, input.value, state[name]) }));
      } else {
        // Number fields commit on Enter, blur or a spin step; invalid text reverts to the last value.
        on(input, 'change', () => {
          update({ [name]: clampParam(name, input.value, state[name]) });
          input.value = formatParam(name, state[name]);
        });
      }
    }
  }
  on(fnSelect, 'change', () => update({ fn: parseFn(fnSelect.value, state.fn) }));
  on(nSelect, 'change', () => update({ n: parseSampleCount(nSelect.value, state.n) }));
  for (const radio of radios) on(radio, 'change', () => radio.checked && update({ param: parseParam(radio.value, state.param) }));
  on(required(root, '[data-action="draw"]'), 'click', () => update({ seed: nextSeed(state.seed) }));

  root.value = state;
  required<HTMLElement>(root, '[data-ui]').hidden = false;
  render();
  root.dataset['ready'] = 'true';

  return () => {
    listeners.abort();
    cancelAnimationFrame(frame);
    url.cancel();
    delete root.dataset['ready'];
  };
}
