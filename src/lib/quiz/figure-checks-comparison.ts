/**
 * Figure tasks of the chapters that compare image models (10, VAE-GAN; 11, comparing generative
 * models). Both figures publish the pixels they drew (`value`, with an `input` event), and these
 * predicates recompute the image figures from those pixels with `src/lib/math/sharpness`: the
 * mean absolute Laplacian (high where intensity changes abruptly) and the greyness, the mean of
 * v(1 − v). The widgets' own read-outs are never consulted.
 *
 * Registered in FIGURE_CHECKS (`./figure-checks`) as 'vaegan-sharper-than-real' and
 * 'gallery-vaegan-sharper'.
 */
import { greyness, laplacianSharpness } from '../math/sharpness.ts';
import { type Check, fmt, isRecord, notReady, num, numberArray } from './figure-check-kit.ts';

/** Grey levels per MNIST image (28 × 28, the side `laplacianSharpness` assumes). */
const PIXELS = 28 * 28;

/** A published grid of images (typed or plain numbers), or undefined if it is not whole 28 × 28 images. */
function imagesOf(x: unknown): number[] | undefined {
  const list = numberArray(x);
  return list !== undefined && list.length >= PIXELS && list.length % PIXELS === 0 ? list : undefined;
}

/**
 * VAE-GAN comparison (chapter 10): the VAE-GAN's sample grid, drawn from the current codes,
 * scores a higher mean |Laplacian| than the real test digits of the reference row. A trained
 * decoder never gets there (its samples are blurred means); a decoder that has learnt nothing
 * does, with noise, and its greyness shows what the sharpness figure misses. Reads `value`:
 * `{ draw, vaegan: { draw, samples }, real }` (see VaeGanCompare/vae-gan-compare-figure.ts).
 */
export const vaeganSharperThanReal: Check = ({ value }) => {
  if (!isRecord(value) || !isRecord(value['vaegan'])) return notReady;
  const grid = value['vaegan'];
  const samples = imagesOf(grid['samples']);
  const real = imagesOf(value['real']);
  if (samples === undefined || real === undefined) return notReady;
  if (num(grid['draw']) !== num(value['draw'])) {
    return {
      done: false,
      message: { en: 'Not yet: the figure is still decoding the new codes; check again in a moment.', zh: '还没有：图还在解码新的编码；请稍后再检查。' },
    };
  }
  const [sharp, sharpReal] = [laplacianSharpness(samples), laplacianSharpness(real)];
  const [grey, greyReal] = [greyness(samples), greyness(real)];
  const figures = `sharpness ${fmt(sharp)} for the VAE-GAN's samples, ${fmt(sharpReal)} for real test digits; greyness ${fmt(grey)} against ${fmt(greyReal)}`;
  const figuresZh = `VAE-GAN 样本的锐度为 ${fmt(sharp)}，真实测试数字为 ${fmt(sharpReal)}；灰度为 ${fmt(grey)}，真实数字为 ${fmt(greyReal)}`;
  return sharp > sharpReal
    ? {
        done: true,
        message: {
          en: `Done: ${figures}. The grid beats real handwriting on the sharpness figure while being ${fmt(grey / greyReal, 1)} times as grey: a high mean |Laplacian| says only that intensity changes abruptly, which noise does too.`,
          zh: `完成：${figuresZh}。这组图像的锐度超过了真实手写数字，灰度却是它们的 ${fmt(grey / greyReal, 1)} 倍：|拉普拉斯算子| 的均值高，只说明亮度变化剧烈，而噪声也是如此。`,
        },
      }
    : {
        done: false,
        message: {
          en: `Not yet: ${figures}. The VAE-GAN's grid must score above the real digits on sharpness.`,
          zh: `还没有：${figuresZh}。VAE-GAN 这组图像的锐度需要高于真实数字。`,
        },
      };
};

/** The gallery cards the chapter 11 task compares: the VAE-GAN and the VAE with the same 20-D code. */
export const GALLERY_VAEGAN = 'vaegan';
export const GALLERY_VAE = 'vae20';
const GALLERY_GAN = 'gan';

/**
 * Model gallery (chapter 11): a drawing (one seed) in which the VAE-GAN's samples score a
 * higher mean |Laplacian| than the 20-D VAE's. On most seeds they do not; the task shows how
 * little one small drawing says when two models are this close, next to the likelihood the
 * VAE-GAN gave up. Reads `value`: `{ seed, models: [{ name, kind, samples }] }` (ModelGallery/model-gallery-figure.ts).
 */
export const galleryVaeganSharper: Check = ({ value }) => {
  if (!isRecord(value) || !Array.isArray(value['models'])) return notReady;
  const models = (value['models'] as unknown[]).filter(isRecord);
  const samplesOf = (name: string) => imagesOf(models.find((m) => m['name'] === name)?.['samples']);
  const [vaegan, vae, gan] = [samplesOf(GALLERY_VAEGAN), samplesOf(GALLERY_VAE), samplesOf(GALLERY_GAN)];
  if (vaegan === undefined || vae === undefined) return notReady;
  const seed = num(value['seed']);
  const count = vaegan.length / PIXELS;
  const [a, b] = [laplacianSharpness(vaegan), laplacianSharpness(vae)];
  const ganText = gan === undefined ? '' : `; the GAN's ${fmt(laplacianSharpness(gan))}`;
  const ganZh = gan === undefined ? '' : `；GAN 为 ${fmt(laplacianSharpness(gan))}`;
  const figures = `with seed ${seed} the VAE-GAN's samples score ${fmt(a)} on sharpness (mean |Laplacian|), the 20-D VAE's ${fmt(b)}${ganText}`;
  const figuresZh = `种子为 ${seed} 时，VAE-GAN 样本的锐度（|拉普拉斯算子| 的均值）为 ${fmt(a)}，20 维 VAE 为 ${fmt(b)}${ganZh}`;
  return a > b
    ? {
        done: true,
        message: {
          en: `Done: ${figures}. One drawing of ${count} samples per model can reverse the order of two models this close.`,
          zh: `完成：${figuresZh}。对于如此接近的两个模型，每个模型只抽取 ${count} 个样本，一次抽取就可能颠倒它们的顺序。`,
        },
      }
    : {
        done: false,
        message: {
          en: `Not yet: ${figures}. Draw new samples until the VAE-GAN's score is the higher of the two.`,
          zh: `还没有：${figuresZh}。请继续抽取新样本，直到 VAE-GAN 的锐度高于 20 维 VAE。`,
        },
      };
};
