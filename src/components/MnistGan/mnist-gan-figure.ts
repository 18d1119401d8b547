/**
 * The MNIST GAN's behaviour: the shared training panel runs a session that starts from the
 * shipped `gan` checkpoint (G 20-256-512-784, D 784-256-1); this module redraws 32 samples G(z) from
 * fixed noise vectors whenever the weights change, so the reader watches the same z's images
 * evolve, and "New samples" draws another fixed set of z.
 */
import { drawSamples } from '../model-worker/readout.ts';
import { required } from '../dom.ts';
import { paintDigits } from '../page-services/digits.ts';
import { mountModelWidget } from '../training/model-widget.ts';
import { openTrainingSession, type OpenedSession } from '../training/open.ts';

const SHOWN = 32;
const COLUMNS = 8;
const FIRST_SAMPLE_SEED = 7;

export function mountMnistGan(root: HTMLElement) {
  const samples = required<HTMLCanvasElement>(root, '[data-view="samples"]');
  const newSamples = required<HTMLButtonElement>(root, '[data-action="new-samples"]');
  let sampleSeed = FIRST_SAMPLE_SEED;

  const redraw = async ({ session }: OpenedSession) => {
    const values = await drawSamples(session.model, SHOWN, sampleSeed);
    paintDigits(samples, values, { columns: COLUMNS, gap: 1 });
    root.dataset['sampleSeed'] = String(sampleSeed);
  };

  // Shows the pretrained generator's samples at once (training waits for a click).
  const widget = mountModelWidget(root, {
    label: 'MNIST GAN',
    open: (hooks) => openTrainingSession({ pretrained: 'gan', ...hooks }),
    redraw,
    onReady: () => (newSamples.disabled = false),
  });
  newSamples.addEventListener('click', () => {
    sampleSeed += 1;
    widget.refresh();
  });
  return { teardown: widget.teardown };
}
