/**
 * The ELBO-gap figure's behaviour: reads the controls into a clamped state, computes everything
 * through `src/lib/math` (via `results.ts`), draws, keeps the URL in step, and runs the
 * best-Gaussian button with a short animation of q sliding into place. No math here.
 */
import { bestGaussian } from '~/lib/math/latent-models';
import { lineChart } from '~/lib/plot/line-chart';
import { formatValue } from '../format';
import { computeResults, modelOf } from './results';
import { clampParam, type ElboGapState, formatParam, interpolateQ, INITIAL_STATE, PARAM_NAMES, type ParamName, parseModel, parseState, serializeState } from './state';
import { renderBars } from './view';
import { required, showValue, widgetStrings } from '../dom';
import { urlStateWriter } from '../url-state';

const ANIMATION_MS = 700;

interface Strings {
  bestStatus: string;
  densityAxis: string;
}

/** Mounts the widget on server-rendered markup; returns the teardown. */
export function mountElboGap(root: HTMLElement & { value?: ElboGapState }): () => void {
  const prefix = root.dataset['prefix'] ?? '';
  const strings = widgetStrings<Strings>(root);
  const listeners = new AbortController();
  const on = (target: EventTarget, type: string, handler: (event: Event) => void) =>
    target.addEventListener(type, handler, { signal: listeners.signal });

  let state: ElboGapState = parseState(new URLSearchParams(window.location.search), prefix);
  const chart = lineChart(required<SVGSVGElement>(root, '[data-plot]'), { xLabel: 'z', yLabel: strings.densityAxis, fill: true });
  const modelSelect = required<HTMLSelectElement>(root, 'select[data-param="model"]');
  const status = required<HTMLElement>(root, '[data-out="status"]');
  let frame = 0;
  let animation = 0;

  const inputs = (name: ParamName) => root.querySelectorAll<HTMLInputElement>(`input[data-param="${name}"]`);

  const render = () => {
    frame = 0;
    modelSelect.value = state.model;
    for (const name of PARAM_NAMES) {
      for (const input of inputs(name)) showValue(input, input.type === 'range' ? String(state[name]) : formatParam(state[name]));
    }
    const results = computeResults(state);
    const { z, prior, posterior, q } = results.curves;
    chart.update([
      { key: 'prior', x: z, y: prior },
      { key: 'posterior', x: z, y: posterior },
      { key: 'q', x: z, y: q },
    ]);
    renderBars(root, results);
  };

  const url = urlStateWriter((search) => serializeState(state, search, prefix));

  /** Applies a change. `fromControl` is false for buttons and animation frames, which announce themselves. */
  const update = (patch: Partial<ElboGapState>, fromControl: boolean) => {
    const next = { ...state, ...patch };
    for (const name of PARAM_NAMES) next[name] = clampParam(name, next[name], state[name]);
    state = next;
    root.value = state;
    // A stale "best Gaussian" message must not outlive the q it describes.
    if (fromControl) status.textContent = '';
    if (!fromControl) root.dispatchEvent(new Event('input', { bubbles: true }));
    if (frame === 0) frame = requestAnimationFrame(render);
    url.schedule();
  };

  const stopAnimation = () => {
    cancelAnimationFrame(animation);
    animation = 0;
  };

  /** Slides q to the best Gaussian, then states the remaining gap. */
  const fitBest = () => {
    stopAnimation();
    const best = bestGaussian(modelOf(state), state.x, { mu: state.m, sigma: state.s });
    const target = { m: clampParam('m', best.q.mu), s: clampParam('s', best.q.sigma) };
    const announce = () => {
      const gap = computeResults(state).decomposition.gap;
      status.textContent = strings.bestStatus
        .replace('{m}', target.m.toFixed(3))
        .replace('{s}', target.s.toFixed(3))
        .replace('{gap}', formatValue(gap));
    };
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      update(target, false);
      announce();
      return;
    }
    const from = { m: state.m, s: state.s };
    const start = performance.now();
    const step = (now: number) => {
      const t = (now - start) / ANIMATION_MS;
      update(interpolateQ(from, target, t), false);
      if (t < 1) {
        animation = requestAnimationFrame(step);
      } else {
        animation = 0;
        announce();
      }
    };
    animation = requestAnimationFrame(step);
  };

  for (const element of root.querySelectorAll<HTMLInputElement>('input[data-param]')) {
    const name = element.dataset['param'] as ParamName;
    if (element.type === 'range') {
      on(element, 'input', () => {
        stopAnimation();
        update({ [name]: Number(element.value) }, true);
      });
    } else {
      // Number fields commit on Enter, blur or a spin step; invalid text reverts to the last value.
      on(element, 'change', () => {
        stopAnimation();
        update({ [name]: clampParam(name, element.value, state[name]) }, true);
        element.value = formatParam(state[name]);
      });
    }
  }
  on(modelSelect, 'change', () => {
    stopAnimation();
    update({ model: parseModel(modelSelect.value, state.model) }, true);
  });
  on(required(root, '[data-action="best"]'), 'click', fitBest);
  on(required(root, '[data-action="reset"]'), 'click', () => {
    stopAnimation();
    status.textContent = '';
    update({ m: INITIAL_STATE.m, s: INITIAL_STATE.s }, false);
  });

  root.value = state;
  required<HTMLElement>(root, '[data-ui]').hidden = false;
  render();
  root.dataset['ready'] = 'true';

  return () => {
    listeners.abort();
    cancelAnimationFrame(frame);
    stopAnimation();
    url.cancel();
    delete root.dataset['ready'];
  };
}
