/** Chapter 6 (the variational autoencoder): self-check questions. Numeric answers come from src/lib/math. */
import { interpolate, norm } from '../lib/math/interpolation.ts';
import { klDiagonalToStdNormal, klDiscrete } from '../lib/math/kl.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

const r = Math.sqrt(20);

export const questions: ChapterQuestions = {
  slug: 'variational-autoencoder',
  chapter: '6',
  questions: [
    {
      id: 'loss-terms',
      kind: 'single',
      prompt: { en: 'The VAE loss for one image is…', zh: '单张图像的 VAE 损失是……' },
      options: [
        {
          text: {
            en: '$-\\mathbb{E}_{q_\\phi(\\mathbf{z} \\mid \\mathbf{x})}[\\log p_\\theta(\\mathbf{x} \\mid \\mathbf{z})] + D_{\\mathrm{KL}}(q_\\phi(\\mathbf{z} \\mid \\mathbf{x}) \\,\\|\\, p(\\mathbf{z}))$, the negative ELBO.',
            zh: '$-\\mathbb{E}_{q_\\phi(\\mathbf{z} \\mid \\mathbf{x})}[\\log p_\\theta(\\mathbf{x} \\mid \\mathbf{z})] + D_{\\mathrm{KL}}(q_\\phi(\\mathbf{z} \\mid \\mathbf{x}) \\,\\|\\, p(\\mathbf{z}))$，即负的 ELBO。',
          },
          correct: true,
          why: {
            en: 'Right: a reconstruction term estimated with one reparameterised sample, and the KL in closed form.',
            zh: '正确：重构项用一个重参数化样本估计，KL 项用闭式解。',
          },
          ref: 'eq:vae-loss',
        },
        {
          text: { en: 'The reconstruction error alone; the KL term is only for monitoring.', zh: '只有重构误差；KL 项只用于监控。' },
          correct: false,
          why: { en: 'Without the KL term the noise collapses and the VAE becomes an autoencoder.', zh: '没有 KL 项，噪声会坍缩，VAE 就退化为自编码器。' },
          ref: 'eq:noise-cost',
        },
        {
          text: { en: '$\\log p_\\theta(\\mathbf{x})$ computed exactly.', zh: '精确计算的 $\\log p_\\theta(\\mathbf{x})$。' },
          correct: false,
          why: { en: 'The evidence is intractable; the VAE optimises a bound on it.', zh: '证据难以计算；VAE 优化的是它的下界。' },
        },
      ],
    },
    {
      id: 'kl-numeric',
      kind: 'numeric',
      prompt: {
        en: 'The encoder gives a 2-D code $\\boldsymbol{\\mu} = (1, 0)$, $\\log\\boldsymbol{\\sigma}^2 = (0, \\log 4)$. What is the KL term in nats, to 3 decimals?',
        zh: '编码器给出二维编码 $\\boldsymbol{\\mu} = (1, 0)$，$\\log\\boldsymbol{\\sigma}^2 = (0, \\log 4)$。KL 项是多少奈特？保留 3 位小数。',
      },
      answer: klDiagonalToStdNormal([1, 0], [0, Math.log(4)]),
      tolerance: 0.0005,
      explanation: {
        en: '$\\tfrac12(1 + 1 - 0 - 1) + \\tfrac12(0 + 4 - \\log 4 - 1) = 0.5 + 0.807 = 1.307$.',
        zh: '$\\tfrac12(1 + 1 - 0 - 1) + \\tfrac12(0 + 4 - \\log 4 - 1) = 0.5 + 0.807 = 1.307$。',
      },
      ref: 'eq:vae-kl',
    },
    {
      id: 'bce-floor-numeric',
      kind: 'numeric',
      prompt: {
        en: 'What is the smallest possible binary cross-entropy of one pixel with grey level 0.3, in nats, to 3 decimals?',
        zh: '灰度为 0.3 的单个像素，二元交叉熵最小可能是多少奈特？保留 3 位小数。',
      },
      answer: Math.LN2 - klDiscrete([0.3, 0.7], [0.5, 0.5]),
      tolerance: 0.0005,
      explanation: {
        en: 'The minimum is the entropy $H(0.3) = -0.3 \\log 0.3 - 0.7 \\log 0.7 = 0.611$, reached at $\\hat{x} = 0.3$.',
        zh: '最小值是熵 $H(0.3) = -0.3 \\log 0.3 - 0.7 \\log 0.7 = 0.611$，在 $\\hat{x} = 0.3$ 处取得。',
      },
      ref: 'eq:bce-floor',
    },
    {
      id: 'sum-not-mean',
      kind: 'single',
      prompt: {
        en: "A VAE's reconstruction term is averaged over the 784 pixels instead of summed. What happens?",
        zh: '把 VAE 的重构项从对 784 个像素求和改为求平均，会怎样？',
      },
      options: [
        {
          text: {
            en: 'It is a β-VAE with β = 784: the KL term dominates and the reconstructions blur or the posterior collapses.',
            zh: '这相当于 β = 784 的 β-VAE：KL 项占主导，重构变模糊，或后验坍缩。',
          },
          correct: true,
          why: {
            en: 'Right: dividing the loss by 784 leaves the optimum of reconstruction + 784 · KL.',
            zh: '正确：把损失除以 784 后，最优点与“重构 + 784 · KL”相同。',
          },
          ref: 'eq:mean-is-beta',
        },
        {
          text: { en: 'Nothing changes except the scale of the loss curve.', zh: '除了损失曲线的尺度，什么也不变。' },
          correct: false,
          why: { en: 'Only the reconstruction term is rescaled, so the balance with the KL changes.', zh: '只有重构项被缩放，它与 KL 项的平衡就变了。' },
          ref: 'eq:mean-is-beta',
        },
        {
          text: { en: 'Training becomes faster and the samples sharper.', zh: '训练更快，样本更清晰。' },
          correct: false,
          why: { en: 'A heavier KL weight makes samples blurrier, not sharper.', zh: '更大的 KL 权重会让样本更模糊，而不是更清晰。' },
          ref: 'eq:beta-vae',
        },
      ],
    },
    {
      id: 'noise-scale',
      kind: 'single',
      prompt: {
        en: 'A latent coordinate that the decoder ignores ($h_j = 0$). What posterior does the KL term give it?',
        zh: '某个隐变量坐标被解码器忽略（$h_j = 0$）。KL 项会给它什么样的后验？',
      },
      options: [
        {
          text: {
            en: '$\\mu_j = 0$ and $\\sigma_j^2 = 1$: the prior; the coordinate is inactive.',
            zh: '$\\mu_j = 0$，$\\sigma_j^2 = 1$：即先验；该坐标不活跃。',
          },
          correct: true,
          why: { en: 'Right: $\\sigma_j^2 = 1/(1 + h_j) = 1$, and the mean only costs KL.', zh: '正确：$\\sigma_j^2 = 1/(1 + h_j) = 1$，而均值只会增加 KL。' },
          ref: 'eq:sigma-optimum',
        },
        {
          text: { en: '$\\sigma_j^2 \\to 0$, a precise but unused code.', zh: '$\\sigma_j^2 \\to 0$，精确但无用的编码。' },
          correct: false,
          why: {
            en: 'A small variance costs $-\\tfrac12\\log\\sigma_j^2$ in KL and buys nothing here.',
            zh: '小方差会在 KL 中付出 $-\\tfrac12\\log\\sigma_j^2$ 的代价，在这里却换不来任何好处。',
          },
          ref: 'eq:sigma-objective',
        },
        {
          text: { en: 'Whatever the encoder happened to start with.', zh: '编码器初始时的任何值。' },
          correct: false,
          why: { en: 'The KL term pulls it to the prior throughout training.', zh: '训练过程中 KL 项会一直把它拉向先验。' },
        },
      ],
    },
    {
      id: 'interpolation-numeric',
      kind: 'numeric',
      prompt: {
        en: 'Two 20-D codes of typical length $\\sqrt{20} \\approx 4.47$ are orthogonal. How long is the midpoint of the straight path between them, to 2 decimals?',
        zh: '两个典型长度为 $\\sqrt{20} \\approx 4.47$ 的 20 维编码相互正交。它们之间直线路径中点的长度是多少？保留 2 位小数。',
      },
      answer: norm(interpolate([r, 0], [0, r], 0.5, 'linear')),
      tolerance: 0.005,
      explanation: {
        en: '$\\|(\\mathbf{a} + \\mathbf{b})/2\\| = \\sqrt{20/4 + 20/4} = \\sqrt{10} = 3.16$: far shorter than typical codes, which is why the spherical path is preferred.',
        zh: '$\\|(\\mathbf{a} + \\mathbf{b})/2\\| = \\sqrt{20/4 + 20/4} = \\sqrt{10} = 3.16$：远短于典型编码，这就是更常用球面路径的原因。',
      },
      ref: 'eq:slerp',
    },
    {
      id: 'interpolation-task',
      kind: 'figure',
      figure: 'fig:interpolation',
      check: 'interpolation-typical-midpoint',
      prompt: {
        en: 'In the interpolation figure, with the 20-D VAE, choose two different images and a path whose midpoint code has the length of a typical prior code: within 10 % of $\\sqrt{20} \\approx 4.47$.',
        zh: '在插值图中使用 20 维 VAE，选择两张不同的图像和一条路径，使路径中点的编码具有典型先验编码的长度：与 $\\sqrt{20} \\approx 4.47$ 相差不超过 10%。',
      },
      explanation: {
        en: "The straight path's midpoint is too short (about $3.2$ for two orthogonal typical codes); the spherical path keeps the length between the endpoints' lengths, and for two codes of typical length its midpoint is typical too.",
        zh: '直线路径的中点太短（两个正交的典型编码约为 $3.2$）；球面路径的长度保持在两端长度之间，两个典型长度的编码之间，其中点的长度也是典型的。',
      },
      ref: 'eq:slerp',
    },
  ],
};
