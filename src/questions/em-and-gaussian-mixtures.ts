/** Chapter 2 (EM and Gaussian mixtures): self-check questions. Numeric answers come from src/lib/math/mixture. */
import { eStep } from '../lib/math/mixture.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

const twoComponents = [
  { weight: 0.5, mu: 0, sigma: 1 },
  { weight: 0.5, mu: 2, sigma: 1 },
];

export const questions: ChapterQuestions = {
  slug: 'em-and-gaussian-mixtures',
  chapter: '2',
  questions: [
    {
      id: 'responsibility-numeric',
      kind: 'numeric',
      prompt: {
        en: 'A mixture has $\\pi_1 = \\pi_2 = 0.5$, $\\mathcal{N}(0, 1)$ and $\\mathcal{N}(2, 1)$. What is the responsibility of component 2 for the point $x = 1.5$, to 3 decimals?',
        zh: '混合模型为 $\\pi_1 = \\pi_2 = 0.5$，分量 $\\mathcal{N}(0, 1)$ 和 $\\mathcal{N}(2, 1)$。分量 2 对点 $x = 1.5$ 的责任度是多少？保留 3 位小数。',
      },
      answer: eStep([1.5], twoComponents).responsibilities[0]?.[1] ?? Number.NaN,
      tolerance: 0.0005,
      explanation: {
        en: 'The ratio of the two weighted densities is $\\exp((1.5^2 - 0.5^2)/2) = e$, so $r = e/(1 + e) = 0.731$.',
        zh: '两个加权密度之比为 $\\exp((1.5^2 - 0.5^2)/2) = e$，所以 $r = e/(1 + e) = 0.731$。',
      },
      ref: 'eq:responsibility',
    },
    {
      id: 'e-step',
      kind: 'single',
      prompt: { en: 'What does the E-step compute, and what happens to the bound?', zh: 'E 步计算什么？下界会发生什么变化？' },
      options: [
        {
          text: {
            en: 'The posterior over the labels, $q(z_n) = p(z_n \\mid x_n, \\theta)$; the bound then equals the log-likelihood.',
            zh: '标签的后验 $q(z_n) = p(z_n \\mid x_n, \\theta)$；此后下界等于对数似然。',
          },
          correct: true,
          why: {
            en: 'Right: the gap is $D_{\\mathrm{KL}}(q \\,\\|\\, p(z \\mid x))$, zero at the posterior.',
            zh: '正确：间隙是 $D_{\\mathrm{KL}}(q \\,\\|\\, p(z \\mid x))$，取后验时为零。',
          },
          ref: 'eq:elbo-gap',
        },
        {
          text: { en: 'New means and variances by weighted maximum likelihood.', zh: '用加权极大似然求新的均值和方差。' },
          correct: false,
          why: { en: 'That is the M-step.', zh: '那是 M 步。' },
          ref: 'eq:m-step-gauss',
        },
        {
          text: { en: 'The hard assignment of each point to its nearest mean.', zh: '把每个点硬分配给最近的均值。' },
          correct: false,
          why: { en: 'That is k-means, the limit of EM as the variances shrink.', zh: '那是 k 均值算法，即方差趋于零时 EM 的极限。' },
          ref: 'ex:kmeans',
        },
      ],
    },
    {
      id: 'monotone',
      kind: 'multiple',
      prompt: { en: 'Which statements about EM are true?', zh: '关于 EM 算法，哪些说法正确？' },
      options: [
        {
          text: { en: 'The log-likelihood never decreases from one iteration to the next.', zh: '对数似然在迭代之间从不下降。' },
          correct: true,
          why: {
            en: 'Right: the E-step closes the gap and the M-step raises the bound, which lies below the new log-likelihood.',
            zh: '正确：E 步消除间隙，M 步提升下界，而下界不超过新的对数似然。',
          },
          ref: 'eq:em-monotone',
        },
        {
          text: { en: 'It always finds the global maximum of the likelihood.', zh: '它总能找到似然的全局最大值。' },
          correct: false,
          why: { en: 'It is a local method: different starts reach different fixed points.', zh: '它是局部方法：不同的初始化会收敛到不同的不动点。' },
          ref: 'ex:symmetric-start',
        },
        {
          text: { en: 'It is coordinate ascent on one function of $q$ and $\\theta$.', zh: '它是对 $q$ 和 $\\theta$ 的同一个函数做坐标上升。' },
          correct: true,
          why: {
            en: 'Right: both steps raise the same lower bound $\\mathcal{L}(q, \\theta)$.',
            zh: '正确：两步都在提升同一个下界 $\\mathcal{L}(q, \\theta)$。',
          },
          ref: 'eq:elbo-discrete',
        },
        {
          text: { en: 'It needs a learning rate.', zh: '它需要设置学习率。' },
          correct: false,
          why: { en: 'Both steps are solved in closed form for a Gaussian mixture.', zh: '对高斯混合模型，两步都有闭式解。' },
          ref: 'eq:m-step-weights',
        },
      ],
    },
    {
      id: 'm-step-weights',
      kind: 'single',
      prompt: { en: "After an E-step, what is the M-step's new mixture weight $\\pi_k$?", zh: 'E 步之后，M 步给出的新混合权重 $\\pi_k$ 是什么？' },
      options: [
        {
          text: { en: 'The average responsibility of component $k$ over all points, $N_k / N$.', zh: '分量 $k$ 在所有点上的平均责任度 $N_k / N$。' },
          correct: true,
          why: {
            en: 'Right: maximising $\\sum_n r_{nk} \\log \\pi_k$ under $\\sum_k \\pi_k = 1$ gives it.',
            zh: '正确：在 $\\sum_k \\pi_k = 1$ 约束下最大化 $\\sum_n r_{nk} \\log \\pi_k$ 即得。',
          },
          ref: 'eq:m-step-weights',
        },
        {
          text: { en: 'The fraction of points nearest to mean $k$.', zh: '离均值 $k$ 最近的点所占的比例。' },
          correct: false,
          why: { en: 'EM uses soft responsibilities, not nearest-mean counts.', zh: 'EM 使用软责任度，而不是按最近均值计数。' },
        },
        {
          text: { en: '$1/K$, always.', zh: '总是 $1/K$。' },
          correct: false,
          why: { en: 'Only if the responsibilities happen to balance.', zh: '只有责任度恰好平衡时才如此。' },
        },
      ],
    },
    {
      id: 'why-not-enough',
      kind: 'single',
      prompt: {
        en: 'Why can EM not be used as it is for a model whose latent variable is continuous and whose decoder is a neural network?',
        zh: '当隐变量连续、解码器是神经网络时，为什么不能直接使用 EM？',
      },
      options: [
        {
          text: {
            en: 'The E-step needs the exact posterior $p(\\mathbf{z} \\mid \\mathbf{x})$, an intractable integral.',
            zh: 'E 步需要精确后验 $p(\\mathbf{z} \\mid \\mathbf{x})$，而它涉及难以计算的积分。',
          },
          correct: true,
          why: { en: 'Right: this is what the ELBO with a learned $q_\\phi$ replaces.', zh: '正确：这正是用可学习的 $q_\\phi$ 构造的 ELBO 要替代的部分。' },
          ref: 'eq:continuous-posterior',
        },
        {
          text: { en: 'The bound is no longer a lower bound.', zh: '下界不再是下界。' },
          correct: false,
          why: { en: 'It is a lower bound for any $q$.', zh: '对任何 $q$ 它都是下界。' },
          ref: 'eq:elbo-gap',
        },
        {
          text: { en: 'Gradients cannot be computed for neural networks.', zh: '神经网络无法计算梯度。' },
          correct: false,
          why: { en: 'Backpropagation computes them; the obstacle is the posterior.', zh: '反向传播可以计算梯度；障碍在于后验。' },
        },
      ],
    },
    {
      id: 'em-stepper-task',
      kind: 'figure',
      figure: 'fig:em-stepper',
      check: 'em-converged',
      prompt: {
        en: 'In the EM stepper, run EM (by steps or with Run) until it has converged: another E-step and M-step would raise the log-likelihood by less than 0.0001 nats per point.',
        zh: '在 EM 步进器中运行 EM（逐步或连续运行），直到收敛：再做一次 E 步和 M 步，每个点的对数似然提高不到 0.0001 奈特。',
      },
      explanation: {
        en: 'Each E-step closes the gap and each M-step raises the bound, so the log-likelihood climbs monotonically to a fixed point.',
        zh: '每次 E 步消除间隙，每次 M 步提升下界，因此对数似然单调上升，直到不动点。',
      },
      ref: 'eq:em-monotone',
    },
  ],
};
