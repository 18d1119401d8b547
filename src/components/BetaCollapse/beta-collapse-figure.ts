/**
 * The β-collapse figure's behaviour: the shared training panel (`../training/panel`) trains the
 * shipped 20-D VAE with the reader's β and learning rate; whenever the weights change visibly,
 * this module recomputes the KL divergence of each latent dimension, averaged over the first
 * 500 test images (`Vae.klPerDimension`), and redraws the bars, the number of active units and
 * the total.
 */
import { formatString } from '../../i18n/index.ts';
import { ACTIVE_UNIT_THRESHOLD, countActiveUnits } from '../../lib/vae/active-units.ts';
import { imagesOf, klPerDimension } from '../model-worker/readout.ts';
import { required, widgetStrings } from '../dom.ts';
import { formatNumber } from '../format.ts';
import { mountModelWidget } from '../training/model-widget.ts';
import { openTrainingSession, type OpenedSession } from '../training/open.ts';
import { klBars } from './kl-bars.ts';
import { KL_IMAGES } from './settings.ts';

export function mountBetaCollapse(root: HTMLElement) {
  const strings = widgetStrings(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`vae.beta${key}`], values);
  const sortedInput = required<HTMLInputElement>(root, '[data-setting="sorted"]');
  const activeOut = required<HTMLElement>(root, '[data-out="active"]');
  const totalOut = required<HTMLElement>(root, '[data-out="total"]');
  const chart = klBars(required<SVGSVGElement>(root, '[data-plot="kl-bars"]'), {
    xLabel: (sorted) => s(sorted ? 'AxisSorted' : 'AxisDimension'),
    yLabel: s('AxisNats'),
    threshold: ACTIVE_UNIT_THRESHOLD,
  });
  let latest: Float32Array | undefined;

  const show = (klPerDim: Float32Array) => {
    latest = klPerDim;
    const active = countActiveUnits(klPerDim);
    const total = klPerDim.reduce((sum, v) => sum + v, 0);
    chart.update(klPerDim, sortedInput.checked);
    activeOut.textContent = s('ActiveValue', { active, dims: klPerDim.length });
    totalOut.textContent = s('TotalValue', { value: formatNumber(total, 2) });
    Object.assign(root.dataset, {
      activeUnits: String(active),
      klPerDim: JSON.stringify(Array.from(klPerDim, (v) => Number(v.toFixed(5)))),
      klTotal: String(total),
    });
  };

  const redraw = async ({ session, mnist }: OpenedSession) => {
    const model = session.model;
    const count = Math.min(KL_IMAGES, mnist.test.count);
    show(
      await klPerDimension(
        model,
        imagesOf(
          mnist.test,
          Array.from({ length: count }, (_, i) => i),
        ),
      ),
    );
  };
  sortedInput.addEventListener('change', () => {
    if (latest) show(latest);
  });

  // Shows the pretrained model's KL profile at once (training waits for a click).
  const widget = mountModelWidget(root, {
    strings,
    label: 'β collapse',
    open: (hooks) => openTrainingSession({ pretrained: 'vae20', ...hooks }),
    redraw,
  });
  return { teardown: widget.teardown };
}
