/**
 * The gradient-estimator figure's maths call and drawing: everything through `results.ts` (which
 * calls `src/lib/math/gradient-estimators`), the histograms, the table, and the shown figures
 * published as data attributes of the root for tests. The state, the controls, the URL and the
 * redraw loop are `mountFigure`'s.
 */
import { formatString } from '../../i18n/index.ts';
import { formatNumber } from '../format.ts';
import { required, widgetStrings } from '../dom.ts';
import { bindParamControls, mountFigure } from '../figure/mount-figure.ts';
import { tableState } from '../figure/params.ts';
import { histogramChart } from './chart.ts';
import { formatSignificant } from './format.ts';
import { computeResults, figureNoise, type GradEstResults, KINDS, varianceRatio } from './results.ts';
import { ESTIMATES, type GradEstState, nextSeed, PARAMS } from './state.ts';

type Strings = Record<string, string>;

/** Mounts the widget on server-rendered markup; returns the teardown. */
export function mountGradientEstimators(root: HTMLElement): () => void {
  return mountFigure<GradEstState>(root, {
    ...tableState(PARAMS),
    setup(figure) {
      const strings = widgetStrings<Strings>(root);
      const s = (key: string, values: Record<string, string | number> = {}) => formatString(strings[`gradEst.${key}`], values);
      const chart = histogramChart(required<SVGSVGElement>(root, '[data-plot]'), {
        titles: { score: s('score'), pathwise: s('pathwise') },
        xLabel: s('xLabel'),
        yLabel: s('yLabel'),
        exactLabel: s('exactLabel'),
      });

      /** The state and every shown figure, at full precision, for tests and other scripts. */
      const publish = (state: GradEstState, r: GradEstResults) => {
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

      const showTable = (state: GradEstState, r: GradEstResults) => {
        for (const kind of KINDS) {
          figure.show({
            [`mean-${kind}`]: formatSignificant(r.summary[kind].mean),
            [`variance-${kind}`]: formatSignificant(r.summary[kind].variance),
            [`exact-variance-${kind}`]: formatSignificant(r.exactVariance[kind]),
          });
        }
        const ratio = varianceRatio(r.summary.score.variance, r.summary.pathwise.variance);
        const param = state.param === 'mu' ? '∂/∂μ' : '∂/∂σ';
        const values = {
          param,
          exact: formatSignificant(r.exact),
          score: formatSignificant(r.summary.score.variance),
          pathwise: formatSignificant(r.summary.pathwise.variance),
          ratio: formatSignificant(ratio),
        };
        const notes = [];
        if (state.fn === 'step') notes.push(s('biased', { exact: formatNumber(r.exact) }));
        if (r.outside > 0) notes.push(s('outside', { count: r.outside, total: (2 * ESTIMATES).toLocaleString('en') }));
        figure.show({
          ratio: values.ratio,
          'exact-ratio': formatSignificant(varianceRatio(r.exactVariance.score, r.exactVariance.pathwise)),
          exact: values.exact,
          caption: s('caption', { count: ESTIMATES.toLocaleString('en'), n: state.n }),
          summary: s(Number.isFinite(ratio) ? 'summary' : 'summaryZero', values),
          note: notes.join(' '),
        });
      };

      const update = (patch: Partial<GradEstState>) => {
        figure.update(patch);
        figure.publish(figure.state, false);
      };
      const showControls = bindParamControls(figure, PARAMS, { values: () => figure.state, change: update });
      figure.actions({ draw: () => update({ seed: nextSeed(figure.state.seed) }) });
      figure.publish(figure.state, false);

      /** The noise for the current seed and N, drawn again only when one of them changes. */
      let noise = { seed: figure.state.seed, n: figure.state.n, values: figureNoise(figure.state.seed, figure.state.n) };

      return {
        render(state) {
          showControls(state);
          if (noise.seed !== state.seed || noise.n !== state.n) {
            noise = { seed: state.seed, n: state.n, values: figureNoise(state.seed, state.n) };
          }
          const r = computeResults(state, noise.values);
          chart.update(r.domain, r.histograms, r.exact);
          publish(state, r);
          showTable(state, r);
        },
      };
    },
  });
}
