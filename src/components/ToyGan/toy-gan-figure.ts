/**
 * The toy GAN's behaviour: a small GAN of the model library (`Gan`, dataDim 2) trains on points
 * of a 2-D mixture through the shared training panel (trainer, session, controller), and every
 * refresh redraws the plane — real samples, 512 samples G(z) from fixed noise, and D(x) on a
 * 48 × 48 grid — and reports how close the generated points sit to the modes.
 *
 * Settings: the real distribution (switching draws new data and restarts from random weights),
 * the generator's loss and k, the discriminator steps per generator step (both take effect at the
 * next step, through `Gan.setGeneratorLoss` / `setDiscriminatorSteps` in the page's model worker).
 *
 * Published state (for chapter 9's figure task): the root's `value` is a `ToyGanState` — the
 * distribution, the generated samples drawn and the step they were drawn at — with an `input`
 * event at every redraw.
 */
import { formatString } from '../../i18n/index.ts';
import { mulberry32 } from '../../lib/math/random.ts';
import { modeReport, sampleMixture2D, TOY_DISTRIBUTIONS, toyMixture, type ToyDistribution } from '../../lib/math/toy-2d.ts';
import type { GanSpec, GeneratorLoss } from '../../lib/vae/models/index.ts';
import { modelHost } from '../model-worker/client.ts';
import { discriminate, drawSamples } from '../model-worker/readout.ts';
import { required, widgetStrings } from '../dom.ts';
import { formatNumber } from '../format.ts';
import { gridPoints } from '../latent/codes.ts';
import { mountModelWidget } from '../training/model-widget.ts';
import { openDataSession, type OpenedRun } from '../training/open.ts';
import { drawPlane, DOMAIN, HEAT_SIDE } from './plane.ts';

/** Real training points per distribution, and how many of them (and of G's samples) are drawn. */
const DATA_COUNT = 4096;
const SHOWN = 512;
const DATA_SEED = 1;
const SAMPLE_SEED = 7;
/** Examples per step: k discriminator batches are cut from it (see `Gan.trainStep`). */
const BATCH_SIZE = 128;
/** Weight seeds of the runs that a change of distribution starts. */
const SWITCH_SEED = 2000;

/** Two small MLPs; at a learning rate of 2e-3 G reaches the ring's modes in about a thousand steps. */
function toySpec(generatorLoss: GeneratorLoss, discriminatorSteps: number): GanSpec {
  return {
    kind: 'gan',
    dataDim: 2,
    latentDim: 2,
    generatorHidden: [64, 64],
    discriminatorHidden: [64, 64],
    outputActivation: 'linear',
    generatorLoss,
    discriminatorSteps,
    learningRate: 2e-3,
  };
}

/** What the figure publishes as its root's `value`. */
export interface ToyGanState {
  readonly distribution: ToyDistribution;
  /** The SHOWN generated samples G(z) of the fixed noise, [2n] interleaved; undefined before the model exists. */
  readonly fake: Float32Array | undefined;
  /** The training step the samples were drawn at. */
  readonly step: number | undefined;
}

const pointsOf = (name: ToyDistribution) => sampleMixture2D(toyMixture(name), DATA_COUNT, mulberry32(DATA_SEED));
const isDistribution = (value: string): value is ToyDistribution => (TOY_DISTRIBUTIONS as readonly string[]).includes(value);

export function mountToyGan(root: HTMLElement) {
  const strings = widgetStrings(root);
  const canvas = required<HTMLCanvasElement>(root, '[data-view="plane"]');
  const distributionSelect = required<HTMLSelectElement>(root, '[data-setting="distribution"]');
  const lossSelect = required<HTMLSelectElement>(root, '[data-setting="generatorLoss"]');
  const stepsSelect = required<HTMLSelectElement>(root, '[data-setting="discriminatorSteps"]');
  const note = required<HTMLElement>(root, '[data-out="note"]');
  const out = (name: string) => required<HTMLElement>(root, `[data-out="${name}"]`);

  let distribution: ToyDistribution = isDistribution(distributionSelect.value) ? distributionSelect.value : 'ring';
  let mixture = toyMixture(distribution);
  let points = pointsOf(distribution);
  const grid = gridPoints(HEAT_SIDE, [
    [-DOMAIN, DOMAIN],
    [-DOMAIN, DOMAIN],
  ]);
  let view: { fake: Float32Array; heat: Float32Array; step: number } | undefined;
  let switchSeed = SWITCH_SEED;

  const generatorLoss = (): GeneratorLoss => (lossSelect.value === 'minimax' ? 'minimax' : 'non-saturating');
  const discriminatorSteps = () => Number(stepsSelect.value) || 1;

  const render = () => {
    drawPlane(canvas, { mixture, real: points.subarray(0, 2 * SHOWN), fake: view?.fake, heat: view?.heat });
    root.dataset['distribution'] = distribution;
    root.dataset['modes'] = String(mixture.means.length);
    const state: ToyGanState = { distribution, fake: view?.fake, step: view?.step };
    (root as HTMLElement & { value?: ToyGanState }).value = state;
    root.dispatchEvent(new Event('input', { bubbles: true }));
    if (view === undefined) return;
    const report = modeReport(mixture, view.fake);
    root.dataset['modeDistance'] = report.meanDistance.toFixed(4);
    root.dataset['modesCovered'] = String(report.modesCovered);
    root.dataset['nearFraction'] = report.nearFraction.toFixed(4);
    root.dataset['centroid'] = report.centroid.map((c) => c.toFixed(4)).join(',');
    out('modeDistance').textContent = formatNumber(report.meanDistance, 3);
    out('nearFraction').textContent = `${formatNumber(100 * report.nearFraction, 1)} %`;
    out('modesCovered').textContent = formatString(strings['gan.modesOf'], { covered: report.modesCovered, total: mixture.means.length });
  };

  const redraw = async ({ session }: OpenedRun) => {
    const gan = session.model;
    const step = session.stepCount;
    const [fakeValues, heatValues] = await Promise.all([drawSamples(gan, SHOWN, SAMPLE_SEED), discriminate(gan, grid)]);
    view = { fake: fakeValues, heat: heatValues, step };
    render();
  };

  render();
  // Builds the networks at once so the reader sees G's first samples and D's first guesses.
  const { panel, teardown } = mountModelWidget<OpenedRun>(root, {
    strings,
    label: 'Toy GAN',
    open: ({ onRecovered }) =>
      openDataSession({
        spec: toySpec(generatorLoss(), discriminatorSteps()),
        points: { values: points.slice(), dim: 2 },
        batchSize: BATCH_SIZE,
        seed: 1,
        onRecovered,
      }),
    redraw,
  });
  const gan = () => panel.opened?.session.model;

  lossSelect.addEventListener('change', () => void gan()?.set('setGeneratorLoss', generatorLoss()));
  stepsSelect.addEventListener('change', () => void gan()?.set('setDiscriminatorSteps', discriminatorSteps()));
  distributionSelect.addEventListener('change', () => {
    const next = distributionSelect.value;
    if (!isDistribution(next) || next === distribution) return;
    const change = () => {
      distribution = next;
      mixture = toyMixture(next);
      points = pointsOf(next);
      view = undefined;
    };
    if (panel.opened === undefined) {
      change();
      render();
      return;
    }
    switchSeed += 1;
    const seed = switchSeed;
    const { session } = panel.opened;
    void panel.controller.change(async (port) => {
      change();
      await modelHost().replacePoints(session.id, points.slice());
      const report = await port.reset(seed);
      render();
      note.textContent = strings['gan.switched'] ?? '';
      return report;
    });
  });

  return { teardown };
}
