/**
 * The image-model figure tasks (src/lib/quiz/figure-checks-comparison.ts), through the registry
 * the Questions component uses: each reports "not started" before the figure publishes, fails on
 * grids like the figure's first view, and passes on grids that do the task. The grids are real
 * images: a sharp two-pixel stroke in several positions (like handwriting), the pixel mean of
 * those strokes (what a trained decoder draws, by eq. cond-mean), and uniform noise (what a
 * decoder with random weights draws); their figures come from src/lib/math/sharpness. The last
 * block checks the tasks' claims about the shipped models on the pixels the figures draw.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalCodes } from '../../../../src/components/latent/codes.ts';
import { SAMPLES } from '../../../../src/components/ModelGallery/figures.ts';
import { testDigits } from '../../../../src/components/VaeGanCompare/views.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { applyCheckpoint } from '../../../../src/lib/vae/checkpoint.ts';
import { loadCheckpointFile } from '../../../../src/lib/vae/checkpoint-node.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createModel, type AnyModel, type ModelSpec, type VaeGan } from '../../../../src/lib/vae/models/index.ts';
import { decodeCodes, drawSamples } from '../../../../src/lib/vae/readout.ts';
import type { CodeStats } from '../../../../src/lib/vae/sampling.ts';
import { greyness, laplacianSharpness, meanImage } from '../../../../src/lib/math/sharpness.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { checkFigure } from '../../../../src/lib/quiz/figure-checks.ts';
import { GALLERY_VAE, GALLERY_VAEGAN } from '../../../../src/lib/quiz/figure-checks-comparison.ts';

const SIDE = 28;

/** A 28 × 28 image with a vertical stroke two pixels wide and 16 tall, its left column at `col`. */
function stroke(col: number): number[] {
  const image = new Array<number>(SIDE * SIDE).fill(0);
  for (let r = 6; r < 22; r++) for (const c of [col, col + 1]) image[r * SIDE + c] = 1;
  return image;
}

const strokes = [11, 12, 13, 14].map(stroke);
/** Images one after another, as the figures publish them. */
const flat = (images: readonly (readonly number[])[]) => Float32Array.from(images.flat());
const sharp = flat(strokes);
const blurred = flat(strokes.map(() => meanImage(strokes)));
const rng = mulberry32(7);
const noise = Float32Array.from({ length: 4 * SIDE * SIDE }, () => rng());

describe('figure checks for the image-model chapters', () => {
  it('the grids behind the tests: strokes are sharper than their mean, noise sharper than both and far greyer than strokes', () => {
    expect(sharp).toHaveLength(4 * SIDE * SIDE);
    expect(laplacianSharpness(sharp)).toBeGreaterThan(laplacianSharpness(blurred));
    expect(laplacianSharpness(noise)).toBeGreaterThan(laplacianSharpness(sharp));
    expect(greyness(sharp)).toBe(0);
    expect(greyness(noise)).toBeGreaterThan(0.1);
  });

  it('vaegan-sharper-than-real: not started, still redrawing, a blurred grid fails, a noise grid passes and names its greyness', () => {
    const check = (value: unknown) => checkFigure('vaegan-sharper-than-real', { value, data: {} });
    expect(check(undefined).message.en).toMatch(/not started/);
    expect(check({ draw: 1, real: sharp }).message.en).toMatch(/not started/);
    expect(check({ draw: 1, vaegan: { draw: 1, samples: [1, 2, 3] }, real: sharp }).message.en).toMatch(/not started/);
    expect(check({ draw: 2, vaegan: { draw: 1, samples: noise }, real: sharp }).message.en).toMatch(/still decoding/);

    const blur = check({ draw: 1, vae: { draw: 1, samples: blurred }, vaegan: { draw: 1, samples: blurred }, real: sharp });
    expect(blur.done).toBe(false);
    expect(blur.message.en).toContain(
      `sharpness ${laplacianSharpness(blurred).toFixed(3)} for the VAE-GAN's samples, ${laplacianSharpness(sharp).toFixed(3)} for real test digits`,
    );
    expect(blur.message.zh).toMatch(/^还没有/);

    const random = check({ draw: 3, vaegan: { draw: 3, samples: noise }, real: sharp });
    expect(random.done).toBe(true);
    expect(random.message.en).toMatch(/^Done: /);
    expect(random.message.en).toContain(`greyness ${greyness(noise).toFixed(3)} against ${greyness(sharp).toFixed(3)}`);
    expect(random.message.zh).toMatch(/^完成/);
    // Plain arrays (as JSON would give) are read like Float32Arrays.
    expect(check({ draw: 3, vaegan: { draw: 3, samples: [...noise] }, real: [...sharp] }).done).toBe(true);
  });

  it('gallery-vaegan-sharper: not started, fails while the 20-D VAE is the sharper, passes when the VAE-GAN is', () => {
    const check = (vaegan: Float32Array, vae: Float32Array | undefined, seed = 1) =>
      checkFigure('gallery-vaegan-sharper', {
        value: {
          seed,
          models: [
            { name: 'gan', kind: 'gan', samples: sharp },
            { name: GALLERY_VAEGAN, kind: 'vaegan', samples: vaegan },
            ...(vae ? [{ name: GALLERY_VAE, kind: 'vae', samples: vae }] : []),
          ],
        },
        data: {},
      });
    expect(checkFigure('gallery-vaegan-sharper', { value: undefined, data: {} }).message.en).toMatch(/not started/);
    expect(check(sharp, undefined).message.en).toMatch(/not started/);

    const behind = check(blurred, sharp, 4);
    expect(behind.done).toBe(false);
    expect(behind.message.en).toContain(`with seed 4 the VAE-GAN's samples score ${laplacianSharpness(blurred).toFixed(3)}`);
    expect(behind.message.en).toMatch(/Draw new samples/);
    expect(behind.message.zh).toMatch(/^还没有/);
    // A tie is not "higher".
    expect(check(blurred, blurred).done).toBe(false);

    const ahead = check(sharp, blurred, 12);
    expect(ahead.done).toBe(true);
    expect(ahead.message.en).toMatch(/^Done: with seed 12 .* One drawing of 4 samples per model/);
    expect(ahead.message.zh).toMatch(/^完成/);
  });
});

