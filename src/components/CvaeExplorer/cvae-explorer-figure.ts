/**
 * The CVAE explorer's behaviour. The shared training panel (`../training/panel`) runs a session
 * that starts from the shipped `cvae` weights; this module keeps the reader's choice of label y
 * and code z, and redraws from the current weights: the big digit, the row of ten labels for the
 * same z with the shipped classifier's readings, the sweep of the chosen label (decoded again only
 * when the label or the weights change: a drag moves z alone), and the codes of test digits on the
 * latent pad (re-encoded when the weights changed, once training pauses).
 *
 * For tests and figure tasks the root carries `data-label`, `data-z` (JSON [z₁, z₂]),
 * `data-classified` (JSON array of the ten readings) with `data-classified-z` (the code they
 * were read at), `data-agreement`, `data-views` (redraws so far) and `data-tensors`.
 */
import { formatString } from '../../i18n/index.ts';
import type { RemoteModel } from '../model-worker/remote-model.ts';
import type { Codes } from '../model-worker/readout.ts';
import { required, widgetStrings } from '../dom.ts';
import { formatNumber } from '../format.ts';
import { createLatentScatter, type Point2 } from '../latent/scatter.ts';
import { DIGIT_PIXELS, paintDigits } from '../page-services/digits.ts';
import { loadPretrained } from '../page-services/pretrained.ts';
import { mountModelWidget } from '../training/model-widget.ts';
import { openTrainingSession, type OpenedSession } from '../training/open.ts';
import { agreement, codesWithLabel, DOMAIN, INITIAL_STATE, labelFromKey, priorDraw, SWEEP_SIDE, type ExplorerState } from './state.ts';
import { decodeViews, testCodes } from './views.ts';

