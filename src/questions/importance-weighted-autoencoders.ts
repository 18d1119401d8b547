/** Chapter 8 (importance-weighted autoencoders): self-check questions. Numeric answers come from src/lib/math/iwae. */
import { asymptoticIwaeGap, logMeanExp } from '../lib/math/iwae.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

export const questions: ChapterQuestions = {
  slug: 'importance-weighted-autoencoders',
  chapter: '8',
  questions: [
    {
      id: 'l2-numeric',
      kind: 'numeric',
      prompt: {
        en: 'Two samples from $q$ have log importance weights $\\log w_1 = -1$ and $\\log w_2 = -3$. Compute this one-draw estimate of $\\mathcal{L}_2$ in nats, to 3 decimals.',
        zh: '来自 $q$ 的两个样本的对数重要性权重为 $\\log w_1 = -1$ 和 $\\log w_2 = -3$。计算 $\\mathcal{L}_2$ 的这一次估计，单位为奈特，保留 3 位小数。',
      },
      answer: logMeanExp([-1, -3]),
      tolerance: 0.0005,
      explanation: {
        en: '$\\log \\tfrac12(e^{-1} + e^{-3}) = -1 + \\log \\tfrac12(1 + e^{-2}) = -1.566$. Averaging the log-weights instead would give $-2$, the ELBO estimate.',
        zh: '$\\log \\tfrac12(e^{-1} + e^{-3}) = -1 + \\log \\tfrac12(1 + e^{-2}) = -1.566$。若改为平均对数权重，会得到 $-2$，即 ELBO 的估计。',
      },
      ref: 'eq:log-mean-exp',
    },
    {
      id: 'ordering',
      kind: 'multiple',
      prompt: { en: 'Which relations hold for the IWAE bounds $\\mathcal{L}_K$?', zh: 'IWAE 下界 $\\mathcal{L}_K$ 满足哪些关系？' },
      options: [
        {
          text: { en: '$\\mathcal{L}_1$ is the ELBO.', zh: '$\\mathcal{L}_1$ 就是 ELBO。' },
          correct: true,
          why: { en: 'Right: with one sample the average inside the log is a single weight.', zh: '正确：只有一个样本时，对数内的平均就是单个权重。' },
          ref: 'eq:l1-elbo',
        },
        {
          text: {
            en: '$\\mathcal{L}_K \\le \\mathcal{L}_{K+1} \\le \\log p(\\mathbf{x})$.',
            zh: '$\\mathcal{L}_K \\le \\mathcal{L}_{K+1} \\le \\log p(\\mathbf{x})$。',
          },
          correct: true,
          why: { en: 'Right: the bound tightens monotonically and never passes the evidence.', zh: '正确：下界单调变紧，且永远不会超过证据。' },
          ref: 'eq:chain',
        },
        {
          text: {
            en: '$\\mathcal{L}_K$ can exceed $\\log p(\\mathbf{x})$ for large $K$.',
            zh: '当 $K$ 很大时，$\\mathcal{L}_K$ 可以超过 $\\log p(\\mathbf{x})$。',
          },
          correct: false,
          why: {
            en: "Jensen's inequality keeps it below for every $K$; it converges from below.",
            zh: 'Jensen 不等式保证对每个 $K$ 它都在下方；它从下方收敛。',
          },
          ref: 'eq:iwae-upper',
        },
      ],
    },
    {
      id: 'asymptotic-numeric',
      kind: 'numeric',
      prompt: {
        en: 'The Rényi divergence of order 2 between the posterior and $q$ is $D_2 = 0.5$ nats. By the large-$K$ approximation, how large is the gap $\\log p(\\mathbf{x}) - \\mathcal{L}_{10}$, to 3 decimals?',
        zh: '后验与 $q$ 之间的 2 阶 Rényi 散度为 $D_2 = 0.5$ 奈特。按大 $K$ 近似，间隙 $\\log p(\\mathbf{x}) - \\mathcal{L}_{10}$ 是多少？保留 3 位小数。',
      },
      answer: asymptoticIwaeGap(0.5, 10),
      tolerance: 0.0005,
      explanation: {
        en: '$(e^{0.5} - 1)/(2 \\cdot 10) = 0.649/20 = 0.032$ nats: the gap shrinks like $1/K$.',
        zh: '$(e^{0.5} - 1)/(2 \\cdot 10) = 0.649/20 = 0.032$ 奈特：间隙按 $1/K$ 缩小。',
      },
      ref: 'eq:asymptotic-gap',
    },
    {
      id: 'underflow',
      kind: 'single',
      prompt: {
        en: 'Why is $\\mathcal{L}_K$ computed with log-sum-exp rather than by averaging $w_k = \\exp(\\log w_k)$?',
        zh: '为什么用 log-sum-exp 计算 $\\mathcal{L}_K$，而不是直接平均 $w_k = \\exp(\\log w_k)$？',
      },
      options: [
        {
          text: {
            en: 'Log-weights of images are in the hundreds of nats below zero; their exponentials underflow to 0.',
            zh: '图像的对数权重在零以下数百奈特；它们的指数会下溢为 0。',
          },
          correct: true,
          why: {
            en: 'Right: subtracting the largest log-weight first keeps every exponential in range.',
            zh: '正确：先减去最大的对数权重，所有指数都保持在可表示范围内。',
          },
          ref: 'eq:log-mean-exp',
        },
        {
          text: { en: 'Log-sum-exp gives a tighter bound.', zh: 'log-sum-exp 给出更紧的下界。' },
          correct: false,
          why: { en: 'It computes the same number, only without underflow.', zh: '它计算的是同一个数，只是避免了下溢。' },
        },
        {
          text: { en: 'Because gradients cannot pass through exp.', zh: '因为梯度无法通过 exp。' },
          correct: false,
          why: { en: 'They can; the issue is floating-point range.', zh: '可以通过；问题在于浮点数的表示范围。' },
        },
      ],
    },
    {
      id: 'mistaken-average',
      kind: 'single',
      prompt: {
        en: 'A programmer averages the $K$ log-weights instead of taking log-mean-exp. What do they get in expectation?',
        zh: '某程序员对 $K$ 个对数权重取平均，而不是取 log-mean-exp。期望意义下他得到的是什么？',
      },
      options: [
        {
          text: {
            en: 'The ordinary ELBO $\\mathcal{L}_1$, whatever $K$ is, with less variance.',
            zh: '无论 $K$ 为多少，都是普通的 ELBO $\\mathcal{L}_1$，只是方差更小。',
          },
          correct: true,
          why: { en: 'Right: an average of $K$ ELBO estimates is still an ELBO estimate.', zh: '正确：$K$ 个 ELBO 估计的平均仍是 ELBO 的估计。' },
          ref: 'ex:mistaken-average',
        },
        {
          text: { en: '$\\mathcal{L}_K$.', zh: '$\\mathcal{L}_K$。' },
          correct: false,
          why: { en: 'The log must be outside the average for the bound to tighten.', zh: '只有对数在平均之外，下界才会变紧。' },
          ref: 'eq:iwae-bound',
        },
        {
          text: { en: '$\\log p(\\mathbf{x})$ exactly.', zh: '精确的 $\\log p(\\mathbf{x})$。' },
          correct: false,
          why: { en: 'Not even $\\mathcal{L}_K$ reaches it at finite $K$.', zh: '在有限的 $K$ 下，连 $\\mathcal{L}_K$ 都达不到它。' },
        },
      ],
    },
    {
      id: 'iwae-bound-task',
      kind: 'figure',
      figure: 'fig:iwae-bound',
      check: 'iwae-smallest-k',
      prompt: {
        en: 'In the toy panel of the IWAE figure (linear-Gaussian model, $x = 1.5$, proposal $\\mathcal{N}(0, 1)$), find the smallest $K$ on the slider for which the estimated $\\mathcal{L}_K$ is within 0.05 nats of $\\log p(x)$.',
        zh: '在 IWAE 图的玩具面板中（线性高斯模型，$x = 1.5$，提议分布 $\\mathcal{N}(0, 1)$），找出滑块上使估计的 $\\mathcal{L}_K$ 与 $\\log p(x)$ 相差不到 0.05 奈特的最小 $K$。',
      },
      explanation: {
        en: 'The wide proposal wastes most samples, so the gap closes slowly, roughly like $1/K$; compare the best Gaussian proposal, which is the exact posterior here and has no gap at $K = 1$.',
        zh: '宽的提议分布浪费了大部分样本，所以间隙大致按 $1/K$ 缓慢缩小；对比最佳高斯提议分布：在这里它就是精确后验，$K = 1$ 时已经没有间隙。',
      },
      ref: 'eq:asymptotic-gap',
    },
  ],
};