/**
 * The claims the two tasks' prompts and explanations make about the shipped models, checked on
 * the pixels the figures draw (same seeds, same WASM backend as the figures' browser tests):
 * chapter 10's grid of the shipped VAE-GAN stays below real digits on sharpness for the first
 * draws, a decoder with random weights beats them; in the gallery the 20-D VAE is the sharper of
 * the two on most of the first seeds, the GAN the sharpest on all of them.
 */
describe('the shipped models behind the tasks', () => {
  const DIR = fileURLToPath(new URL('../../../../public/models/', import.meta.url));
  const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as {
    models: { name: string; file: string; spec: ModelSpec; codeStats?: CodeStats }[];
  };
  const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
  const entry = (name: string) => manifest.models.find((m) => m.name === name)!;
  const shipped = async (name: string) => {
    const model = createModel(entry(name).spec, 1);
    applyCheckpoint(model, await loadCheckpointFile(`${DIR}${entry(name).file}`));
    return model;
  };
  const gallerySharpness = async (model: AnyModel, name: string, seed: number) =>
    laplacianSharpness(await drawSamples(model, SAMPLES, seed, entry(name).codeStats));

  beforeAll(async () => {
    await useNodeBackend();
  });

  it('vaegan-sharper-than-real: the shipped VAE-GAN fails on draws 1–12, a randomly initialised one passes', async () => {
    const mnist = await loadMnistNode({ trainCount: 1, testCount: 200 });
    const real = testDigits(mnist.test, 200);
    const decode = async (model: AnyModel, draw: number) => decodeCodes(model as VaeGan, normalCodes(24, model.latentDim, draw));
    const trained = await shipped('vaegan');
    const untrained = createModel(entry('vaegan').spec, 1001);
    try {
      for (const draw of SEEDS) {
        expect(
          checkFigure('vaegan-sharper-than-real', { value: { draw, vaegan: { draw, samples: await decode(trained, draw) }, real }, data: {} }).done,
          `draw ${draw}`,
        ).toBe(false);
      }
      expect(
        checkFigure('vaegan-sharper-than-real', { value: { draw: 1, vaegan: { draw: 1, samples: await decode(untrained, 1) }, real }, data: {} }).done,
      ).toBe(true);
    } finally {
      trained.dispose();
      untrained.dispose();
    }
  }, 60_000);

  it(`gallery-vaegan-sharper: the ${GALLERY_VAE} samples are the sharper on most of seeds 1–12, the GAN's the sharpest on all`, async () => {
    const [vae, vaegan, gan] = await Promise.all([shipped(GALLERY_VAE), shipped(GALLERY_VAEGAN), shipped('gan')]);
    try {
      let vaeAhead = 0;
      for (const seed of SEEDS) {
        const [a, b, c] = [
          await gallerySharpness(vaegan, GALLERY_VAEGAN, seed),
          await gallerySharpness(vae, GALLERY_VAE, seed),
          await gallerySharpness(gan, 'gan', seed),
        ];
        if (b > a) vaeAhead += 1;
        expect(c, `seed ${seed}`).toBeGreaterThan(Math.max(a, b));
      }
      expect(vaeAhead).toBeGreaterThan(SEEDS.length / 2);
      expect(vaeAhead).toBeLessThan(SEEDS.length); // reachable by redrawing
    } finally {
      for (const model of [vae, vaegan, gan]) model.dispose();
    }
  }, 60_000);
});