export function mountCvaeExplorer(root: HTMLElement) {
  const strings = widgetStrings(root);
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`cvae.${key}`], values);
  const radios = [...root.querySelectorAll<HTMLInputElement>('input[name="cvae-label"]')];
  const padCanvas = required<HTMLCanvasElement>(root, '[data-view="pad"]');
  const digitCanvas = required<HTMLCanvasElement>(root, '[data-view="digit"]');
  const rowCanvas = required<HTMLCanvasElement>(root, '[data-view="labels"]');
  const sweepCanvas = required<HTMLCanvasElement>(root, '[data-view="sweep"]');
  const onlyChosen = required<HTMLInputElement>(root, '[data-setting="only-chosen"]');
  const zOut = required<HTMLOutputElement>(root, '[data-out="z"]');
  const readingsOut = [...required<HTMLOListElement>(root, '[data-out="readings"]').children] as HTMLElement[];
  const classifiedOut = required<HTMLElement>(root, '[data-out="classified"]');

  let state: ExplorerState = INITIAL_STATE;
  let draws = 0;
  let codes: Codes | undefined;
  let codesStale = true;
  /** Counts weight changes; the sweep shown was decoded for `sweepShown` (label and count). */
  let weightsVersion = 0;
  let sweepShown: string | undefined;
  let classifier: RemoteModel | undefined;
  let closed = false;

  const showCodes = () => {
    if (codes === undefined) return;
    if (onlyChosen.checked) {
      const chosen = codesWithLabel(codes.codes, codes.labels, state.label);
      pad.setPoints(chosen.codes, chosen.labels);
    } else pad.setPoints(codes.codes, codes.labels);
  };

  const showState = () => {
    const [z1, z2] = state.z.map((v) => formatNumber(v, 2)) as [string, string];
    zOut.textContent = s('zValue', { z1, z2 });
    digitCanvas.setAttribute('aria-label', s('digitLabel', { label: state.label, z1, z2 }));
    root.dataset['label'] = String(state.label);
    root.dataset['z'] = JSON.stringify(state.z);
    pad.setMarker(state.z);
  };

  const showReadings = (readings: number[], z: readonly [number, number]) => {
    readings.forEach((reading, i) => {
      const item = readingsOut[i];
      if (item === undefined) return;
      item.textContent = String(reading);
      item.dataset['agrees'] = String(reading === i);
    });
    const count = agreement(readings);
    classifiedOut.textContent = s('reads', { digits: readings.join(' '), count });
    root.dataset['classified'] = JSON.stringify(readings);
    root.dataset['classifiedZ'] = JSON.stringify(z);
    root.dataset['agreement'] = String(count);
  };

  const redraw = async ({ session }: OpenedSession) => {
    // Re-encoding 1,000 test digits waits until training pauses (the dots then catch up).
    if (codesStale && widget.panel.controller.snapshot.state !== 'training') {
      codesStale = false;
      codes = await testCodes(session.model);
      if (closed) return;
      showCodes();
    }
    const shown = state;
    // The sweep depends on the label and the weights, not on z: a drag leaves it as it is.
    const sweepKey = `${shown.label}@${weightsVersion}`;
    const views = await decodeViews(session.model, classifier, shown, sweepKey !== sweepShown); // (re-read: a recovery replaces the model)
    paintDigits(rowCanvas, views.row, { gap: 1 });
    paintDigits(digitCanvas, views.row.subarray(shown.label * DIGIT_PIXELS, (shown.label + 1) * DIGIT_PIXELS));
    if (views.sweep) {
      paintDigits(sweepCanvas, views.sweep, { columns: SWEEP_SIDE, gap: 1 });
      sweepShown = sweepKey;
    }
    if (views.readings) showReadings(views.readings, shown.z);
  };
  const refresh = () => widget.refresh();

  const setState = (next: Partial<ExplorerState>) => {
    const labelChanged = next.label !== undefined && next.label !== state.label;
    state = { ...state, ...next };
    showState();
    if (labelChanged) {
      for (const radio of radios) radio.checked = Number(radio.value) === state.label;
      if (onlyChosen.checked) showCodes();
    }
    refresh();
  };

  const pad = createLatentScatter(padCanvas, { domain: DOMAIN, onPoint: (z: Point2) => setState({ z }) });

  // The classifier is built on the page's backend (chosen by the training session); after a
  // recovery to another backend it is rebuilt there from the same shipped weights.
  const buildClassifier = async () => {
    const { model: built } = await loadPretrained('classifier', 'classifier');
    if (closed) {
      built.dispose();
      return;
    }
    const previous = classifier;
    classifier = built;
    // (After a lost WebGL context its variables lived there; freeing them only releases handles.)
    previous?.dispose();
  };

  showState();
  // Shows the pretrained model at once (training waits for a click), once the classifier that
  // reads its images is loaded too (without it the views are drawn, the readings not).
  const widget = mountModelWidget(root, {
    strings,
    label: 'CVAE explorer',
    open: async ({ onProgress, onRecovered }) => {
      const opened = await openTrainingSession({
        pretrained: 'cvae',
        onProgress,
        onRecovered(event) {
          onRecovered(event);
          void buildClassifier().then(refresh, () => {});
        },
      });
      try {
        await buildClassifier();
      } catch (error) {
        classifiedOut.textContent = s('readsFailed', { reason: error instanceof Error ? error.message : String(error) });
      }
      return opened;
    },
    redraw,
    onModelChanged: () => {
      codesStale = true;
      weightsVersion += 1;
    },
  });

  for (const radio of radios) radio.addEventListener('change', () => radio.checked && setState({ label: Number(radio.value) }));
  const onKey = (event: KeyboardEvent) => {
    const label = labelFromKey(event.key);
    if (label === undefined || event.target instanceof HTMLSelectElement) return;
    event.preventDefault();
    setState({ label });
  };
  root.addEventListener('keydown', onKey);
  required<HTMLButtonElement>(root, '[data-action="sample"]').addEventListener('click', () => setState({ z: priorDraw(++draws) }));
  required<HTMLButtonElement>(root, '[data-action="origin"]').addEventListener('click', () => setState({ z: [0, 0] }));
  onlyChosen.addEventListener('change', showCodes);

  return {
    teardown() {
      closed = true;
      root.removeEventListener('keydown', onKey);
      pad.teardown();
      widget.teardown();
      classifier?.dispose();
      classifier = undefined;
    },
  };
}
