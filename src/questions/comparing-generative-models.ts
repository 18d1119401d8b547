/**
 * Chapter 11 (comparing generative models): self-check questions. Numeric answers come from
 * src/lib/math; the figure task is graded by `gallery-vaegan-sharper`
 * (src/lib/quiz/figure-checks-comparison.ts), and its explanation quotes the two models' test
 * bounds from the manifest the gallery shows.
 */
import manifest from '../../public/models/manifest.json' with { type: 'json' };
import { alphaBar, linearBetaSchedule } from '../lib/math/diffusion.ts';
import { affineFlow, flowLogPdf } from '../lib/math/flow.ts';
import { GALLERY_VAE, GALLERY_VAEGAN } from '../lib/quiz/figure-checks-comparison.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

const schedule = alphaBar(linearBetaSchedule(10, 0.1, 0.1));

/** A shipped model's negative ELBO per test image (nats) and latent size, from the manifest. */
function shipped(name: string): { loss: number; latent: number } {
  const entry = manifest.models.find((m) => m.name === name);
  const loss = entry?.test.loss;
  const latent = entry !== undefined && 'latentDim' in entry.spec ? entry.spec.latentDim : undefined;
  if (loss === undefined || latent === undefined) throw new Error(`manifest: no test bound or latent size for ${name}`);
  return { loss, latent };
}
const vae = shipped(GALLERY_VAE);
const vaegan = shipped(GALLERY_VAEGAN);
const nats = (x: number) => x.toFixed(2);

