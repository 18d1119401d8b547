/**
 * The autoencoder lab's behaviour. The shared training panel (`../training/panel`) runs the
 * session, starting from the shipped `ae2` weights; this module redraws the model's views from
 * the current weights — the input / output / target rows of a few test digits (every refresh)
 * and the codes of the plotted test digits (at most every `CODES_REFRESH_MS` while training,
 * since that encodes them all) — wires the denoising controls to `Autoencoder.setNoise`, and
 * starts the PCA (`pca-view.ts`) once the data are in, off the path to the first picture.
 */
import { formatString } from '../../i18n/index.ts';
import { imageAt } from '../../lib/vae/data.ts';
import { denoiseImages, encodeSplit, imagesOf } from '../model-worker/readout.ts';
import { required, widgetStrings } from '../dom.ts';
import { bytesToUnit, paintDigits } from '../page-services/digits.ts';
import { mountModelWidget } from '../training/model-widget.ts';
import { openTrainingSession, type OpenedSession } from '../training/open.ts';
import { mountCodePlot } from './code-plot.ts';
import { CODE_POINTS, CODES_REFRESH_MS, NOISE_SEED, PCA_IMAGES, SHOWN } from './config.ts';
import { mountPcaView, type PcaView } from './pca-view.ts';

export function mountAutoencoderLab(root: HTMLElement) {
  const strings = widgetStrings(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`ae.${key}`] ?? key, values);
  const el = <T extends Element>(selector: string) => required<T>(root, selector);
  const reconstructions = el<HTMLCanvasElement>('[data-view="reconstructions"]');
  const hovered = el<HTMLCanvasElement>('[data-view="hovered"]');
  const hoveredOut = el<HTMLElement>('[data-out="hovered"]');
  const denoise = el<HTMLInputElement>('[data-setting="denoise"]');
  const noise = el<HTMLInputElement>('[data-setting="noise"]');
  const noiseOut = el<HTMLOutputElement>('[data-out="noise"]');

  let opened: OpenedSession | undefined;
  let pcaView: PcaView | undefined;
  let lastCodes = Number.NEGATIVE_INFINITY;
  /** The weights changed since the codes were last encoded (the noise level does not change them: codes encode clean x). */
  let codesStale = true;
  const model = () => opened?.session.model;

  /** The test digit `index` (nearest the pointer in either plot) in the "under the pointer" view. */
  const showDigit = (index: number | undefined) => {
    const test = opened?.mnist.test;
    if (index === undefined || test === undefined) return;
    paintDigits(hovered, bytesToUnit(imageAt(test, index)));
    hoveredOut.textContent = s('hoveredDigit', { index, label: test.labels[index] ?? '?' });
    root.dataset['hovered'] = String(index);
  };

  const codePlot = mountCodePlot({
    root,
    canvas: el('[data-view="codes"]'),
    decoded: el('[data-view="decoded"]'),
    decodedOut: el('[data-out="decoded"]'),
    randomButtons: [...root.querySelectorAll<HTMLButtonElement>('[data-action="random"]')],
    randomCanvas: el('[data-view="random"]'),
    randomOut: el('[data-out="random"]'),
    strings,
    model,
    onHover: showDigit,
  });

  const redraw = async (loaded: OpenedSession) => {
    opened = loaded;
    const { session, mnist } = loaded;
    const ae = session.model;
    const indices = Array.from({ length: SHOWN }, (_, i) => i);
    const digits = imagesOf(mnist.test, indices);
    const { corrupted, reconstructed } = await denoiseImages(ae, digits, NOISE_SEED);
    // Three rows: what the encoder sees, the reconstruction, the clean digit.
    const values = new Float32Array(3 * digits.length);
    values.set(corrupted);
    values.set(reconstructed, digits.length);
    values.set(digits, 2 * digits.length);
    paintDigits(reconstructions, values, { columns: SHOWN, gap: 1 });
    const now = performance.now();
    if (codesStale && (root.dataset['state'] !== 'training' || now - lastCodes >= CODES_REFRESH_MS)) {
      codesStale = false;
      lastCodes = now;
      codePlot.update(await encodeSplit(ae, 'test', CODE_POINTS));
      root.dataset['codes'] = String(Number(root.dataset['codes'] ?? 0) + 1);
    }
  };

  /** The denoising level the controls ask for: the slider's value when the box is ticked, else 0. */
  const noiseLevel = () => {
    noise.disabled = !denoise.checked;
    noiseOut.textContent = noise.value;
    const level = denoise.checked ? Number(noise.value) : 0;
    root.dataset['noise'] = String(level);
    return level;
  };
  /** A new level changes the corrupted input row and its reconstruction, not the codes. */
  const applyNoise = () => {
    const level = noiseLevel();
    const ae = model();
    if (ae === undefined || opened === undefined) return;
    void ae.set('setNoise', level).then(() => widget.refresh());
  };
  denoise.addEventListener('change', applyNoise);
  noise.addEventListener('input', applyNoise);

  // Shows the pretrained model's codes and reconstructions at once (training waits for a click);
  // then computes the PCA of the same test images, one round per task.
  const widget = mountModelWidget(root, {
    strings,
    label: 'Autoencoder lab',
    open: async (hooks) => {
      const loaded = await openTrainingSession({ pretrained: 'ae2', ...hooks });
      await loaded.session.model.set('setNoise', noiseLevel());
      return loaded;
    },
    redraw,
    onModelChanged: () => (codesStale = true),
    onReady: (loaded) => {
      pcaView = mountPcaView({
        root,
        canvas: el('[data-view="pca"]'),
        decoded: el('[data-view="pca-decoded"]'),
        decodedOut: el('[data-out="pca-decoded"]'),
        varianceOut: el('[data-out="pca-variance"]'),
        strings,
        split: loaded.mnist.test,
        fitted: PCA_IMAGES,
        plotted: CODE_POINTS,
        onHover: showDigit,
      });
    },
  });
  return {
    teardown() {
      widget.teardown();
      codePlot.teardown();
      pcaView?.teardown();
    },
  };
}
