/** Chapter 1 (generative models): self-check questions. Numeric answers come from src/lib/math/mixture. */
import { fitGaussian } from '../lib/math/mixture.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

export const questions: ChapterQuestions = {
  slug: 'generative-models',
  chapter: '1',
  questions: [
    {
      id: 'generative-vs-discriminative',
      kind: 'single',
      prompt: {
        en: 'What does a generative model of images $\\mathbf{x}$ with labels $y$ learn that a discriminative classifier does not?',
        zh: '对于带标签 $y$ 的图像 $\\mathbf{x}$，生成模型学到了哪些判别式分类器学不到的东西？',
      },
      options: [
        {
          text: {
            en: 'A distribution over the inputs themselves, $p(\\mathbf{x})$ or $p(\\mathbf{x}, y)$, from which new inputs can be sampled.',
            zh: '输入本身的分布 $p(\\mathbf{x})$ 或 $p(\\mathbf{x}, y)$，可以从中采样出新的输入。',
          },
          correct: true,
          why: {
            en: "Right: a classifier models only $p(y \\mid \\mathbf{x})$; Bayes' rule turns a generative model into a classifier, not the other way round.",
            zh: '正确：分类器只建模 $p(y \\mid \\mathbf{x})$；借助 Bayes 公式可以把生成模型变成分类器，反过来则不行。',
          },
          ref: 'eq:bayes-classifier',
        },
        {
          text: { en: 'A more accurate $p(y \\mid \\mathbf{x})$, always.', zh: '总是更准确的 $p(y \\mid \\mathbf{x})$。' },
          correct: false,
          why: {
            en: 'Not always: modelling $\\mathbf{x}$ is harder, and a direct classifier often classifies better.',
            zh: '并非总是如此：建模 $\\mathbf{x}$ 更难，直接训练的分类器往往分类更准。',
          },
        },
        {
          text: { en: 'Nothing: both describe the same joint distribution.', zh: '没有区别：两者描述同一个联合分布。' },
          correct: false,
          why: { en: 'A classifier says nothing about which inputs are likely.', zh: '分类器不告诉我们哪些输入更可能出现。' },
        },
      ],
    },
    {
      id: 'mle-kl',
      kind: 'single',
      prompt: {
        en: 'Maximising the average log-likelihood of data drawn from $p_{\\text{data}}$ is the same as…',
        zh: '对来自 $p_{\\text{data}}$ 的数据最大化平均对数似然，等价于……',
      },
      options: [
        {
          text: {
            en: 'minimising $D_{\\mathrm{KL}}(p_{\\text{data}} \\,\\|\\, p_\\theta)$ over $\\theta$.',
            zh: '对 $\\theta$ 最小化 $D_{\\mathrm{KL}}(p_{\\text{data}} \\,\\|\\, p_\\theta)$。',
          },
          correct: true,
          why: {
            en: "Right: the divergence is the data's (constant) negative entropy minus the expected log-likelihood.",
            zh: '正确：该散度等于数据的（常数）负熵减去期望对数似然。',
          },
          ref: 'eq:mle-kl',
        },
        {
          text: {
            en: 'minimising $D_{\\mathrm{KL}}(p_\\theta \\,\\|\\, p_{\\text{data}})$ over $\\theta$.',
            zh: '对 $\\theta$ 最小化 $D_{\\mathrm{KL}}(p_\\theta \\,\\|\\, p_{\\text{data}})$。',
          },
          correct: false,
          why: {
            en: "That direction averages under the model and needs $p_{\\text{data}}$'s density, which we never have.",
            zh: '这个方向在模型下取平均，并且需要 $p_{\\text{data}}$ 的密度，而我们从来得不到它。',
          },
          ref: 'eq:mle-kl',
        },
        {
          text: { en: "minimising the squared distance between the sample mean and the model's mean.", zh: '最小化样本均值与模型均值之间的平方距离。' },
          correct: false,
          why: { en: "That is true only of the Gaussian's mean, not of maximum likelihood in general.", zh: '这只对高斯分布的均值成立，不是一般的极大似然。' },
          ref: 'eq:gauss-mle',
        },
      ],
    },
    {
      id: 'gauss-mle-sigma',
      kind: 'numeric',
      prompt: {
        en: 'Fit a Gaussian by maximum likelihood to the points 1, 2, 3, 6. What is $\\hat\\sigma$, to 2 decimals?',
        zh: '用极大似然对数据点 1、2、3、6 拟合一个高斯分布。$\\hat\\sigma$ 是多少？保留 2 位小数。',
      },
      answer: fitGaussian([1, 2, 3, 6]).sigma,
      tolerance: 0.005,
      explanation: {
        en: '$\\hat\\mu = 3$ and $\\hat\\sigma^2 = (4 + 1 + 0 + 9)/4 = 3.5$: the maximum-likelihood variance divides by $N$, not $N - 1$.',
        zh: '$\\hat\\mu = 3$，$\\hat\\sigma^2 = (4 + 1 + 0 + 9)/4 = 3.5$：极大似然方差除以 $N$，而不是 $N - 1$。',
      },
      ref: 'eq:gauss-mle',
    },
    {
      id: 'latent-marginal',
      kind: 'single',
      prompt: { en: 'In a latent-variable model, how is the density of an observation obtained?', zh: '在隐变量模型中，观测的密度是怎样得到的？' },
      options: [
        {
          text: {
            en: 'By integrating the joint over the latent variable: $p(\\mathbf{x}) = \\int p(\\mathbf{x} \\mid \\mathbf{z})\\, p(\\mathbf{z})\\, d\\mathbf{z}$.',
            zh: '对隐变量积分联合分布：$p(\\mathbf{x}) = \\int p(\\mathbf{x} \\mid \\mathbf{z})\\, p(\\mathbf{z})\\, d\\mathbf{z}$。',
          },
          correct: true,
          why: { en: 'Right: the observation is a shadow of every code that could have produced it.', zh: '正确：观测是所有可能产生它的编码投下的“影子”。' },
          ref: 'eq:latent-marginal',
        },
        {
          text: {
            en: 'By evaluating $p(\\mathbf{x} \\mid \\mathbf{z})$ at the most likely $\\mathbf{z}$.',
            zh: '在最可能的 $\\mathbf{z}$ 处计算 $p(\\mathbf{x} \\mid \\mathbf{z})$。',
          },
          correct: false,
          why: { en: 'That is one term of the integral, a lower value than the marginal in general.', zh: '这只是积分中的一项，一般小于边缘似然。' },
        },
        {
          text: { en: 'From the posterior $p(\\mathbf{z} \\mid \\mathbf{x})$ alone.', zh: '只用后验 $p(\\mathbf{z} \\mid \\mathbf{x})$。' },
          correct: false,
          why: {
            en: 'The posterior needs $p(\\mathbf{x})$ as its normaliser; it does not give it.',
            zh: '后验本身需要 $p(\\mathbf{x})$ 作为归一化常数，不能反过来给出它。',
          },
          ref: 'eq:posterior',
        },
      ],
    },
    {
      id: 'unbounded',
      kind: 'single',
      prompt: {
        en: 'Why can maximum likelihood for a mixture of two Gaussians fail badly when a variance may shrink freely?',
        zh: '当方差可以任意缩小时，为什么两个高斯分布的混合的极大似然会严重失效？',
      },
      options: [
        {
          text: {
            en: 'A component centred on one data point with $\\sigma \\to 0$ sends the likelihood to infinity.',
            zh: '某个分量以一个数据点为中心且 $\\sigma \\to 0$ 时，似然趋于无穷大。',
          },
          correct: true,
          why: {
            en: 'Right: the likelihood is unbounded, so a floor on $\\sigma$ (or a prior) is needed.',
            zh: '正确：似然无上界，因此需要给 $\\sigma$ 设下限（或加先验）。',
          },
          ref: 'ex:unbounded',
        },
        {
          text: { en: 'The log-likelihood becomes negative.', zh: '对数似然变为负数。' },
          correct: false,
          why: { en: 'A negative log-likelihood is normal for densities; it is not a failure.', zh: '对密度而言，对数似然为负很正常，不是失效。' },
        },
        {
          text: { en: 'The mixture weights no longer sum to one.', zh: '混合权重之和不再为 1。' },
          correct: false,
          why: { en: 'The weights are constrained to sum to one whatever the variances do.', zh: '无论方差如何，权重都被约束为和为 1。' },
          ref: 'eq:mixture',
        },
      ],
    },
    {
      id: 'density-fit-task',
      kind: 'figure',
      figure: 'fig:density-fit',
      check: 'density-gaussian-mle',
      prompt: {
        en: 'In the density-fitting figure, with the single Gaussian, set $\\mu$ and $\\sigma$ by hand so that the average log-likelihood of the points is within 0.005 nats of its maximum.',
        zh: '在密度拟合图中使用单个高斯分布，手动设置 $\\mu$ 和 $\\sigma$，使数据点的平均对数似然与其最大值相差不到 0.005 奈特。',
      },
      explanation: {
        en: 'The maximum is at the sample mean and the standard deviation that divides by $N$.',
        zh: '最大值在样本均值和除以 $N$ 的标准差处取得。',
      },
      ref: 'eq:gauss-mle',
    },
  ],
};
