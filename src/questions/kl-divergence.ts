/** Chapter A (KL divergence): self-check questions. Numeric answers come from src/lib/math/kl. */
import { klDiagonalToStdNormal, klDiscrete, klNormal } from '../lib/math/kl.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

export const klNumbers = {
  gauss: klNormal({ mu: 1, sigma: 0.5 }, { mu: 0, sigma: 1 }),
  bernoulli: klDiscrete([0.5, 0.5], [0.8, 0.2]),
  diag: klDiagonalToStdNormal([0.5, -1], [Math.log(0.25), 0]),
};

export const questions: ChapterQuestions = {
  slug: 'kl-divergence',
  chapter: 'A',
  questions: [
    {
      id: 'asymmetry',
      kind: 'multiple',
      prompt: {
        en: 'Which statements about $D_{\\mathrm{KL}}(p \\,\\|\\, q)$ hold for every pair of distributions?',
        zh: '对任意两个分布，关于 $D_{\\mathrm{KL}}(p \\,\\|\\, q)$ 的哪些说法成立？',
      },
      options: [
        {
          text: { en: 'It is never negative.', zh: '它永远不为负。' },
          correct: true,
          why: { en: "Right: Gibbs' inequality, proved from the concavity of the logarithm.", zh: '正确：这是 Gibbs 不等式，由对数函数的凹性证明。' },
          ref: 'eq:kl-nonneg',
        },
        {
          text: { en: 'It equals $D_{\\mathrm{KL}}(q \\,\\|\\, p)$.', zh: '它等于 $D_{\\mathrm{KL}}(q \\,\\|\\, p)$。' },
          correct: false,
          why: {
            en: 'Wrong: the fair and the biased coin give 0.511 and 0.368 nats in the two directions.',
            zh: '错误：公平硬币与有偏硬币在两个方向上分别给出 0.511 和 0.368 奈特。',
          },
          ref: 'eq:kl-bernoulli',
        },
        {
          text: { en: 'It is zero exactly when $p = q$.', zh: '当且仅当 $p = q$ 时它为零。' },
          correct: true,
          why: {
            en: "Right: equality in Gibbs' inequality needs $q/p$ constant, hence $p = q$.",
            zh: '正确：Gibbs 不等式取等号要求 $q/p$ 为常数，因此 $p = q$。',
          },
          ref: 'eq:kl-nonneg',
        },
        {
          text: { en: 'It satisfies the triangle inequality.', zh: '它满足三角不等式。' },
          correct: false,
          why: {
            en: 'Wrong: going from Bern(0.1) to Bern(0.9) directly costs 1.758 nats, via Bern(0.5) only 0.879.',
            zh: '错误：从 Bern(0.1) 直接到 Bern(0.9) 的代价是 1.758 奈特，经由 Bern(0.5) 只要 0.879。',
          },
          ref: 'eq:kl-bernoulli',
        },
      ],
    },
    {
      id: 'gauss-numeric',
      kind: 'numeric',
      prompt: {
        en: 'Compute $D_{\\mathrm{KL}}\\big(\\mathcal{N}(1, 0.5^2) \\,\\|\\, \\mathcal{N}(0, 1)\\big)$ in nats, to 2 decimals.',
        zh: '计算 $D_{\\mathrm{KL}}\\big(\\mathcal{N}(1, 0.5^2) \\,\\|\\, \\mathcal{N}(0, 1)\\big)$，单位为奈特，保留 2 位小数。',
      },
      answer: klNumbers.gauss,
      tolerance: 0.005,
      explanation: {
        en: 'With $\\mu_1 = 1$, $\\sigma_1 = 0.5$, $\\mu_2 = 0$, $\\sigma_2 = 1$: $\\log 2 + (0.25 + 1)/2 - 1/2 = 0.818$ nats.',
        zh: '代入 $\\mu_1 = 1$，$\\sigma_1 = 0.5$，$\\mu_2 = 0$，$\\sigma_2 = 1$：$\\log 2 + (0.25 + 1)/2 - 1/2 = 0.818$ 奈特。',
      },
      ref: 'eq:kl-gauss',
    },
    {
      id: 'bernoulli-numeric',
      kind: 'numeric',
      prompt: {
        en: 'A fair coin $p = \\mathrm{Bern}(0.5)$ is modelled by $q = \\mathrm{Bern}(0.8)$. Compute $D_{\\mathrm{KL}}(p \\,\\|\\, q)$ in nats, to 3 decimals.',
        zh: '用 $q = \\mathrm{Bern}(0.8)$ 建模公平硬币 $p = \\mathrm{Bern}(0.5)$。计算 $D_{\\mathrm{KL}}(p \\,\\|\\, q)$，单位为奈特，保留 3 位小数。',
      },
      answer: klNumbers.bernoulli,
      tolerance: 0.0005,
      explanation: {
        en: '$0.5 \\log(0.5/0.8) + 0.5 \\log(0.5/0.2) = -0.235 + 0.458 = 0.223$ nats.',
        zh: '$0.5 \\log(0.5/0.8) + 0.5 \\log(0.5/0.2) = -0.235 + 0.458 = 0.223$ 奈特。',
      },
      ref: 'eq:kl-discrete',
    },
    {
      id: 'diag-numeric',
      kind: 'numeric',
      prompt: {
        en: 'An encoder outputs $\\boldsymbol{\\mu} = (0.5, -1)$ and $\\log \\boldsymbol{\\sigma}^2 = (\\log 0.25, 0)$. Compute $D_{\\mathrm{KL}}\\big(q \\,\\|\\, \\mathcal{N}(\\mathbf{0}, \\mathbf{I})\\big)$ in nats, to 2 decimals.',
        zh: '编码器输出 $\\boldsymbol{\\mu} = (0.5, -1)$ 和 $\\log \\boldsymbol{\\sigma}^2 = (\\log 0.25, 0)$。计算 $D_{\\mathrm{KL}}\\big(q \\,\\|\\, \\mathcal{N}(\\mathbf{0}, \\mathbf{I})\\big)$，单位为奈特，保留 2 位小数。',
      },
      answer: klNumbers.diag,
      tolerance: 0.005,
      explanation: {
        en: 'Sum over dimensions of $\\tfrac12(\\mu_j^2 + \\sigma_j^2 - \\log\\sigma_j^2 - 1)$: $\\tfrac12(0.25 + 0.25 + 1.386 - 1) + \\tfrac12(1 + 1 - 0 - 1) = 0.443 + 0.5 = 0.943$.',
        zh: '按维度求和 $\\tfrac12(\\mu_j^2 + \\sigma_j^2 - \\log\\sigma_j^2 - 1)$：$\\tfrac12(0.25 + 0.25 + 1.386 - 1) + \\tfrac12(1 + 1 - 0 - 1) = 0.443 + 0.5 = 0.943$。',
      },
      ref: 'eq:kl-diag-std',
    },
    {
      id: 'mode-seeking',
      kind: 'single',
      prompt: {
        en: '$p$ is an equal mixture of $\\mathcal{N}(-3, 1)$ and $\\mathcal{N}(3, 1)$. Which single Gaussian minimises the reverse divergence $D_{\\mathrm{KL}}(q \\,\\|\\, p)$?',
        zh: '$p$ 是 $\\mathcal{N}(-3, 1)$ 与 $\\mathcal{N}(3, 1)$ 的等权混合。哪个单高斯分布使反向散度 $D_{\\mathrm{KL}}(q \\,\\|\\, p)$ 最小？',
      },
      options: [
        {
          text: { en: '$q \\approx \\mathcal{N}(0, 10)$, covering both modes.', zh: '$q \\approx \\mathcal{N}(0, 10)$，覆盖两个众数。' },
          correct: false,
          why: {
            en: 'That is the forward-KL optimum (moment matching); under $q$ it puts mass at 0 where $p$ is nearly empty, which the reverse direction punishes.',
            zh: '这是正向 KL 的最优解（矩匹配）；它在 $p$ 几乎为空的 0 附近放了质量，而反向 KL 正是惩罚这一点。',
          },
        },
        {
          text: {
            en: '$q \\approx \\mathcal{N}(\\pm 2.98, 1.02^2)$, one of the modes.',
            zh: '$q \\approx \\mathcal{N}(\\pm 2.98, 1.02^2)$，落在其中一个众数上。',
          },
          correct: true,
          why: {
            en: 'Right: the reverse direction averages under $q$ and ignores what $q$ misses, so it is mode-seeking.',
            zh: '正确：反向 KL 在 $q$ 下取平均，不在乎 $q$ 漏掉的部分，因此是寻模的。',
          },
        },
        {
          text: { en: '$q = \\mathcal{N}(0, 1)$.', zh: '$q = \\mathcal{N}(0, 1)$。' },
          correct: false,
          why: {
            en: 'It sits exactly where $p$ has almost no mass: both directions are large.',
            zh: '它正好位于 $p$ 几乎没有质量的地方，两个方向的散度都很大。',
          },
        },
      ],
    },
    {
      id: 'logvar',
      kind: 'single',
      prompt: {
        en: 'Why does a VAE encoder output $\\log \\sigma^2$ rather than $\\sigma$?',
        zh: '为什么 VAE 的编码器输出 $\\log \\sigma^2$ 而不是 $\\sigma$？',
      },
      options: [
        {
          text: {
            en: 'Any real output is a valid log-variance, so no constraint or clipping is needed.',
            zh: '任意实数都是合法的对数方差，因此不需要约束或截断。',
          },
          correct: true,
          why: {
            en: 'Right: $\\sigma = \\exp(\\tfrac12 \\log\\sigma^2)$ is positive for every network output.',
            zh: '正确：对任意网络输出，$\\sigma = \\exp(\\tfrac12 \\log\\sigma^2)$ 都是正数。',
          },
          ref: 'eq:kl-logvar',
        },
        {
          text: { en: 'The KL term can only be computed from the log-variance.', zh: 'KL 项只能由对数方差计算。' },
          correct: false,
          why: {
            en: 'The closed form can be written with $\\sigma$ as well; the choice is about a valid, well-scaled parametrisation.',
            zh: '闭式解同样可以用 $\\sigma$ 写出；选择对数方差是为了参数化合法且尺度合适。',
          },
          ref: 'eq:kl-diag-std',
        },
        {
          text: { en: 'It makes the KL divergence symmetric.', zh: '它使 KL 散度对称。' },
          correct: false,
          why: {
            en: 'A change of parametrisation does not change the divergence itself, which stays asymmetric.',
            zh: '换一种参数化不会改变散度本身，它仍然不对称。',
          },
        },
      ],
    },
    {
      id: 'kl-explorer-task',
      kind: 'figure',
      figure: 'fig:kl-explorer',
      check: 'kl-forward-above-reverse',
      prompt: {
        en: 'In the KL explorer, keep $p = \\mathcal{N}(0, 1)$ and change $q$ until $D_{\\mathrm{KL}}(p \\,\\|\\, q)$ is larger than $D_{\\mathrm{KL}}(q \\,\\|\\, p)$.',
        zh: '在 KL 散度探索器中保持 $p = \\mathcal{N}(0, 1)$，调整 $q$，直到 $D_{\\mathrm{KL}}(p \\,\\|\\, q)$ 大于 $D_{\\mathrm{KL}}(q \\,\\|\\, p)$。',
      },
      explanation: {
        en: 'A $q$ narrower than $p$ does it (e.g. $\\sigma_2 = 0.5$): averaging under $p$ visits the tails where the narrow $q$ is tiny, which is expensive.',
        zh: '让 $q$ 比 $p$ 窄即可（例如 $\\sigma_2 = 0.5$）：在 $p$ 下取平均会访问窄的 $q$ 几乎为零的尾部，代价很高。',
      },
      ref: 'eq:kl-gauss',
    },
  ],
};
