/** Chapter 5 (autoencoders): self-check questions. The hole rule's quantile comes from src/lib/math/code-holes. */
import { HOLE_PERCENT } from '../lib/quiz/figure-checks-models.ts';
import type { ChapterQuestions } from '../lib/quiz/schema.ts';

export const questions: ChapterQuestions = {
  slug: 'autoencoders',
  chapter: '5',
  questions: [
    {
      id: 'bottleneck',
      kind: 'single',
      prompt: { en: 'Why does an autoencoder need a bottleneck (or another constraint)?', zh: '为什么自编码器需要瓶颈（或其他约束）？' },
      options: [
        {
          text: {
            en: 'Without it, the identity map copies every input perfectly and learns nothing about the data.',
            zh: '没有它，恒等映射就能完美复制每个输入，却学不到关于数据的任何东西。',
          },
          correct: true,
          why: {
            en: 'Right: the narrow code forces the network to keep what matters most for reconstruction.',
            zh: '正确：窄的编码迫使网络保留对重构最重要的信息。',
          },
          ref: 'eq:ae-objective',
        },
        {
          text: { en: 'To make the code follow a standard normal distribution.', zh: '为了让编码服从标准正态分布。' },
          correct: false,
          why: {
            en: "Nothing in the autoencoder's objective shapes the distribution of its codes; that is what the VAE's KL term adds.",
            zh: '自编码器的目标函数不约束编码的分布；这是 VAE 的 KL 项才加入的。',
          },
        },
        {
          text: { en: 'Because the loss cannot be computed for a wide code.', zh: '因为对宽的编码无法计算损失。' },
          correct: false,
          why: { en: 'The loss is computed the same way at any width.', zh: '无论编码多宽，损失的计算方式都一样。' },
        },
      ],
    },
    {
      id: 'bce-minimum',
      kind: 'single',
      prompt: {
        en: 'A target pixel has grey level $x = 0.3$. Which output $\\hat{x}$ minimises the binary cross-entropy, and is the minimum zero?',
        zh: '目标像素的灰度为 $x = 0.3$。哪个输出 $\\hat{x}$ 使二元交叉熵最小？最小值是零吗？',
      },
      options: [
        {
          text: { en: '$\\hat{x} = 0.3$; the minimum is the entropy $H(0.3) > 0$.', zh: '$\\hat{x} = 0.3$；最小值是熵 $H(0.3) > 0$。' },
          correct: true,
          why: {
            en: 'Right: BCE on grey levels has a floor above zero, so its values are not log-likelihoods.',
            zh: '正确：灰度像素上的二元交叉熵有一个大于零的下限，所以它的值不是对数似然。',
          },
          ref: 'ex:bce-minimum',
        },
        {
          text: { en: '$\\hat{x} = 0.3$; the minimum is zero.', zh: '$\\hat{x} = 0.3$；最小值为零。' },
          correct: false,
          why: { en: 'BCE is zero only for targets of exactly 0 or 1.', zh: '只有目标恰好为 0 或 1 时二元交叉熵才为零。' },
          ref: 'eq:bce',
        },
        {
          text: { en: '$\\hat{x} = 0$, the nearer end.', zh: '$\\hat{x} = 0$，更近的端点。' },
          correct: false,
          why: {
            en: 'The derivative $(\\hat{x} - x)/(\\hat{x}(1 - \\hat{x}))$ vanishes only at $\\hat{x} = x$.',
            zh: '导数 $(\\hat{x} - x)/(\\hat{x}(1 - \\hat{x}))$ 只在 $\\hat{x} = x$ 处为零。',
          },
          ref: 'eq:bce',
        },
      ],
    },
    {
      id: 'linear-pca',
      kind: 'single',
      prompt: {
        en: 'What does a linear autoencoder with a $k$-dimensional code, trained with squared error, learn?',
        zh: '用平方误差训练、编码维数为 $k$ 的线性自编码器学到了什么？',
      },
      options: [
        {
          text: {
            en: "The same subspace as PCA's first $k$ principal components, though not necessarily the components themselves.",
            zh: '与 PCA 前 $k$ 个主成分相同的子空间，但不一定是这些主成分本身。',
          },
          correct: true,
          why: { en: 'Right: any invertible mix of the code coordinates gives the same reconstruction.', zh: '正确：对编码坐标做任何可逆变换，重构都不变。' },
          ref: 'eq:linear-invariance',
        },
        {
          text: { en: "Exactly PCA's principal directions, in order of variance.", zh: '恰好是按方差排序的 PCA 主方向。' },
          correct: false,
          why: { en: 'The objective cannot tell the components apart from rotations of them.', zh: '目标函数无法区分主成分与它们的旋转。' },
          ref: 'eq:linear-invariance',
        },
        {
          text: { en: 'Something unrelated to PCA, because it is trained by gradient descent.', zh: '与 PCA 无关的东西，因为它是用梯度下降训练的。' },
          correct: false,
          why: { en: 'The optimum does not depend on how it is found.', zh: '最优解与求解方法无关。' },
          ref: 'eq:pca-error',
        },
      ],
    },
    {
      id: 'denoising',
      kind: 'single',
      prompt: {
        en: 'What does the optimal denoising autoencoder output for a noisy input $\\tilde{\\mathbf{x}}$ (squared error)?',
        zh: '（平方误差下）最优的去噪自编码器对带噪输入 $\\tilde{\\mathbf{x}}$ 输出什么？',
      },
      options: [
        {
          text: {
            en: 'The conditional mean $\\mathbb{E}[\\mathbf{x} \\mid \\tilde{\\mathbf{x}}]$ of the clean images that could have produced it.',
            zh: '所有可能产生它的干净图像的条件均值 $\\mathbb{E}[\\mathbf{x} \\mid \\tilde{\\mathbf{x}}]$。',
          },
          correct: true,
          why: {
            en: "Right: and by Tweedie's formula it points along the gradient of the log-density of noisy data.",
            zh: '正确：并且由 Tweedie 公式，它沿着带噪数据对数密度的梯度方向。',
          },
          ref: 'eq:denoiser-mean',
        },
        {
          text: { en: 'The single most likely clean image.', zh: '最可能的那张干净图像。' },
          correct: false,
          why: { en: 'Squared error is minimised by the mean, not the mode.', zh: '平方误差由均值而不是众数最小化。' },
          ref: 'eq:denoiser-mean',
        },
        {
          text: { en: 'The noisy input unchanged.', zh: '原样输出带噪输入。' },
          correct: false,
          why: { en: 'The loss compares with the clean image, so copying the noise is penalised.', zh: '损失与干净图像比较，照抄噪声会被惩罚。' },
          ref: 'eq:dae',
        },
      ],
    },
    {
      id: 'poor-generator',
      kind: 'multiple',
      prompt: { en: 'Why is a plain autoencoder a poor generator?', zh: '为什么普通自编码器不适合用来生成？' },
      options: [
        {
          text: { en: 'Its codes leave holes: regions of code space that decode to no digit.', zh: '它的编码留下空洞：编码空间中有些区域解码后不是任何数字。' },
          correct: true,
          why: { en: 'Right: the figure counts how many random codes fall in such a hole.', zh: '正确：该图统计了有多少随机编码落入这样的空洞。' },
          ref: 'fig:autoencoder-lab',
        },
        {
          text: {
            en: "There is no distribution to draw codes from; the objective does not fix the codes' scale or shape.",
            zh: '没有可供采样编码的分布；目标函数不约束编码的尺度和形状。',
          },
          correct: true,
          why: {
            en: 'Right: any invertible map of the codes, undone by the decoder, leaves the loss unchanged.',
            zh: '正确：对编码做任何可逆映射，再由解码器抵消，损失不变。',
          },
          ref: 'eq:code-invariance',
        },
        {
          text: { en: 'Its decoder cannot map a code to an image.', zh: '它的解码器无法把编码映射为图像。' },
          correct: false,
          why: { en: 'It can; the problem is knowing which codes to feed it.', zh: '可以；问题在于不知道该输入哪些编码。' },
        },
      ],
    },
    {
      id: 'code-hole',
      kind: 'figure',
      figure: 'fig:autoencoder-lab',
      check: 'autoencoder-hole',
      prompt: {
        en: `In the autoencoder lab, put the cross of the autoencoder's code plot in a hole: a code farther from every plotted test code than ${HOLE_PERCENT} % of those codes are from their nearest neighbour. Look at the image the decoder makes there.`,
        zh: `在自编码器实验中，把自编码器编码图里的十字放进一个空洞：该编码与所有已画出的测试编码的距离，都大于其中 ${HOLE_PERCENT}% 的编码与各自最近邻的距离。看看解码器在那里画出了什么。`,
      },
      explanation: {
        en: 'Training evaluates the decoder only at the codes of training images, $g_\\theta(f_\\phi(\\mathbf{x}_n))$, so nothing in the objective asks for a digit anywhere else: in a hole it extrapolates, often to a blend of neighbouring digits or to no digit at all. With no distribution over the codes there is also no way to know which codes are safe to decode; the VAE fixes a prior and trains the decoder on whole neighbourhoods of codes.',
        zh: '训练只在训练图像的编码处检验解码器，即 $g_\\theta(f_\\phi(\\mathbf{x}_n))$，目标函数并不要求它在别处画出数字：在空洞里它只能外推，画出的常常是相邻数字的混合，甚至根本不是数字。编码上又没有分布，无从知道哪些编码可以放心解码；VAE 则预先固定先验，并在每个编码周围的整片邻域上训练解码器。',
      },
      ref: 'ex:holes',
    },
  ],
};
