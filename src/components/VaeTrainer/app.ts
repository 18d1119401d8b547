/**
 * The VAE trainer's behaviour: the shared training panel (`../training/panel`) runs the session;
 * this module redraws the two views from the current weights — eight test digits above their
 * reconstructions (through the posterior mean), and eight prior samples from fixed codes, so the
 * reader sees the same codes' images change as training goes on.
 */
import { makeBatch } from '~/lib/vae/data';
import type { Vae } from '~/lib/vae/models';
import * as tf from '~/lib/vae/tf';
import { required } from '../dom';
import { paintDigits } from '../models/digits';
import { mountModelWidget } from '../training/model-widget';
import { openTrainingSession, type OpenedSession } from '../training/open';

const SHOWN = 8;
const SAMPLE_SEED = 7;

export function mountVaeTrainer(root: HTMLElement) {
  const reconstructions = required<HTMLCanvasElement>(root, '[data-view="reconstructions"]');
  const samples = required<HTMLCanvasElement>(root, '[data-view="samples"]');

  const redraw = async ({ session, mnist }: OpenedSession) => {
    const model = session.model as Vae;
    const indices = Array.from({ length: SHOWN }, (_, i) => i);
    const [pairs, drawn] = tf.tidy(() => {
      const { x } = makeBatch(mnist.test, indices);
      return [tf.concat([x, model.reconstruct(x)], 0), model.sample(SHOWN, SAMPLE_SEED)];
    });
    const [pairValues, sampleValues] = await Promise.all([pairs.data<'float32'>(), drawn.data<'float32'>()]);
    pairs.dispose();
    drawn.dispose();
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
