/** Chapter 4 (the reparameterisation trick): self-check questions. Numeric answers come from src/lib/math/gradient-estimators. */
import { perSampleVariance, testFunction } from '../lib/math/gradient-estimators.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

const square = testFunction('square');
const q = { mu: 1, sigma: 1 };

export const questions: ChapterQuestions = {
  slug: 'reparameterisation-trick',
  chapter: '4',
  questions: [
    {
      id: 'pathwise-form',
      kind: 'single',
      prompt: {
        en: 'How does the reparameterisation trick write a sample $z \\sim \\mathcal{N}(\\mu, \\sigma^2)$?',
        zh: '重参数化技巧如何表示样本 $z \\sim \\mathcal{N}(\\mu, \\sigma^2)$？',
      },
      options: [
        {
          text: {
            en: '$z = \\mu + \\sigma \\varepsilon$ with $\\varepsilon \\sim \\mathcal{N}(0, 1)$, so $z$ is a differentiable function of $\\mu$ and $\\sigma$.',
            zh: '$z = \\mu + \\sigma \\varepsilon$，其中 $\\varepsilon \\sim \\mathcal{N}(0, 1)$，于是 $z$ 是 $\\mu$ 和 $\\sigma$ 的可微函数。',
          },
          correct: true,
          why: {
            en: 'Right: the randomness moves into $\\varepsilon$, which does not depend on the parameters.',
            zh: '正确：随机性转移到与参数无关的 $\\varepsilon$ 中。',
          },
          ref: 'eq:reparam',
        },
        {
          text: {
            en: '$z = \\mu + \\sigma^2 \\varepsilon$ with $\\varepsilon \\sim \\mathcal{N}(0, 1)$.',
            zh: '$z = \\mu + \\sigma^2 \\varepsilon$，其中 $\\varepsilon \\sim \\mathcal{N}(0, 1)$。',
          },
          correct: false,
          why: {
            en: 'That has variance $\\sigma^4$: the noise is scaled by the standard deviation, not the variance.',
            zh: '它的方差是 $\\sigma^4$：噪声应乘以标准差，而不是方差。',
          },
          ref: 'eq:reparam',
        },
        {
          text: { en: 'By drawing $z$ and stopping the gradient through it.', zh: '抽取 $z$ 后阻断经过它的梯度。' },
          correct: false,
          why: { en: 'That is exactly what blocks the gradient with respect to $\\mu$ and $\\sigma$.', zh: '这恰恰阻断了对 $\\mu$ 和 $\\sigma$ 的梯度。' },
          ref: 'eq:square-gradient',
        },
      ],
    },
    {
      id: 'unbiased',
      kind: 'multiple',
      prompt: { en: 'For a smooth $f$ and Gaussian $q$, which statements hold?', zh: '对光滑函数 $f$ 和高斯分布 $q$，哪些说法成立？' },
      options: [
        {
          text: { en: 'Both the score-function and the pathwise estimator are unbiased.', zh: '得分函数估计量和路径导数估计量都是无偏的。' },
          correct: true,
          why: { en: "Right: both average to the true gradient; Stein's lemma links them.", zh: '正确：两者的期望都等于真实梯度；Stein 引理把它们联系起来。' },
          ref: 'eq:stein',
        },
        {
          text: { en: 'The pathwise estimator usually has much lower variance.', zh: '路径导数估计量的方差通常小得多。' },
          correct: true,
          why: {
            en: "Right: it uses $f'$, the score-function estimator only the values of $f$.",
            zh: "正确：它用到了 $f'$，而得分函数估计量只用到 $f$ 的取值。",
          },
          ref: 'eq:variance-square',
        },
        {
          text: { en: 'The score-function estimator needs $f$ to be differentiable.', zh: '得分函数估计量要求 $f$ 可微。' },
          correct: false,
          why: {
            en: 'It needs only $\\nabla \\log q$; it works for a step function, where the pathwise one gives 0.',
            zh: '它只需要 $\\nabla \\log q$；对阶跃函数也适用，而路径导数估计量在那里给出 0。',
          },
          ref: 'eq:score-function',
        },
      ],
    },
    {
      id: 'pathwise-variance-numeric',
      kind: 'numeric',
      prompt: {
        en: 'For $f(z) = z^2$ and $q = \\mathcal{N}(1, 1)$, what is the variance of the single-sample pathwise estimate of $\\partial \\mathbb{E}[f] / \\partial \\mu$?',
        zh: '对 $f(z) = z^2$ 和 $q = \\mathcal{N}(1, 1)$，$\\partial \\mathbb{E}[f] / \\partial \\mu$ 的单样本路径导数估计的方差是多少？',
      },
      answer: perSampleVariance('pathwise', square, q, 'mu'),
      tolerance: 0.005,
      explanation: {
        en: 'The estimate is $2(\\mu + \\sigma\\varepsilon)$, whose variance is $4\\sigma^2 = 4$.',
        zh: '估计值为 $2(\\mu + \\sigma\\varepsilon)$，其方差为 $4\\sigma^2 = 4$。',
      },
      ref: 'eq:variance-square',
    },
    {
      id: 'score-variance-numeric',
      kind: 'numeric',
      prompt: {
        en: 'Same $f$ and $q$: what is the variance of the single-sample score-function estimate of $\\partial \\mathbb{E}[f] / \\partial \\mu$ (no baseline)?',
        zh: '同样的 $f$ 和 $q$：$\\partial \\mathbb{E}[f] / \\partial \\mu$ 的单样本得分函数估计（不用基线）的方差是多少？',
      },
      answer: perSampleVariance('score', square, q, 'mu'),
      tolerance: 0.005,
      explanation: {
        en: 'The estimate is $(\\mu + \\sigma\\varepsilon)^2 \\varepsilon / \\sigma$; its second moment minus the squared mean $(2\\mu)^2$ gives $1 + 12 + 15 + 6 - 4 = 30$, seven and a half times the pathwise variance.',
        zh: '估计值为 $(\\mu + \\sigma\\varepsilon)^2 \\varepsilon / \\sigma$；二阶矩减去均值的平方 $(2\\mu)^2$ 得 $1 + 12 + 15 + 6 - 4 = 30$，是路径导数估计量方差的 7.5 倍。',
      },
      ref: 'eq:variance-square',
    },
    {
      id: 'baseline',
      kind: 'single',
      prompt: {
        en: 'Why may a constant baseline $b$ be subtracted in the score-function estimator, $(f(z) - b) \\nabla \\log q(z)$?',
        zh: '为什么可以在得分函数估计量中减去常数基线 $b$，即 $(f(z) - b) \\nabla \\log q(z)$？',
      },
      options: [
        {
          text: {
            en: 'The score has mean zero, so $b \\nabla \\log q$ adds no bias, while a good $b$ reduces the variance.',
            zh: '得分的均值为零，所以 $b \\nabla \\log q$ 不引入偏差，而合适的 $b$ 能降低方差。',
          },
          correct: true,
          why: { en: 'Right.', zh: '正确。' },
          ref: 'eq:score-mean-zero',
        },
        {
          text: { en: 'It makes the estimator biased but with lower variance.', zh: '它使估计量有偏，但方差更小。' },
          correct: false,
          why: {
            en: 'No bias is introduced, whatever $b$ is (as long as it does not depend on $z$).',
            zh: '无论 $b$ 取何值（只要不依赖 $z$），都不会引入偏差。',
          },
          ref: 'eq:baseline',
        },
        {
          text: { en: 'It turns it into the pathwise estimator.', zh: '它把它变成了路径导数估计量。' },
          correct: false,
          why: { en: 'It still uses only values of $f$, never its derivative.', zh: '它仍然只用 $f$ 的取值，从不用其导数。' },
        },
      ],
    },
    {
      id: 'gradient-estimators-task',
      kind: 'figure',
      figure: 'fig:gradient-estimators',
      check: 'score-matches-pathwise',
      prompt: {
        en: "In the gradient-estimator figure, with $f(z) = z^2$ and the gradient with respect to $\\mu$, choose the smallest sample count $N$ at which the score-function estimate's standard deviation is no larger than that of the pathwise estimate from one sample.",
        zh: '在梯度估计量图中，取 $f(z) = z^2$ 并对 $\\mu$ 求梯度，选出使得分函数估计量的标准差不超过单样本路径导数估计量标准差的最小样本数 $N$。',
      },
      explanation: {
        en: 'The standard deviation of an $N$-sample average falls like $1/\\sqrt{N}$; at the default $q = \\mathcal{N}(1, 1)$ the score-function estimator needs $N = 16$ samples to match one pathwise sample ($\\sqrt{30/16} \\le 2$, while $\\sqrt{30/4} > 2$).',
        zh: '$N$ 个样本平均的标准差按 $1/\\sqrt{N}$ 下降；在默认的 $q = \\mathcal{N}(1, 1)$ 下，得分函数估计量需要 $N = 16$ 个样本才能赶上一个路径导数样本（$\\sqrt{30/16} \\le 2$，而 $\\sqrt{30/4} > 2$）。',
      },
      ref: 'eq:variance-square',
    },
  ],
};
