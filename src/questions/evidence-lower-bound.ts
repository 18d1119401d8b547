/** Chapter 3 (the evidence lower bound): self-check questions. Numeric answers come from src/lib/math. */
import { jensenLog } from '../lib/math/jensen.ts';
import { elbo, logEvidence, MODEL_PRESETS } from '../lib/math/latent-models.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

const linear = MODEL_PRESETS['linear-gaussian'];

export const questions: ChapterQuestions = {
  slug: 'evidence-lower-bound',
  chapter: '3',
  questions: [
    {
      id: 'jensen-gap-numeric',
      kind: 'numeric',
      prompt: {
        en: 'A random variable takes the values 1 and 4 with probability ½ each. Compute the Jensen gap $\\log \\mathbb{E}[x] - \\mathbb{E}[\\log x]$ in nats, to 3 decimals.',
        zh: '随机变量以各 ½ 的概率取 1 和 4。计算 Jensen 间隙 $\\log \\mathbb{E}[x] - \\mathbb{E}[\\log x]$，单位为奈特，保留 3 位小数。',
      },
      answer: jensenLog([1, 4], [0.5, 0.5]).gap,
      tolerance: 0.0005,
      explanation: {
        en: '$\\log 2.5 - \\tfrac12(\\log 1 + \\log 4) = 0.916 - 0.693 = 0.223$.',
        zh: '$\\log 2.5 - \\tfrac12(\\log 1 + \\log 4) = 0.916 - 0.693 = 0.223$。',
      },
      ref: 'eq:jensen-log',
    },
    {
      id: 'gap-is-kl',
      kind: 'single',
      prompt: { en: 'What is $\\log p(\\mathbf{x}) - \\mathrm{ELBO}(q)$?', zh: '$\\log p(\\mathbf{x}) - \\mathrm{ELBO}(q)$ 等于什么？' },
      options: [
        {
          text: {
            en: '$D_{\\mathrm{KL}}\\big(q(\\mathbf{z}) \\,\\|\\, p(\\mathbf{z} \\mid \\mathbf{x})\\big)$',
            zh: '$D_{\\mathrm{KL}}\\big(q(\\mathbf{z}) \\,\\|\\, p(\\mathbf{z} \\mid \\mathbf{x})\\big)$',
          },
          correct: true,
          why: { en: 'Right: so the ELBO is tight exactly when $q$ is the posterior.', zh: '正确：因此当且仅当 $q$ 等于后验时 ELBO 是紧的。' },
          ref: 'eq:elbo-decomposition',
        },
        {
          text: {
            en: '$D_{\\mathrm{KL}}\\big(q(\\mathbf{z}) \\,\\|\\, p(\\mathbf{z})\\big)$',
            zh: '$D_{\\mathrm{KL}}\\big(q(\\mathbf{z}) \\,\\|\\, p(\\mathbf{z})\\big)$',
          },
          correct: false,
          why: { en: 'That KL to the prior is a term inside the ELBO, not the gap.', zh: '到先验的 KL 是 ELBO 内部的一项，不是间隙。' },
          ref: 'eq:elbo-rec-kl',
        },
        {
          text: {
            en: '$D_{\\mathrm{KL}}\\big(p(\\mathbf{z} \\mid \\mathbf{x}) \\,\\|\\, q(\\mathbf{z})\\big)$',
            zh: '$D_{\\mathrm{KL}}\\big(p(\\mathbf{z} \\mid \\mathbf{x}) \\,\\|\\, q(\\mathbf{z})\\big)$',
          },
          correct: false,
          why: { en: 'The direction matters: the expectation in the ELBO is under $q$.', zh: '方向很重要：ELBO 中的期望是在 $q$ 下取的。' },
          ref: 'eq:elbo-decomposition',
        },
      ],
    },
    {
      id: 'maximise-over-q',
      kind: 'single',
      prompt: {
        en: 'With $\\theta$ fixed, why does maximising the ELBO over $q$ perform posterior inference?',
        zh: '固定 $\\theta$ 时，为什么对 $q$ 最大化 ELBO 就是在做后验推断？',
      },
      options: [
        {
          text: {
            en: '$\\log p(\\mathbf{x})$ does not depend on $q$, so raising the ELBO lowers the KL gap to the posterior.',
            zh: '$\\log p(\\mathbf{x})$ 与 $q$ 无关，所以提高 ELBO 就是减小到后验的 KL 间隙。',
          },
          correct: true,
          why: { en: 'Right.', zh: '正确。' },
          ref: 'eq:elbo-argmax',
        },
        {
          text: { en: 'Because the ELBO equals the log-likelihood for every $q$.', zh: '因为对每个 $q$，ELBO 都等于对数似然。' },
          correct: false,
          why: { en: 'Only at the posterior.', zh: '只有在后验处才相等。' },
        },
        {
          text: { en: 'Because maximising the ELBO makes $q$ equal the prior.', zh: '因为最大化 ELBO 会让 $q$ 等于先验。' },
          correct: false,
          why: {
            en: 'The reconstruction term pulls $q$ away from the prior, towards codes that explain $\\mathbf{x}$.',
            zh: '重构项把 $q$ 拉离先验，拉向能解释 $\\mathbf{x}$ 的编码。',
          },
          ref: 'eq:elbo-rec-kl',
        },
      ],
    },
    {
      id: 'prior-as-q-numeric',
      kind: 'numeric',
      prompt: {
        en: "In the chapter's linear-Gaussian toy model ($z \\sim \\mathcal{N}(0, 1)$, $x \\mid z \\sim \\mathcal{N}(z, 0.5^2)$), take $q(z) = p(z)$ and $x = 1.5$. Compute the ELBO in nats, to 2 decimals.",
        zh: '在本章的线性高斯玩具模型中（$z \\sim \\mathcal{N}(0, 1)$，$x \\mid z \\sim \\mathcal{N}(z, 0.5^2)$），取 $q(z) = p(z)$，$x = 1.5$。计算 ELBO，单位为奈特，保留 2 位小数。',
      },
      answer: elbo(linear, 1.5, { mu: 0, sigma: 1 }),
      tolerance: 0.005,
      explanation: {
        en: `With $q = p(z)$ the KL term vanishes and the ELBO is $\\mathbb{E}_{p(z)}[\\log p(x \\mid z)] = \\log\\mathcal{N}(1.5; 0, 0.25) - 1/(2 \\cdot 0.25)$; $\\log p(x) = ${logEvidence(linear, 1.5).toFixed(3)}$, so the gap is large: the prior ignores $x$.`,
        zh: `取 $q = p(z)$ 时 KL 项为零，ELBO 为 $\\mathbb{E}_{p(z)}[\\log p(x \\mid z)] = \\log\\mathcal{N}(1.5; 0, 0.25) - 1/(2 \\cdot 0.25)$；而 $\\log p(x) = ${logEvidence(linear, 1.5).toFixed(3)}$，间隙很大：先验完全忽略了 $x$。`,
      },
      ref: 'ex:prior-as-q',
    },
    {
      id: 'amortised',
      kind: 'single',
      prompt: {
        en: 'What does amortised inference change compared with fitting one $q$ per data point?',
        zh: '与为每个数据点单独拟合一个 $q$ 相比，摊销推断改变了什么？',
      },
      options: [
        {
          text: {
            en: 'One network $q_\\phi(\\mathbf{z} \\mid \\mathbf{x})$ maps any $\\mathbf{x}$ to its approximate posterior, so a new point needs one forward pass.',
            zh: '一个网络 $q_\\phi(\\mathbf{z} \\mid \\mathbf{x})$ 把任意 $\\mathbf{x}$ 映射到它的近似后验，新数据点只需一次前向计算。',
          },
          correct: true,
          why: { en: 'Right: the cost of inference is paid once, in training $\\phi$.', zh: '正确：推断的代价在训练 $\\phi$ 时一次付清。' },
          ref: 'eq:encoder',
        },
        {
          text: { en: 'It makes the ELBO tight.', zh: '它让 ELBO 变紧。' },
          correct: false,
          why: {
            en: 'Sharing one network can only add a gap (the amortisation gap), never remove one.',
            zh: '共享一个网络只会增加间隙（摊销间隙），不会消除间隙。',
          },
        },
        {
          text: { en: 'It removes the need for a prior.', zh: '它不再需要先验。' },
          correct: false,
          why: { en: "The KL term to $p(\\mathbf{z})$ is still in every example's ELBO.", zh: '每个样本的 ELBO 中仍有到 $p(\\mathbf{z})$ 的 KL 项。' },
          ref: 'eq:elbo-dataset',
        },
      ],
    },
    {
      id: 'elbo-gap-task',
      kind: 'figure',
      figure: 'fig:elbo-gap',
      check: 'elbo-gap-closed',
      prompt: {
        en: 'In the ELBO-gap figure, with the linear-Gaussian model, move $q$ (its mean $m$ and standard deviation $s$) until the gap $D_{\\mathrm{KL}}(q \\,\\|\\, p(z \\mid x))$ is below 0.01 nats.',
        zh: '在 ELBO 间隙图中使用线性高斯模型，调整 $q$ 的均值 $m$ 和标准差 $s$，直到间隙 $D_{\\mathrm{KL}}(q \\,\\|\\, p(z \\mid x))$ 小于 0.01 奈特。',
      },
      explanation: {
        en: 'For this model the posterior is Gaussian, $\\mathcal{N}(0.8x, 0.2)$, so a Gaussian $q$ can close the gap completely.',
        zh: '对这个模型，后验是高斯分布 $\\mathcal{N}(0.8x, 0.2)$，所以高斯 $q$ 可以完全消除间隙。',
      },
      ref: 'eq:toy-posterior',
    },
  ],
};
