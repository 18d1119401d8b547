/**
 * Chapter 10 (VAE-GAN): self-check questions. Numeric answers come from src/lib/math/kl; the
 * figure task is graded by `vaegan-sharper-than-real` (src/lib/quiz/figure-checks-comparison.ts).
 */
import { klDiscrete } from '../lib/math/kl.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

export const questions: ChapterQuestions = {
  slug: 'vae-gan',
  chapter: '10',
  questions: [
    {
      id: 'why-blurry',
      kind: 'single',
      prompt: { en: 'Why are the samples of a VAE with a factorised pixel likelihood blurry?', zh: '为什么使用逐像素分解似然的 VAE 生成的样本是模糊的？' },
      options: [
        {
          text: {
            en: "At each code the decoder's optimal output is the conditional mean of the images that map there, an average of shifted strokes.",
            zh: '在每个编码处，解码器的最优输出是映射到该处的图像的条件均值，即若干错位笔画的平均。',
          },
          correct: true,
          why: {
            en: 'Right: an average of sharp strokes in slightly different places is grey and wide.',
            zh: '正确：位置略有不同的清晰笔画取平均后，变得又灰又宽。',
          },
          ref: 'eq:cond-mean',
        },
        {
          text: { en: 'The decoder network is too small to draw sharp edges.', zh: '解码器网络太小，画不出清晰的边缘。' },
          correct: false,
          why: { en: 'Even an unlimited decoder is driven to the conditional mean by this loss.', zh: '即使解码器能力无限，这个损失也会把它推向条件均值。' },
          ref: 'eq:bias-variance',
        },
        {
          text: { en: 'The KL term adds noise to every pixel.', zh: 'KL 项给每个像素加了噪声。' },
          correct: false,
          why: {
            en: 'The noise is in the code, not in the pixels; the decoder outputs pixel means.',
            zh: '噪声在编码中，而不在像素中；解码器输出的是像素均值。',
          },
        },
      ],
    },
    {
      id: 'twice',
      kind: 'single',
      prompt: {
        en: 'An output that is itself a plausible image, drawn independently of the target, has what expected squared error compared with the mean image?',
        zh: '如果输出本身是一张合理的图像，且与目标独立抽取，那么它的期望平方误差与均值图像相比如何？',
      },
      options: [
        {
          text: { en: 'Exactly twice as large.', zh: '恰好是两倍。' },
          correct: true,
          why: {
            en: 'Right: so a pixel-wise loss always prefers the blurry mean to any sharp sample.',
            zh: '正确：所以逐像素损失总是偏好模糊的均值，而不是任何清晰的样本。',
          },
          ref: 'eq:twice',
        },
        {
          text: { en: 'The same.', zh: '相同。' },
          correct: false,
          why: { en: "The independent draw adds its own variance to the mean's.", zh: '独立抽取的样本在均值误差之外又加上了自己的方差。' },
          ref: 'eq:twice',
        },
        {
          text: { en: 'Smaller, because it is sharp.', zh: '更小，因为它更清晰。' },
          correct: false,
          why: { en: 'Sharpness is not rewarded by a pixel-wise loss.', zh: '逐像素损失不奖励锐度。' },
        },
      ],
    },
    {
      id: 'grey-pixel-numeric',
      kind: 'numeric',
      prompt: {
        en: 'A pixel is 1 in half the images at a code and 0 in the other half. The decoder outputs the optimal Bernoulli mean. What is its expected loss on that pixel, in nats, to 3 decimals?',
        zh: '在某个编码处，一个像素在一半图像中为 1，另一半中为 0。解码器输出最优的伯努利均值。该像素的期望损失是多少奈特？保留 3 位小数。',
      },
      answer: Math.LN2 - klDiscrete([0.5, 0.5], [0.5, 0.5]),
      tolerance: 0.0005,
      explanation: {
        en: 'The optimal mean is 0.5 and the loss is the entropy $H(0.5) = \\log 2 = 0.693$; committing to 0 or 1 would cost infinitely much on half the images.',
        zh: '最优均值为 0.5，损失为熵 $H(0.5) = \\log 2 = 0.693$；若坚持输出 0 或 1，在一半图像上代价无穷大。',
      },
      ref: 'eq:bernoulli-optimum',
    },
    {
      id: 'three-losses',
      kind: 'multiple',
      prompt: { en: 'In the VAE-GAN of Larsen et al., which statements are true?', zh: '在 Larsen 等人的 VAE-GAN 中，哪些说法正确？' },
      options: [
        {
          text: {
            en: 'Reconstruction is measured in a hidden layer of the discriminator instead of in pixels.',
            zh: '重构误差在判别器的某个隐藏层中度量，而不是在像素空间中。',
          },
          correct: true,
          why: { en: 'Right: a learned feature space in which shifted strokes are close.', zh: '正确：这是一个学习到的特征空间，在其中错位的笔画彼此接近。' },
          ref: 'eq:dis-l',
        },
        {
          text: { en: "The decoder is also the GAN's generator, trained to fool the discriminator.", zh: '解码器同时也是 GAN 的生成器，被训练去骗过判别器。' },
          correct: true,
          why: { en: 'Right: on reconstructions and on samples from the prior.', zh: '正确：既针对重构图像，也针对来自先验的样本。' },
          ref: 'eq:l-gan',
        },
        {
          text: { en: 'The encoder is trained by the GAN loss alone.', zh: '编码器只由 GAN 损失训练。' },
          correct: false,
          why: { en: 'The encoder gets the KL term and the reconstruction term.', zh: '编码器由 KL 项和重构项训练。' },
          ref: 'eq:updates',
        },
      ],
    },
    {
      id: 'book-simplification',
      kind: 'single',
      prompt: { en: "What does the book's simplified VAE-GAN keep that the original does not?", zh: '本书简化的 VAE-GAN 保留了原版没有的什么？' },
      options: [
        {
          text: {
            en: 'A pixel-space Bernoulli reconstruction term, so its encoder loss is still a negative ELBO (with β).',
            zh: '像素空间的伯努利重构项，所以它的编码器损失仍是（带 β 的）负 ELBO。',
          },
          correct: true,
          why: {
            en: 'Right: which is why it can report a bound in nats, unlike the original.',
            zh: '正确：因此它能像 VAE 一样报告以奈特为单位的下界，而原版不能。',
          },
          ref: 'eq:book-losses',
        },
        {
          text: { en: 'A discriminator-feature reconstruction term.', zh: '判别器特征上的重构项。' },
          correct: false,
          why: { en: "That is the original's choice, which the book replaces.", zh: '那是原版的做法，本书将其替换了。' },
          ref: 'eq:dis-l',
        },
        {
          text: { en: 'No discriminator at all.', zh: '完全没有判别器。' },
          correct: false,
          why: { en: 'It keeps the discriminator and the GAN terms.', zh: '它保留了判别器和 GAN 项。' },
          ref: 'eq:book-losses',
        },
      ],
    },
    {
      id: 'vaegan-compare-task',
      kind: 'figure',
      figure: 'fig:vaegan-compare',
      check: 'vaegan-sharper-than-real',
      prompt: {
        en: "In the VAE-GAN comparison, make the VAE-GAN's sample grid score a higher sharpness (mean |Laplacian|) than the real test digits of the table, using only the figure's controls, then read the greyness of the same grid. The shipped weights will not get there.",
        zh: '在 VAE-GAN 对比图中，只用图中的控件，让 VAE-GAN 这组样本的锐度（|拉普拉斯算子| 的均值）高于表中的真实测试数字，再看同一组图像的灰度。用随附的权重做不到这一点。',
      },
      explanation: {
        en: 'Press “Train from scratch” and pause at once: new random weights decode every code to noise, which changes abruptly from pixel to pixel and so beats real handwriting on the sharpness figure, while its greyness is many times theirs. The figure measures abrupt changes of intensity, not realism. A trained decoder outputs conditional means $\\mathbb{E}[\\mathbf{x} \\mid \\mathbf{z}]$ and scores below real digits; neither figure says whether a sample is a digit, so compare the grids by eye and by several figures together, as the chapter does.',
        zh: '按下“从头训练”并立即暂停：新的随机权重把每个编码都解码成噪声。噪声的亮度在相邻像素间剧烈变化，因此在锐度上胜过真实手写数字，而它的灰度却是真实数字的许多倍。锐度衡量的是亮度的突变，而不是逼真程度。训练好的解码器输出的是条件均值 $\\mathbb{E}[\\mathbf{x} \\mid \\mathbf{z}]$，锐度低于真实数字；两个指标都不能说明样本是不是数字，所以要像本章那样，用眼睛并结合多个指标来比较这些图像。',
      },
      ref: 'eq:cond-mean',
    },
  ],
};
