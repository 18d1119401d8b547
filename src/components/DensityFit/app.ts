/**
 * The density-fit widget's behaviour: reads the controls and the draggable points into a
 * clamped state, computes the density and the log-likelihoods through `./state` (which calls
 * `src/lib/math/mixture`), draws, and keeps the URL in step. No math is done here.
 */
import { componentPdf, mixturePdf } from '~/lib/math/mixture';
import { draggablePoints1D } from '~/lib/plot/draggable-points';
import { chartWidth, dataPointRow, densityChart, type Curve } from './density-chart';
import { formatNumber } from '../format';
import {
  clampParam,
  DEFAULT_POINTS,
  DOMAIN,
  type DensityFitState,
  fitParams,
  formatParam,
  logLikelihoodOf,
  mixtureOf,
  type Model,
  PARAM_NAMES,
  type ParamName,
  parseState,
  serializeState,
} from './state';
import { required, showValue, widgetStrings } from '../dom';
import { urlStateWriter } from '../url-state';

const GRID_POINTS = 401;
const GRID = Float64Array.from({ length: GRID_POINTS }, (_, i) => DOMAIN[0] + ((DOMAIN[1] - DOMAIN[0]) * i) / (GRID_POINTS - 1));

/** What the widget publishes as `element.value` (with an `input` event) after every change. */
export interface DensityFitValue extends DensityFitState {
  /** Average log-likelihood of the points under the current density, in nats per point. */
  readonly logLikelihood: number;
}

/** The curves to draw: the model density, and for the mixture its two weighted components. */
function curves(state: DensityFitState): Curve[] {
  const mixture = mixtureOf(state.model, state.params);
  const result: Curve[] = [{ key: 'model', x: GRID, y: GRID.map((x) => mixturePdf(x, mixture)), fill: true }];
  if (state.model === 'mixture') {
    mixture.forEach((c, k) => result.push({ key: `c${k + 1}`, x: GRID, y: GRID.map((x) => componentPdf(x, c)) }));
  }
  return result;
}

/** Mounts the widget on its server-rendered markup; returns the teardown. */
export function mountDensityFit(root: HTMLElement & { value?: DensityFitValue }): () => void {
  const prefix = root.dataset['prefix'] ?? '';
  const strings = widgetStrings<{ point: string; density: string; data: string }>(root);
  const listeners = new AbortController();
  const on = (target: EventTarget, type: string, handler: (event: Event) => void) => target.addEventListener(type, handler, { signal: listeners.signal });

  let state = parseState(new URLSearchParams(window.location.search), prefix);
  let frame = 0;
  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);
  const chart = densityChart(required<SVGSVGElement>(root, '[data-plot]'), { domain: DOMAIN, width: chartWidth(root), xLabel: 'x', yLabel: strings.density, dataLabel: strings.data });

  const scheduleRender = () => {
    if (frame === 0) frame = requestAnimationFrame(render);
  };
  const url = urlStateWriter((search) => serializeState(state, search, prefix));
  const update = (patch: Partial<DensityFitState>) => {
    state = { ...state, ...patch };
    scheduleRender();
    url.schedule();
  };

  const points = draggablePoints1D(chart.pointsLayer, state.points, {
    ...dataPointRow(chart, strings.point),
    newPoint: (xs) => (xs.length > 0 ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : 0),
    onChange: (xs) => update({ points: xs }),
  });

  const render = () => {
    frame = 0;
    for (const radio of root.querySelectorAll<HTMLInputElement>('input[type="radio"]')) radio.checked = radio.value === state.model;
    for (const fieldset of root.querySelectorAll<HTMLFieldSetElement>('fieldset[data-model]')) fieldset.hidden = fieldset.dataset['model'] !== state.model;
    for (const name of PARAM_NAMES) {
      for (const input of root.querySelectorAll<HTMLInputElement>(`input[data-param="${name}"]`)) {
        showValue(input, formatParam(name, state.params[name]));
      }
    }
    const mixture = mixtureOf(state.model, state.params);
    chart.update(curves(state), { x: [...state.points], height: state.points.map((x) => mixturePdf(x, mixture)) });
    const logLikelihood = logLikelihoodOf(state);
    out('loglik').textContent = formatNumber(logLikelihood);
    out('loglik-fit').textContent = formatNumber(logLikelihoodOf({ ...state, params: fitParams(state) }));
    out('n').textContent = String(state.points.length);
    root.value = { ...state, logLikelihood };
    root.dispatchEvent(new Event('input', { bubbles: true }));
  };

  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-param]')) {
    const name = input.dataset['param'] as ParamName;
    if (input.type === 'range') {
      on(input, 'input', () => update({ params: { ...state.params, [name]: clampParam(name, input.value, state.params[name]) } }));
    } else {
      // Number fields commit on Enter, blur or a spin step; invalid text reverts to the last value.
      on(input, 'change', () => {
        update({ params: { ...state.params, [name]: clampParam(name, input.value, state.params[name]) } });
        input.value = formatParam(name, state.params[name]);
      });
    }
  }
  for (const radio of root.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
    on(radio, 'change', () => {
      if (radio.checked) update({ model: radio.value as Model });
    });
  }

  const actions: Record<string, () => void> = {
    fit: () => update({ params: fitParams(state) }),
    add: () => points.add(),
    remove: () => points.remove(),
    reset: () => {
      points.update(DEFAULT_POINTS);
      update({ points: DEFAULT_POINTS });
    },
  };
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
    const action = actions[button.dataset['action'] ?? ''];
    if (action) on(button, 'click', action);
  }

  required<HTMLElement>(root, '[data-ui]').hidden = false;
  render();
  root.dataset['ready'] = 'true';

  return () => {
    listeners.abort();
    points.destroy();
    cancelAnimationFrame(frame);
    url.cancel();
  };
}
