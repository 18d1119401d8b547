/**
 * The Jensen explorer's behaviour: keeps the points and weights in a clamped state, computes
 * both sides of Jensen's inequality through `src/lib/math/jensen`, draws, and keeps the URL in
 * step. Dragging, keyboard moves, adding and removing points on the graph are the shared
 * draggable-points helper's; this module only hears about the results.
 */
import { type JensenLog, jensenLog } from '~/lib/math/jensen';
import type { PointChange } from '~/lib/plot/draggable-points';
import { formatValue } from '../format';
import { jensenChart } from './chart';
import { type RowStrings, renderRows } from './rows';
import { clampPoint, clampWeight, INITIAL_STATE, type JensenState, MAX_POINTS, MIN_POINTS, newPointPosition, normalizeState, parseState, serializeState, withPoints } from './state';
import { required, widgetStrings } from '../dom';
import { urlStateWriter } from '../url-state';


/** Both sides of the inequality for a state (pure; the widget shows exactly these numbers). */
export function computeJensen(state: JensenState): JensenLog {
  return jensenLog([...state.xs], [...state.ws]);
}

/** Mounts the widget on server-rendered markup; returns the teardown. */
export function mountJensenExplorer(root: HTMLElement & { value?: JensenState }): () => void {
  const prefix = root.dataset['prefix'] ?? 'jensen-';
  const strings = widgetStrings<RowStrings>(root);
  const listeners = new AbortController();
  const { signal } = listeners;
  let state = parseState(new URLSearchParams(window.location.search), prefix);
  let frame = 0;
  const url = urlStateWriter((search) => serializeState(state, search, prefix));

  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);
  const addButton = required<HTMLButtonElement>(root, '[data-action="add"]');
  const body = required<HTMLTableSectionElement>(root, 'tbody[data-rows]');

  const update = (next: JensenState, fromControl: boolean) => {
    state = normalizeState({ xs: next.xs, ws: next.ws });
    root.value = state;
    if (!fromControl) root.dispatchEvent(new Event('input', { bubbles: true }));
    if (frame === 0) frame = requestAnimationFrame(render);
    url.schedule();
  };

  const chart = jensenChart(required<SVGSVGElement>(root, '[data-plot]'), {
    label: (i) => strings.point.replace('{i}', String(i + 1)),
    onChange: (xs: number[], change: PointChange) => update(withPoints(state, xs, change), false),
  });

  const rowBuild = {
    strings,
    signal,
    handlers: {
      setPoint: (i: number, raw: string) => {
        update({ xs: state.xs.map((x, j) => (j === i ? clampPoint(raw, x) : x)), ws: state.ws }, true);
        return state.xs[i] ?? 0;
      },
      setWeight: (i: number, raw: string) => {
        update({ xs: state.xs, ws: state.ws.map((w, j) => (j === i ? clampWeight(raw, w) : w)) }, true);
        return state.ws[i] ?? 0;
      },
      remove: (i: number) => {
        if (state.xs.length <= MIN_POINTS) return;
        update(withPoints(state, state.xs.filter((_, j) => j !== i), { kind: 'remove', index: i }), false);
        // The row under the pointer is gone: keep keyboard users on the list.
        requestAnimationFrame(() => body.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus());
      },
    },
  };

  function render() {
    frame = 0;
    const result = computeJensen(state);
    chart.update(state.xs, result);
    renderRows(body, state.xs, state.ws, result.weights, state.xs.length > MIN_POINTS, rowBuild);
    addButton.disabled = state.xs.length >= MAX_POINTS;
    out('mean').textContent = formatValue(result.mean);
    out('log-of-mean').textContent = formatValue(result.logOfMean);
    out('mean-of-log').textContent = formatValue(result.meanOfLog);
    out('gap').textContent = formatValue(result.gap);
  }

  addButton.addEventListener(
    'click',
    () => {
      if (state.xs.length >= MAX_POINTS) return;
      const xs = [...state.xs, newPointPosition(state.xs)];
      update(withPoints(state, xs, { kind: 'add', index: xs.length - 1 }), false);
    },
    { signal },
  );
  required<HTMLButtonElement>(root, '[data-action="equal"]').addEventListener(
    'click',
    () => update({ xs: state.xs, ws: state.ws.map(() => INITIAL_STATE.ws[0] ?? 0.5) }, false),
    { signal },
  );

  root.value = state;
  required<HTMLElement>(root, '[data-ui]').hidden = false;
  render();
  root.dataset['ready'] = 'true';

  return () => {
    listeners.abort();
    cancelAnimationFrame(frame);
    url.cancel();
    chart.destroy();
    delete root.dataset['ready'];
  };
}
