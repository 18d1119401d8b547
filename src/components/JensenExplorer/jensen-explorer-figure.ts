/**
 * The Jensen explorer's maths call and drawing: both sides of Jensen's inequality through
 * `src/lib/math/jensen`, the graph and the table of points. Dragging, keyboard moves, adding and
 * removing points on the graph are the shared draggable-points helper's; the state, the URL and
 * the redraw loop are `mountFigure`'s; this module only hears about the results.
 */
import { type JensenLog, jensenLog } from '../../lib/math/jensen.ts';
import type { PointChange } from '../../lib/plot/draggable-points.ts';
import { formatValue } from '../format.ts';
import { jensenChart } from './chart.ts';
import { type RowStrings, renderRows } from './rows.ts';
import {
  clampPoint,
  clampWeight,
  INITIAL_STATE,
  type JensenState,
  MAX_POINTS,
  MIN_POINTS,
  newPointPosition,
  normalizeState,
  parseState,
  serializeState,
  withPoints,
} from './state.ts';
import { required, widgetStrings } from '../dom.ts';
import { mountFigure } from '../figure/mount-figure.ts';

/** Both sides of the inequality for a state (pure; the widget shows exactly these numbers). */
export function computeJensen(state: JensenState): JensenLog {
  return jensenLog([...state.xs], [...state.ws]);
}

/** Mounts the widget on server-rendered markup; returns the teardown. */
export function mountJensenExplorer(root: HTMLElement): () => void {
  return mountFigure<JensenState>(root, {
    url: { read: parseState, write: serializeState },
    clamp: normalizeState,
    setup(figure) {
      const strings = widgetStrings<RowStrings>(root);
      const addButton = required<HTMLButtonElement>(root, '[data-action="add"]');
      const body = required<HTMLTableSectionElement>(root, 'tbody[data-rows]');

      /** Applies a change; the graph and the buttons announce theirs, the table's fields bubble their own. */
      const update = (next: JensenState, fromControl: boolean) => {
        figure.update(next);
        figure.publish(figure.state, !fromControl);
      };

      const chart = jensenChart(required<SVGSVGElement>(root, '[data-plot]'), {
        label: (i) => strings.point.replace('{i}', String(i + 1)),
        onChange: (xs: number[], change: PointChange) => update(withPoints(figure.state, xs, change), false),
      });

      const rowBuild = {
        strings,
        signal: figure.signal,
        handlers: {
          setPoint: (i: number, raw: string) => {
            const { xs, ws } = figure.state;
            update({ xs: xs.map((x, j) => (j === i ? clampPoint(raw, x) : x)), ws }, true);
            return figure.state.xs[i] ?? 0;
          },
          setWeight: (i: number, raw: string) => {
            const { xs, ws } = figure.state;
            update({ xs, ws: ws.map((w, j) => (j === i ? clampWeight(raw, w) : w)) }, true);
            return figure.state.ws[i] ?? 0;
          },
          remove: (i: number) => {
            const { xs } = figure.state;
            if (xs.length <= MIN_POINTS) return;
            update(
              withPoints(
                figure.state,
                xs.filter((_, j) => j !== i),
                { kind: 'remove', index: i },
              ),
              false,
            );
            // The row under the pointer is gone: keep keyboard users on the list.
            requestAnimationFrame(() => body.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus());
          },
        },
      };

      figure.actions({
        add: () => {
          if (figure.state.xs.length >= MAX_POINTS) return;
          const xs = [...figure.state.xs, newPointPosition(figure.state.xs)];
          update(withPoints(figure.state, xs, { kind: 'add', index: xs.length - 1 }), false);
        },
        equal: () => update({ xs: figure.state.xs, ws: figure.state.ws.map(() => INITIAL_STATE.ws[0] ?? 0.5) }, false),
      });
      figure.publish(figure.state, false);

      return {
        render(state) {
          const result = computeJensen(state);
          chart.update(state.xs, result);
          renderRows(body, state.xs, state.ws, result.weights, state.xs.length > MIN_POINTS, rowBuild);
          addButton.disabled = state.xs.length >= MAX_POINTS;
          figure.show({
            mean: formatValue(result.mean),
            'log-of-mean': formatValue(result.logOfMean),
            'mean-of-log': formatValue(result.meanOfLog),
            gap: formatValue(result.gap),
          });
        },
        teardown: () => chart.destroy(),
      };
    },
  });
}
