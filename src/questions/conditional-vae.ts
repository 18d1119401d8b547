/** Chapter 7 (the conditional VAE): self-check questions. */
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

export const questions: ChapterQuestions = {
  slug: 'conditional-vae',
  chapter: '7',
  questions: [
    {
      id: 'where-label',
      kind: 'multiple',
      prompt: { en: "In the book's CVAE, where does the label $y$ enter?", zh: '在本书的 CVAE 中，标签 $y$ 从哪里输入？' },
      options: [
        {
          text: { en: 'The encoder, $q_\\phi(\\mathbf{z} \\mid \\mathbf{x}, y)$.', zh: '编码器 $q_\\phi(\\mathbf{z} \\mid \\mathbf{x}, y)$。' },
          correct: true,
          why: { en: 'Right: as a one-hot vector concatenated with the image.', zh: '正确：以独热向量的形式与图像拼接。' },
          ref: 'eq:cvae-model',
        },
        {
          text: { en: 'The decoder, $p_\\theta(\\mathbf{x} \\mid \\mathbf{z}, y)$.', zh: '解码器 $p_\\theta(\\mathbf{x} \\mid \\mathbf{z}, y)$。' },
          correct: true,
          why: { en: 'Right: this is what lets us ask for a digit.', zh: '正确：这让我们可以指定要生成的数字。' },
          ref: 'eq:cvae-model',
        },
        {
          text: { en: 'The prior, which becomes a different Gaussian for each label.', zh: '先验，它对每个标签变成不同的高斯分布。' },
          correct: false,
          why: {
            en: 'The book keeps $p(\\mathbf{z}) = \\mathcal{N}(\\mathbf{0}, \\mathbf{I})$ for every label; a label-dependent prior is an exercise.',
            zh: '本书对每个标签都保持 $p(\\mathbf{z}) = \\mathcal{N}(\\mathbf{0}, \\mathbf{I})$；依赖标签的先验留作习题。',
          },
          ref: 'ex:conditional-prior',
        },
      ],
    },
    {
      id: 'conditional-elbo',
      kind: 'single',
      prompt: { en: 'The conditional ELBO is a lower bound on…', zh: '条件 ELBO 是以下哪个量的下界？' },
      options: [
        {
          text: { en: '$\\log p_\\theta(\\mathbf{x} \\mid y)$', zh: '$\\log p_\\theta(\\mathbf{x} \\mid y)$' },
          correct: true,
          why: {
            en: 'Right: the same derivation as chapter 3 with every distribution conditioned on $y$.',
            zh: '正确：推导与第 3 章相同，只是每个分布都以 $y$ 为条件。',
          },
          ref: 'eq:cvae-elbo',
        },
        {
          text: { en: '$\\log p_\\theta(\\mathbf{x}, y)$', zh: '$\\log p_\\theta(\\mathbf{x}, y)$' },
          correct: false,
          why: { en: 'The label is given, not modelled; there is no $p(y)$ in the bound.', zh: '标签是给定的，而不是被建模的；下界中没有 $p(y)$。' },
          ref: 'eq:cond-evidence',
        },
        {
          text: { en: '$\\log p_\\theta(y \\mid \\mathbf{x})$', zh: '$\\log p_\\theta(y \\mid \\mathbf{x})$' },
          correct: false,
          why: { en: 'A CVAE is not a classifier.', zh: 'CVAE 不是分类器。' },
        },
      ],
    },
    {
      id: 'code-learns-style',
      kind: 'single',
      prompt: {
        en: "Given the label, what does the CVAE's code $\\mathbf{z}$ end up describing?",
        zh: '在给定标签时，CVAE 的编码 $\\mathbf{z}$ 最终描述的是什么？',
      },
      options: [
        {
          text: {
            en: 'The style (slant, width, thickness), since the identity of the digit already comes for free through $y$.',
            zh: '书写风格（倾斜、宽度、粗细），因为数字的身份已经通过 $y$ 免费提供。',
          },
          correct: true,
          why: {
            en: 'Right: information about the class in $\\mathbf{z}$ would cost KL without improving reconstruction.',
            zh: '正确：把类别信息放进 $\\mathbf{z}$ 会增加 KL，却不会改善重构。',
          },
          ref: 'eq:kl-information',
        },
        {
          text: { en: "Mainly the digit's class, as in the plain VAE.", zh: '主要是数字的类别，与普通 VAE 相同。' },
          correct: false,
          why: { en: 'The codes of different labels mix in one cloud (see the figure).', zh: '不同标签的编码混在同一团中（见图）。' },
          ref: 'fig:cvae-explorer',
        },
        {
          text: { en: 'Nothing: the code collapses to the prior.', zh: '什么也不描述：编码坍缩到先验。' },
          correct: false,
          why: {
            en: 'The KL term stays positive (about 4.4 nats for the shipped model): the code still carries the style.',
            zh: 'KL 项仍为正（发布模型约为 4.4 奈特）：编码仍携带风格信息。',
          },
        },
      ],
    },
    {
      id: 'generate',
      kind: 'single',
      prompt: { en: 'How does one generate a "7" with the trained CVAE?', zh: '如何用训练好的 CVAE 生成一个“7”？' },
      options: [
        {
          text: {
            en: 'Draw $\\mathbf{z} \\sim \\mathcal{N}(\\mathbf{0}, \\mathbf{I})$ and decode it with $y = 7$.',
            zh: '抽取 $\\mathbf{z} \\sim \\mathcal{N}(\\mathbf{0}, \\mathbf{I})$，并以 $y = 7$ 解码。',
          },
          correct: true,
          why: { en: 'Right: no encoder is needed at generation time.', zh: '正确：生成时不需要编码器。' },
          ref: 'eq:cvae-generate',
        },
        {
          text: { en: 'Encode an image of a 7 and decode its code without a label.', zh: '编码一张 7 的图像，再不带标签解码。' },
          correct: false,
          why: { en: 'The decoder always needs a label; and generation should not need an input image.', zh: '解码器总是需要标签；而且生成不应依赖输入图像。' },
        },
        {
          text: { en: 'Search for the region of code space where 7s cluster.', zh: '在编码空间中寻找 7 聚集的区域。' },
          correct: false,
          why: { en: 'That is how one would try with a plain VAE; in a CVAE the classes do not cluster.', zh: '那是普通 VAE 的做法；在 CVAE 中各类并不聚集。' },
          ref: 'fig:cvae-explorer',
        },
      ],
    },
    {
      id: 'fair-comparison',
      kind: 'single',
      prompt: {
        en: "The CVAE's loss is lower than a VAE's on the same images. Does that make it the better density model of MNIST?",
        zh: '在同样的图像上，CVAE 的损失低于 VAE。这是否说明它是更好的 MNIST 密度模型？',
      },
      options: [
        {
          text: {
            en: 'No: it bounds $\\log p(\\mathbf{x} \\mid y)$, which is given the label for free; compare with $\\log p(\\mathbf{x})$ only after accounting for $y$.',
            zh: '不是：它是 $\\log p(\\mathbf{x} \\mid y)$ 的下界，标签是免费给出的；要与 $\\log p(\\mathbf{x})$ 比较，必须先考虑 $y$ 的代价。',
          },
          correct: true,
          why: {
            en: "Right: at most $\\log 10 = 2.3$ nats of the difference can be the label's information.",
            zh: '正确：差值中至多 $\\log 10 = 2.3$ 奈特可以归于标签的信息。',
          },
          ref: 'ex:fair-comparison',
        },
        {
          text: { en: 'Yes: a lower loss is always a better model.', zh: '是：损失越低，模型总是越好。' },
          correct: false,
          why: { en: 'Only when the two losses bound the same quantity.', zh: '只有当两种损失是同一个量的下界时才成立。' },
        },
        {
          text: { en: 'Yes, because it has more parameters.', zh: '是，因为它参数更多。' },
          correct: false,
          why: { en: 'Parameter count says nothing about which quantity is bounded.', zh: '参数数量与下界所针对的量无关。' },
        },
      ],
    },
    {
      id: 'cvae-explorer-task',
      kind: 'figure',
      figure: 'fig:cvae-explorer',
      check: 'cvae-far-seven',
      prompt: {
        en: "In the CVAE explorer, make the decoder draw a 7 that the classifier reads as 7 at a code $\\mathbf{z}$ at least 2 away from the origin (outside the disc that holds 86 % of the prior's mass).",
        zh: '在 CVAE 探索器中，让解码器在离原点至少 2 的编码 $\\mathbf{z}$ 处画出一个被分类器读作 7 的 7（该处在容纳先验 86% 质量的圆盘之外）。',
      },
      explanation: {
        en: 'Choose $y = 7$ and move $\\mathbf{z}$ out (the arrow keys, or press on the pad): the class stays 7 almost everywhere, only the handwriting changes. The label carries the class, so $\\mathbf{z}$ is free to encode style; there is no region of code space to search for.',
        zh: '选择 $y = 7$，再把 $\\mathbf{z}$ 向外移动（方向键，或在面板上按下）：类别几乎处处保持为 7，变化的只是笔迹。标签携带了类别，$\\mathbf{z}$ 便只需编码风格；无须在编码空间中寻找某个区域。',
      },
      ref: 'eq:cvae-generate',
    },
  ],
};