export const questions: ChapterQuestions = {
  slug: 'comparing-generative-models',
  chapter: '11',
  questions: [
    {
      id: 'likelihoods',
      kind: 'multiple',
      prompt: { en: 'Which models can report the exact log-likelihood of a test image?', zh: '哪些模型能给出测试图像的精确对数似然？' },
      options: [
        {
          text: { en: 'A normalising flow.', zh: '标准化流。' },
          correct: true,
          why: { en: 'Right: by the change-of-variables formula, since the map is invertible.', zh: '正确：映射可逆，由变量替换公式即可得到。' },
          ref: 'eq:change-of-variables',
        },
        {
          text: { en: 'A VAE.', zh: 'VAE。' },
          correct: false,
          why: { en: 'It gives lower bounds (the ELBO, $\\mathcal{L}_K$), not the exact value.', zh: '它给出下界（ELBO、$\\mathcal{L}_K$），而不是精确值。' },
        },
        { text: { en: 'A GAN.', zh: 'GAN。' }, correct: false, why: { en: 'A GAN has no likelihood at all.', zh: 'GAN 根本没有似然。' } },
        {
          text: { en: 'Probabilistic PCA.', zh: '概率主成分分析。' },
          correct: true,
          why: { en: 'Right: its marginal is Gaussian in closed form.', zh: '正确：它的边缘分布是有闭式解的高斯分布。' },
          ref: 'eq:ppca-marginal',
        },
      ],
    },
    {
      id: 'flow-numeric',
      kind: 'numeric',
      prompt: {
        en: 'A one-dimensional flow $x = 1 + 2z$ with $z \\sim \\mathcal{N}(0, 1)$. Compute $\\log p(x)$ at $x = 2$ by the change of variables, to 3 decimals.',
        zh: '一维流 $x = 1 + 2z$，$z \\sim \\mathcal{N}(0, 1)$。用变量替换公式计算 $x = 2$ 处的 $\\log p(x)$，保留 3 位小数。',
      },
      answer: flowLogPdf(2, affineFlow(1, 2)),
      tolerance: 0.0005,
      explanation: {
        en: '$z = 0.5$, $\\log \\mathcal{N}(0.5; 0, 1) = -1.044$, plus $\\log|dz/dx| = -\\log 2$: $-1.737$, which is $\\log \\mathcal{N}(2; 1, 2^2)$.',
        zh: '$z = 0.5$，$\\log \\mathcal{N}(0.5; 0, 1) = -1.044$，加上 $\\log|dz/dx| = -\\log 2$：得 $-1.737$，即 $\\log \\mathcal{N}(2; 1, 2^2)$。',
      },
      ref: 'eq:change-of-variables',
    },
    {
      id: 'diffusion-numeric',
      kind: 'numeric',
      prompt: {
        en: 'A diffusion model adds noise with $\\beta_t = 0.1$ at each of 10 steps. What is $\\bar\\alpha_{10}$, the squared scale of $\\mathbf{x}_0$ left in $\\mathbf{x}_{10}$, to 3 decimals?',
        zh: '扩散模型在 10 步中每步以 $\\beta_t = 0.1$ 加噪。$\\bar\\alpha_{10}$（$\\mathbf{x}_{10}$ 中保留的 $\\mathbf{x}_0$ 尺度的平方）是多少？保留 3 位小数。',
      },
      answer: schedule[9] ?? Number.NaN,
      tolerance: 0.0005,
      explanation: {
        en: '$\\bar\\alpha_{10} = (1 - 0.1)^{10} = 0.349$: the steps compose into one Gaussian.',
        zh: '$\\bar\\alpha_{10} = (1 - 0.1)^{10} = 0.349$：多步加噪可以合成一步高斯变换。',
      },
      ref: 'eq:diffusion-marginal',
    },
    {
      id: 'sampling-speed',
      kind: 'single',
      prompt: { en: 'Which model is slowest to sample from, and why?', zh: '哪种模型采样最慢？为什么？' },
      options: [
        {
          text: {
            en: 'A diffusion model: each sample needs many sequential denoising steps through the network.',
            zh: '扩散模型：每个样本都需要让网络依次执行很多步去噪。',
          },
          correct: true,
          why: { en: 'Right: a VAE, a GAN or a flow needs one pass.', zh: '正确：VAE、GAN 或流模型只需一次前向计算。' },
          ref: 'ex:sampling-cost',
        },
        {
          text: { en: 'A VAE: sampling needs the encoder.', zh: 'VAE：采样需要编码器。' },
          correct: false,
          why: { en: 'Sampling draws $\\mathbf{z}$ from the prior and decodes it; no encoder.', zh: '采样从先验抽取 $\\mathbf{z}$ 再解码，不需要编码器。' },
        },
        {
          text: { en: 'A GAN: the discriminator must accept each sample.', zh: 'GAN：每个样本都要经判别器认可。' },
          correct: false,
          why: { en: 'The discriminator is only used in training.', zh: '判别器只在训练中使用。' },
        },
      ],
    },
    {
      id: 'ppca-special-case',
      kind: 'single',
      prompt: { en: 'Probabilistic PCA is a VAE with…', zh: '概率主成分分析相当于这样一个 VAE：' },
      options: [
        {
          text: {
            en: 'a linear decoder and isotropic Gaussian noise; its exact posterior is Gaussian, so a Gaussian encoder can make the ELBO tight.',
            zh: '线性解码器加各向同性高斯噪声；它的精确后验是高斯分布，所以高斯编码器能让 ELBO 变紧。',
          },
          correct: true,
          why: { en: 'Right: the linear-Gaussian special case.', zh: '正确：这就是线性高斯特例。' },
          ref: 'eq:ppca-posterior',
        },
        {
          text: { en: 'no prior on the code.', zh: '编码上没有先验。' },
          correct: false,
          why: { en: 'It has the standard normal prior, like a VAE.', zh: '它和 VAE 一样有标准正态先验。' },
          ref: 'eq:ppca',
        },
        {
          text: { en: 'a discriminator in place of the likelihood.', zh: '用判别器代替似然。' },
          correct: false,
          why: { en: 'That describes a GAN-style model, not PPCA.', zh: '那是 GAN 类模型，不是 PPCA。' },
        },
      ],
    },
    {
      id: 'model-gallery-task',
      kind: 'figure',
      figure: 'fig:model-gallery',
      check: 'gallery-vaegan-sharper',
      prompt: {
        en: `In the gallery, draw new samples until the VAE-GAN's samples score a higher sharpness (the mean |Laplacian| of the VAE-GAN chapter) than the ${vae.latent}-D VAE's samples of the same drawing. How many drawings did it take?`,
        zh: `在模型展示图中不断抽取新样本，直到在同一次抽取里，VAE-GAN 样本的锐度（VAE-GAN 一章中 |拉普拉斯算子| 的均值）高于 ${vae.latent} 维 VAE 的样本。这花了多少次抽取？`,
      },
      explanation: {
        en: `On most seeds the ${vae.latent}-D VAE's samples are the sharper ones; a drawing that reverses the order takes a search, so one small grid does not settle which of two close models is sharper. Meanwhile the VAE-GAN's bound is ${nats(vaegan.loss - vae.loss)} nats per test image worse (negative ELBO ${nats(vaegan.loss)} against ${nats(vae.loss)}): its adversarial term cost likelihood and bought no sharpness that shows. The GAN, which has no likelihood at all, has the sharpest samples in the gallery. Sharpness and likelihood are different axes; report both, and enough samples to tell models apart.`,
        zh: `在大多数种子下，${vae.latent} 维 VAE 的样本更清晰；要找到顺序颠倒的一次抽取需要反复尝试，所以一小组样本不足以判断两个相近模型中哪个更清晰。与此同时，VAE-GAN 的下界每张测试图像差了 ${nats(vaegan.loss - vae.loss)} 奈特（负 ELBO 为 ${nats(vaegan.loss)}，而 VAE 为 ${nats(vae.loss)}）：对抗项付出了似然的代价，却没有换来看得出的锐度。完全没有似然的 GAN，样本在展示图中最清晰。锐度和似然是不同的维度；两者都要报告，并且要用足够多的样本来区分模型。`,
      },
      ref: 'fig:model-gallery',
    },
  ],
};
