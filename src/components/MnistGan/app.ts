/**
 * The MNIST GAN's behaviour: the shared training panel runs a session that starts from the
 * shipped `gan` checkpoint (G 20-256-512-784, D 784-256-1); this module redraws 32 samples G(z) from
 * fixed noise vectors whenever the weights change, so the reader watches the same z's images
 * evolve, and "New samples" draws another fixed set of z.
 */
import type { Gan } from '~/lib/vae/models';
import { required, widgetStrings } from '../dom';
import { paintDigits } from '../models/digits';
import { openTrainingSession, type OpenedSession } from '../training/open';
import { mountTrainingPanel } from '../training/panel';
import { createRefresher, drawWhenLoaded } from '../training/refresh';
import { showTensorCount } from '../models/page';

const SHOWN = 32;
const COLUMNS = 8;
const FIRST_SAMPLE_SEED = 7;

export function mountMnistGan(root: HTMLElement) {
  const strings = widgetStrings(root);
  const samples = required<HTMLCanvasElement>(root, '[data-view="samples"]');
  const newSamples = required<HTMLButtonElement>(root, '[data-action="new-samples"]');
  let sampleSeed = FIRST_SAMPLE_SEED;

  const redraw = async ({ session }: OpenedSession) => {
    const model = session.model as Gan;
    const drawn = model.sample(SHOWN, sampleSeed);
    const values = await drawn.data<'float32'>();
    drawn.dispose();
    paintDigits(samples, values, { columns: COLUMNS, gap: 1 });
    root.dataset['sampleSeed'] = String(sampleSeed);
    showTensorCount(root);
    root.dataset['views'] = String(Number(root.dataset['views'] ?? 0) + 1);
  };
  const refresher = createRefresher(redraw, (error) => console.warn('MNIST GAN: could not redraw', error));

  const panel = mountTrainingPanel(root, {
    strings,
    open: (hooks) => openTrainingSession({ pretrained: 'gan', ...hooks }),
    onModelChanged: (opened) => refresher.request(opened),
  });

  newSamples.addEventListener('click', () => {
    sampleSeed += 1;
    if (panel.opened) refresher.request(panel.opened);
  });

  required<HTMLElement>(root, '[data-ui]').hidden = false;
  // Show the pretrained generator's samples at once (training waits for a click).
  drawWhenLoaded(root, panel, refresher, () => (newSamples.disabled = false));
  return {
    teardown() {
      refresher.close();
      panel.teardown();
    },
  };
}
