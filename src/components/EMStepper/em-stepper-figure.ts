/**
 * The EM stepper's drawing: buttons and draggable points call the pure transitions of `./state`,
 * and every state is drawn (density, points coloured by q, history chart, numbers). The URL
 * (points, K, seed), the redraw loop and the listeners are `mountFigure`'s. No math is done here.
 */
import { componentPdf, mixturePdf } from '../../lib/math/mixture.ts';
import { type Curve, figureDensityChart } from '../DensityFit/density-chart.ts';
import { formatNumber } from '../format.ts';
import { historyChart } from './history-chart.ts';
import {
  applyEStep,
  applyMStep,
  applyNextHalfStep,
  DEFAULT_POINTS,
  DOMAIN,
  type EMState,
  initEM,
  isConverged,
  mixColor,
  parseSettings,
  reseed,
  serializeSettings,
  SETTINGS,
  withPoints,
} from './state.ts';
import { required, widgetStrings } from '../dom.ts';
import { bindParamControls, mountFigure } from '../figure/mount-figure.ts';

const GRID_POINTS = 401;
/** A run stops after this many half steps even if not converged (it never takes that long here). */
const MAX_RUN_HALF_STEPS = 1000;
const GRID = Float64Array.from({ length: GRID_POINTS }, (_, i) => DOMAIN[0] + ((DOMAIN[1] - DOMAIN[0]) * i) / (GRID_POINTS - 1));
const COLORS = ['var(--em-c1)', 'var(--em-c2)', 'var(--em-c3)'];

interface Strings {
  point: string;
  density: string;
  data: string;
  halfStep: string;
  nats: string;
  run: string;
  stop: string;
  status: Record<'init' | 'E' | 'M' | 'data' | 'converged', string>;
}

/** What the widget publishes as `element.value` (with an `input` event) after every change. */
export interface EMStepperValue {
  readonly state: EMState;
  readonly logLikelihood: number;
  readonly elbo: number;
}

function curves(state: EMState): Curve[] {
  return [
    { key: 'model', x: GRID, y: GRID.map((x) => mixturePdf(x, state.mixture)), fill: true },
    ...state.mixture.map((c, k) => ({ key: `c${k + 1}`, x: GRID, y: GRID.map((x) => componentPdf(x, c)) })),
  ];
}

/** Mounts the widget on its server-rendered markup; returns the teardown. */
export function mountEMStepper(root: HTMLElement): () => void {
  return mountFigure<EMState>(root, {
    url: { read: (search, prefix) => initEM(parseSettings(search, prefix)), write: serializeSettings },
    setup(figure) {
      const strings = widgetStrings<Strings>(root);
      const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
      let runFrame = 0;
      const runButton = required<HTMLButtonElement>(root, 'button[data-action="run"]');
      const historyPlot = historyChart(required<SVGSVGElement>(root, '[data-history]'), { x: strings.halfStep, y: strings.nats });

      /** Replaces the state and schedules a redraw; `settingsChanged` also updates the URL. */
      const set = (next: EMState, settingsChanged = false) => figure.set(next, { url: settingsChanged });
      const stopRun = () => {
        cancelAnimationFrame(runFrame);
        runFrame = 0;
      };

      const chart = figureDensityChart(root, strings, figure.state.points, {
        decorate: (g, i) => g.style.setProperty('--em-point', mixColor(figure.state.q[i] ?? [], COLORS)),
        onChange: (xs, change) => {
          stopRun();
          set(withPoints(figure.state, xs, change), true);
        },
      });

      /** Runs half steps, one per animation frame (all at once for reduced motion), until converged. */
      const startRun = () => {
        let budget = MAX_RUN_HALF_STEPS;
        const tick = () => {
          runFrame = 0;
          let next = figure.state;
          do {
            next = applyNextHalfStep(next);
            budget -= 1;
          } while (reducedMotion.matches && budget > 0 && !isConverged(next));
          if (budget > 0 && !isConverged(next)) runFrame = requestAnimationFrame(tick);
          set(next);
        };
        runFrame = requestAnimationFrame(tick);
        set(figure.state);
      };

      const actions: Record<string, () => void> = {
        'e-step': () => set(applyEStep(figure.state)),
        'm-step': () => set(applyMStep(figure.state)),
        run: () => {
          if (runFrame === 0) return startRun();
          stopRun();
          set(figure.state);
        },
        reseed: () => set(reseed(figure.state), true),
        add: () => chart.points.add(),
        remove: () => chart.points.remove(),
        reset: () => set(initEM({ points: DEFAULT_POINTS, k: figure.state.k, seed: figure.state.seed }), true),
      };
      // Any button but Run stops a run first.
      const stoppingFirst = (action: () => void) => () => {
        stopRun();
        action();
      };
      figure.actions(Object.fromEntries(Object.entries(actions).map(([name, action]) => [name, name === 'run' ? action : stoppingFirst(action)])));
      const showControls = bindParamControls(figure, SETTINGS, {
        values: () => figure.state,
        change: ({ k = figure.state.k }) => {
          stopRun();
          set(initEM({ points: figure.state.points, k, seed: figure.state.seed }), true);
        },
      });

      return {
        render(state) {
          chart.points.update(state.points); // re-colours the points by the current q
          showControls(state);
          chart.update(curves(state), { x: [...state.points], height: state.points.map((x) => mixturePdf(x, state.mixture)) });
          historyPlot.update(state.history);
          const last = state.history.at(-1);
          const logLikelihood = last?.logLikelihood ?? Number.NaN;
          const elbo = last?.elbo ?? Number.NaN;
          figure.show({
            loglik: formatNumber(logLikelihood),
            elbo: formatNumber(elbo),
            // The gap is D_KL(q ‖ p(z|x)) per point; it is never negative, so a rounding residue shows as 0.
            gap: formatNumber(Math.max(0, logLikelihood - elbo)),
            steps: String(last?.step ?? 0),
            status: isConverged(state) ? strings.status.converged : strings.status[last?.kind ?? 'init'],
          });
          for (const row of root.querySelectorAll<HTMLTableRowElement>('tr[data-component]')) {
            const k = Number(row.dataset['component']);
            const c = state.mixture[k - 1];
            row.hidden = c === undefined;
            figure.show({
              [`pi-${k}`]: c ? formatNumber(c.weight, 3) : '',
              [`mu-${k}`]: c ? formatNumber(c.mu, 3) : '',
              [`sigma-${k}`]: c ? formatNumber(c.sigma, 3) : '',
            });
          }
          runButton.textContent = runFrame === 0 ? strings.run : strings.stop;
          figure.publish({ state, logLikelihood, elbo } satisfies EMStepperValue);
        },
        teardown: () => {
          stopRun();
          chart.destroy();
        },
      };
    },
  });
}
