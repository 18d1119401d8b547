/**
 * The KL explorer's maths call and drawing: both divergences in closed form and by Monte Carlo
 * through `src/lib/math`, the two densities, the readout and the typeset closed form. The state,
 * the controls, the URL and the redraw loop are `mountFigure`'s.
 */
import { normalPdf, type Normal1D } from '../../lib/math/gaussian.ts';
import { klNormal, klNormalMonteCarlo, type MonteCarloEstimate } from '../../lib/math/kl.ts';
import { mulberry32 } from '../../lib/math/random.ts';
import { lineChart } from '../../lib/plot/line-chart.ts';
import { formatValue } from '../format.ts';
import { klFormulaTex } from './formula.ts';
import { type KLState, PARAMS } from './state.ts';
import { required, widgetStrings } from '../dom.ts';
import { bindParamControls, mountFigure } from '../figure/mount-figure.ts';
import { tableState } from '../figure/params.ts';

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
  return mountFigure<KLState>(root, {
    ...tableState(PARAMS),
    setup(figure) {
      const strings = widgetStrings<{ linkCopied: string; densityAxis: string }>(root);
      const chart = lineChart(required<SVGSVGElement>(root, '[data-plot]'), { xLabel: 'x', yLabel: strings.densityAxis, fill: true });
      const nSlider = required<HTMLInputElement>(root, '[data-param="n-log"]');
      let katex: typeof import('katex').default | undefined;
      let results: Results | undefined;

      const renderFormulas = (r: Results) => {
        if (katex === undefined) return;
        const formulas: Array<[string, Normal1D, Normal1D, [string, string], [string, string]]> = [
          ['pq', r.p, r.q, ['p', 'q'], ['1', '2']],
          ['qp', r.q, r.p, ['q', 'p'], ['2', '1']],
        ];
        for (const [key, a, b, names, indices] of formulas) {
          katex.render(klFormulaTex(a, b, names, indices), required(root, `[data-formula="${key}"]`), { displayMode: true, throwOnError: false });
        }
      };

      const showControls = bindParamControls(figure, PARAMS, { values: () => figure.state, change: (patch) => figure.update(patch) });
      // The N slider moves in log₁₀ N.
      figure.on(nSlider, 'input', () => figure.update({ n: Math.round(10 ** Number(nSlider.value)) }));
      figure.actions({
        standard: () => figure.update({ mu2: 0, sigma2: 1 }),
        swap: () => {
          const { mu1, sigma1, mu2, sigma2 } = figure.state;
          figure.update({ mu1: mu2, sigma1: sigma2, mu2: mu1, sigma2: sigma1 });
        },
        resample: () => figure.update({ seed: (figure.state.seed + 1) % 2 ** 31 }),
        'copy-link': () => {
          const link = figure.link();
          navigator.clipboard?.writeText(link).then(
            () => figure.show({ status: strings.linkCopied }),
            () => figure.show({ status: link }),
          );
        },
      });

      return {
        render(state) {
          showControls(state);
          nSlider.value = Math.log10(state.n).toFixed(1);
          nSlider.setAttribute('aria-valuetext', `N = ${state.n}`);
          results = computeResults(state);
          const r = results;
          const curves = densityCurves(r.p, r.q);
          chart.update([
            { key: 'p', x: curves.x, y: curves.yp },
            { key: 'q', x: curves.x, y: curves.yq },
          ]);
          figure.show({
            'kl-pq': formatValue(r.klPQ),
            'kl-qp': formatValue(r.klQP),
            'mc-pq': formatValue(r.mcPQ.estimate),
            'se-pq': formatValue(r.mcPQ.standardError),
            'mc-qp': formatValue(r.mcQP.estimate),
            'se-qp': formatValue(r.mcQP.standardError),
            n: String(state.n),
          });
          renderFormulas(r);
          // Published state (value + input event), as the other theory figures do; the chapter's
          // figure task reads it.
          figure.publish(state);
        },
        // The formulas are typeset once KaTeX has loaded; the figure is ready then.
        ready: import('katex').then(({ default: loaded }) => {
          katex = loaded;
          if (results && !figure.signal.aborted) renderFormulas(results);
        }),
      };
    },
  });
}
