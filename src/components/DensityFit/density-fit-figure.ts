/**
 * The density-fit widget's maths call and drawing: the density and the log-likelihoods through
 * `./state` (which calls `src/lib/math/mixture`), the chart with its draggable data points, and
 * the readout. The state, the controls, the URL and the redraw loop are `mountFigure`'s.
 */
import { componentPdf, mixturePdf } from '../../lib/math/mixture.ts';
import { figureDensityChart, type Curve } from './density-chart.ts';
import { formatNumber } from '../format.ts';
import { DEFAULT_POINTS, DOMAIN, type DensityFitState, fitParams, logLikelihoodOf, mixtureOf, parseState, serializeState, URL_PARAMS } from './state.ts';
import { widgetStrings } from '../dom.ts';
import { bindParamControls, mountFigure } from '../figure/mount-figure.ts';

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
export function mountDensityFit(root: HTMLElement): () => void {
  return mountFigure<DensityFitState>(root, {
    url: { read: parseState, write: serializeState },
    setup(figure) {
      const strings = widgetStrings<{ point: string; density: string; data: string }>(root);
      const chart = figureDensityChart(root, strings, figure.state.points, {
        newPoint: (xs) => (xs.length > 0 ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : 0),
        onChange: (xs) => figure.update({ points: xs }),
      });

      // The controls see the state flat: the model choice and the parameters side by side.
      const showControls = bindParamControls(figure, URL_PARAMS, {
        values: () => ({ ...figure.state.params, model: figure.state.model, points: figure.state.points }),
        change: ({ model, points: _, ...params }) => figure.update({ model: model ?? figure.state.model, params: { ...figure.state.params, ...params } }),
      });
      figure.actions({
        fit: () => figure.update({ params: fitParams(figure.state) }),
        add: () => chart.points.add(),
        remove: () => chart.points.remove(),
        reset: () => {
          chart.points.update(DEFAULT_POINTS);
          figure.update({ points: DEFAULT_POINTS });
        },
      });

      return {
        render(state) {
          showControls({ ...state.params, model: state.model, points: state.points });
          for (const fieldset of root.querySelectorAll<HTMLFieldSetElement>('fieldset[data-model]'))
            fieldset.hidden = fieldset.dataset['model'] !== state.model;
          const mixture = mixtureOf(state.model, state.params);
          chart.update(curves(state), { x: [...state.points], height: state.points.map((x) => mixturePdf(x, mixture)) });
          const logLikelihood = logLikelihoodOf(state);
          figure.show({
            loglik: formatNumber(logLikelihood),
            'loglik-fit': formatNumber(logLikelihoodOf({ ...state, params: fitParams(state) })),
            n: String(state.points.length),
          });
          figure.publish({ ...state, logLikelihood } satisfies DensityFitValue);
        },
        teardown: () => chart.destroy(),
      };
    },
  });
}
