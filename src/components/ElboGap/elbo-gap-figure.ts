/**
 * The ELBO-gap figure's maths call and drawing: the decomposition through `results.ts` (which
 * calls `src/lib/math`), the three densities and the bars, and the best-Gaussian button with a
 * short animation of q sliding into place. The state, the controls, the URL and the redraw loop
 * are `mountFigure`'s. Changes made with the controls bubble up as their own input events; the
 * buttons and the animation announce theirs.
 */
import { bestGaussian } from '../../lib/math/latent-models.ts';
import { lineChart } from '../../lib/plot/line-chart.ts';
import { formatValue } from '../format.ts';
import { computeResults, modelOf } from './results.ts';
import { type ElboGapState, interpolateQ, INITIAL_STATE, PARAMS } from './state.ts';
import { renderBars } from './view.ts';
import { required, widgetStrings } from '../dom.ts';
import { bindParamControls, mountFigure } from '../figure/mount-figure.ts';
import { readParam, tableState } from '../figure/params.ts';

const ANIMATION_MS = 700;

interface Strings {
  bestStatus: string;
  densityAxis: string;
}

/** Mounts the widget on server-rendered markup; returns the teardown. */
export function mountElboGap(root: HTMLElement): () => void {
  return mountFigure<ElboGapState>(root, {
    ...tableState(PARAMS),
    setup(figure) {
      const strings = widgetStrings<Strings>(root);
      const chart = lineChart(required<SVGSVGElement>(root, '[data-plot]'), { xLabel: 'z', yLabel: strings.densityAxis, fill: true });
      const status = required<HTMLElement>(root, '[data-out="status"]');
      let animation = 0;

      /** Applies a change. `fromControl` is false for buttons and animation frames, which announce themselves. */
      const update = (patch: Partial<ElboGapState>, fromControl: boolean) => {
        figure.update(patch);
        // A stale "best Gaussian" message must not outlive the q it describes.
        if (fromControl) status.textContent = '';
        figure.publish(figure.state, !fromControl);
      };

      const stopAnimation = () => {
        cancelAnimationFrame(animation);
        animation = 0;
      };

      /** Slides q to the best Gaussian, then states the remaining gap. */
      const fitBest = () => {
        stopAnimation();
        const { state } = figure;
        const best = bestGaussian(modelOf(state), state.x, { mu: state.m, sigma: state.s });
        const target = { m: readParam(PARAMS.m, best.q.mu), s: readParam(PARAMS.s, best.q.sigma) };
        const announce = () => {
          const gap = computeResults(figure.state).decomposition.gap;
          status.textContent = strings.bestStatus.replace('{m}', target.m.toFixed(3)).replace('{s}', target.s.toFixed(3)).replace('{gap}', formatValue(gap));
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

      const showControls = bindParamControls(figure, PARAMS, {
        values: () => figure.state,
        change: (patch) => {
          stopAnimation();
          update(patch, true);
        },
      });
      figure.actions({
        best: fitBest,
        reset: () => {
          stopAnimation();
          status.textContent = '';
          update({ m: INITIAL_STATE.m, s: INITIAL_STATE.s }, false);
        },
      });
      figure.publish(figure.state, false);

      return {
        render(state) {
          showControls(state);
          const results = computeResults(state);
          const { z, prior, posterior, q } = results.curves;
          chart.update([
            { key: 'prior', x: z, y: prior },
            { key: 'posterior', x: z, y: posterior },
            { key: 'q', x: z, y: q },
          ]);
          renderBars(root, results);
        },
        teardown: stopAnimation,
      };
    },
  });
}
