/**
 * The VAE trainer's behaviour: the shared training panel (`../training/panel`) runs the session;
 * this module redraws the two views from the current weights — eight test digits above their
 * reconstructions (through the posterior mean), and eight prior samples from fixed codes, so the
 * reader sees the same codes' images change as training goes on.
 */
import { drawSamples, imagesOf, reconstructImages } from '../model-worker/readout.ts';
import { required } from '../dom.ts';
import { paintDigits } from '../page-services/digits.ts';
import { mountModelWidget } from '../training/model-widget.ts';
import { openTrainingSession, type OpenedSession } from '../training/open.ts';

const SHOWN = 8;
const SAMPLE_SEED = 7;

export function mountVaeTrainer(root: HTMLElement) {
  const reconstructions = required<HTMLCanvasElement>(root, '[data-view="reconstructions"]');
  const samples = required<HTMLCanvasElement>(root, '[data-view="samples"]');

  const redraw = async ({ session, mnist }: OpenedSession) => {
    const model = session.model;
    const indices = Array.from({ length: SHOWN }, (_, i) => i);
    const digits = imagesOf(mnist.test, indices);
    const [reconstructed, sampleValues] = await Promise.all([reconstructImages(model, digits), drawSamples(model, SHOWN, SAMPLE_SEED)]);
    // The digits above their reconstructions: one grid of two rows.
    const pairValues = new Float32Array(digits.length + reconstructed.length);
    pairValues.set(digits);
    pairValues.set(reconstructed, digits.length);
    paintDigits(reconstructions, pairValues, { columns: SHOWN, gap: 1 });
    paintDigits(samples, sampleValues, { columns: SHOWN, gap: 1 });
  };

  // Shows the pretrained model's reconstructions and samples at once (training waits for a click).
  const widget = mountModelWidget(root, {
    label: 'VAE trainer',
    open: (hooks) => openTrainingSession({ pretrained: 'vae2', ...hooks }),
    redraw,
  });
  return { teardown: widget.teardown };
}
