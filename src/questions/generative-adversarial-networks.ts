/** Chapter 9 (generative adversarial networks): self-check questions. Numeric answers come from src/lib/math/gan. */
import { jensenShannonNormal, optimalDiscriminator } from '../lib/math/gan.ts';
import { GAN_MODES_GOAL, GAN_RING_MODES } from '../lib/quiz/figure-checks-models.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

export const questions: ChapterQuestions = {
  slug: 'generative-adversarial-networks',
  chapter: '9',
  questions: [
    {
      id: 'dstar-numeric',
      kind: 'numeric',
      prompt: {
        en: 'Data $p_{\\text{data}} = \\mathcal{N}(0, 1)$, generator $p_g = \\mathcal{N}(1, 1)$. What is the optimal discriminator $D^*(0)$, to 3 decimals?',
        zh: '数据分布 $p_{\\text{data}} = \\mathcal{N}(0, 1)$，生成器分布 $p_g = \\mathcal{N}(1, 1)$。最优判别器 $D^*(0)$ 是多少？保留 3 位小数。',
      },
      answer: optimalDiscriminator(0, { mu: 0, sigma: 1 }, { mu: 1, sigma: 1 }),
      tolerance: 0.0005,
      explanation: {
        en: '$D^* = p_{\\text{data}}/(p_{\\text{data}} + p_g)$; the log-ratio at 0 is $\\tfrac12$, so $D^*(0) = \\sigma(\\tfrac12) = 0.622$.',
        zh: '$D^* = p_{\\text{data}}/(p_{\\text{data}} + p_g)$；在 0 处的对数比为 $\\tfrac12$，所以 $D^*(0) = \\sigma(\\tfrac12) = 0.622$。',
      },
      ref: 'eq:gan-dstar',
    },
    {
      id: 'jsd-numeric',
      kind: 'numeric',
      prompt: {
        en: "Same two Gaussians. Against the optimal discriminator the generator's criterion is $C(G) = -\\log 4 + 2\\,\\mathrm{JSD}(p_{\\text{data}} \\,\\|\\, p_g)$. Compute the JS divergence in nats, to 3 decimals.",
        zh: '同样两个高斯分布。面对最优判别器，生成器的准则为 $C(G) = -\\log 4 + 2\\,\\mathrm{JSD}(p_{\\text{data}} \\,\\|\\, p_g)$。计算 JS 散度，单位为奈特，保留 3 位小数。',
      },
      answer: jensenShannonNormal({ mu: 0, sigma: 1 }, { mu: 1, sigma: 1 }),
      tolerance: 0.0005,
      explanation: {
        en: 'JSD is the average KL of each distribution to their mixture; there is no closed form for Gaussians, so it is integrated numerically. It is at most $\\log 2$.',
        zh: 'JS 散度是两个分布各自到其混合分布的 KL 的平均；高斯分布没有闭式解，需数值积分。它至多为 $\\log 2$。',
      },
      ref: 'eq:jsd',
    },
    {
      id: 'non-saturating',
      kind: 'single',
      prompt: {
        en: 'Early in training the discriminator easily rejects fakes. Why does the generator then minimise $-\\log D(G(\\mathbf{z}))$ instead of $\\log(1 - D(G(\\mathbf{z})))$?',
        zh: '训练初期判别器很容易识破假样本。为什么此时生成器最小化 $-\\log D(G(\\mathbf{z}))$，而不是 $\\log(1 - D(G(\\mathbf{z})))$？',
      },
      options: [
        {
          text: {
            en: "The original loss saturates: its gradient vanishes when $D(G(\\mathbf{z})) \\approx 0$, while the non-saturating one's is largest there.",
            zh: '原始损失会饱和：当 $D(G(\\mathbf{z})) \\approx 0$ 时其梯度消失，而非饱和损失的梯度在那里最大。',
          },
          correct: true,
          why: {
            en: 'Right: both have the same fixed point, but very different gradients far from it.',
            zh: '正确：两者的不动点相同，但远离不动点时梯度差别很大。',
          },
          ref: 'eq:gan-grad-sat',
        },
        {
          text: { en: 'It minimises the JS divergence exactly.', zh: '它精确地最小化 JS 散度。' },
          correct: false,
          why: { en: 'The non-saturating loss minimises a different combination of divergences.', zh: '非饱和损失最小化的是另一种散度组合。' },
          ref: 'eq:gan-ns-optimal',
        },
        {
          text: { en: 'It removes mode collapse.', zh: '它消除了模式坍缩。' },
          correct: false,
          why: { en: 'Mode collapse still happens with it.', zh: '使用它时仍会发生模式坍缩。' },
        },
      ],
    },
    {
      id: 'no-likelihood',
      kind: 'multiple',
      prompt: { en: 'Which are true of a GAN?', zh: '关于 GAN，哪些说法正确？' },
      options: [
        {
          text: { en: 'It gives no likelihood of a test image.', zh: '它不给出测试图像的似然。' },
          correct: true,
          why: { en: 'Right: the generator is a sampler; its density is not available.', zh: '正确：生成器是采样器，得不到它的密度。' },
          ref: 'eq:gan-generator',
        },
        {
          text: { en: 'It has no encoder from images to codes.', zh: '它没有从图像到编码的编码器。' },
          correct: true,
          why: {
            en: 'Right: nothing maps an image back to $\\mathbf{z}$; the VAE-GAN adds one.',
            zh: '正确：没有把图像映射回 $\\mathbf{z}$ 的部分；VAE-GAN 加上了它。',
          },
        },
        {
          text: { en: "Training decreases one loss monotonically, like a VAE's.", zh: '训练使一个损失单调下降，就像 VAE 一样。' },
          correct: false,
          why: { en: 'It is a two-player game; the losses oscillate.', zh: '这是双人博弈；两个损失会振荡。' },
          ref: 'eq:gan-minimax',
        },
      ],
    },
    {
      id: 'mode-collapse',
      kind: 'single',
      prompt: { en: 'What is mode collapse?', zh: '什么是模式坍缩？' },
      options: [
        {
          text: {
            en: "The generator covers only some of the data's modes, e.g. produces a few kinds of digits.",
            zh: '生成器只覆盖数据的部分众数，例如只生成少数几种数字。',
          },
          correct: true,
          why: {
            en: 'Right: the figure in the plane shows it as points gathering on some of the clusters.',
            zh: '正确：平面上的图中表现为样本点只聚在部分簇上。',
          },
          ref: 'fig:toy-gan',
        },
        {
          text: { en: 'The discriminator outputs ½ everywhere.', zh: '判别器处处输出 ½。' },
          correct: false,
          why: { en: 'That is the ideal end point, $p_g = p_{\\text{data}}$.', zh: '那是理想的终点 $p_g = p_{\\text{data}}$。' },
          ref: 'eq:gan-dstar',
        },
        {
          text: { en: "The encoder's posterior equals the prior.", zh: '编码器的后验等于先验。' },
          correct: false,
          why: { en: 'That is posterior collapse in a VAE; a GAN has no encoder.', zh: '那是 VAE 中的后验坍缩；GAN 没有编码器。' },
        },
      ],
    },
    {
      id: 'ring-modes',
      kind: 'figure',
      figure: 'fig:toy-gan',
      check: 'gan-ring-modes',
      prompt: {
        en: `In the toy GAN, with the ring of ${GAN_RING_MODES} Gaussians as the real data, train until the generated points reach at least ${GAN_MODES_GOAL} of the ${GAN_RING_MODES} modes (the table's last row counts them). If the count stops rising while training goes on, the generator may be stuck on fewer modes: press "Train from scratch" for other random weights.`,
        zh: `在玩具 GAN 中，以 ${GAN_RING_MODES} 个高斯分布组成的圆环为真实数据，训练到生成点至少覆盖 ${GAN_RING_MODES} 个模式中的 ${GAN_MODES_GOAL} 个（表格最后一行给出这个数）。如果继续训练这个数也不再上升，生成器可能困在了较少的模式上：请按“从头训练”，换一组随机权重。`,
      },
      explanation: {
        en: "The generator's points stream towards the clusters the discriminator marks as real; as a cluster fills, $D$ there falls towards $\\tfrac12$ and the pull moves to the clusters still missing. Train on and watch the count: it rarely stays at its maximum, because clusters are emptied and filled again as the two networks chase each other. The objective does not favour this partial mode collapse; the alternating game does, since against a fixed discriminator the generator's best response is a point mass.",
        zh: '生成器的点会流向判别器标为“真实”的簇；一个簇被填满后，那里的 $D$ 降向 $\\tfrac12$，拉力便转向仍然缺样本的簇。继续训练并观察这个数：它很少一直停在最大值，因为两个网络相互追逐，簇被清空后又被重新填上。目标函数本身并不偏好这种部分模式坍缩，是交替进行的博弈造成的：面对固定的判别器，生成器的最优应对是一个点质量。',
      },
      ref: 'ex:point-mass',
    },
  ],
};
