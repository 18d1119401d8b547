/**
 * The book's glossary: one Chinese translation for each technical term, used everywhere in the
 * Chinese edition (chapters, figures, widgets). The glossary page of both editions
 * (`src/content/docs/glossary.mdx`, `zh/glossary.mdx`) renders this list through
 * `src/components/Glossary/Glossary.astro`; a new term is added here, and nowhere else.
 */

export interface GlossaryTerm {
  /** The English term, with its abbreviation in parentheses where it has one. */
  readonly en: string;
  /** Its one Chinese translation. */
  readonly zh: string;
  /** A usage note, in each language. */
  readonly note?: { readonly en: string; readonly zh: string };
}

const term = (en: string, zh: string, note?: { en: string; zh: string }): GlossaryTerm => (note ? { en, zh, note } : { en, zh });

export const glossary: readonly GlossaryTerm[] = [
  term('variational autoencoder (VAE)', '变分自编码器（VAE）', {
    en: 'Abbreviations common in Chinese ML writing (VAE, ELBO, KL, GAN …) follow the Chinese name at its first use in a chapter, then stand alone.',
    zh: 'VAE、ELBO、KL、GAN 等缩写在中文文献中很常用：每章首次出现时写中文名并在括号中注明缩写，此后只用缩写。',
  }),
  term('autoencoder', '自编码器'),
  term('denoising autoencoder', '去噪自编码器'),
  term('conditional VAE (CVAE)', '条件变分自编码器（CVAE）'),
  term('importance-weighted autoencoder (IWAE)', '重要性加权自编码器（IWAE）'),
  term('generative adversarial network (GAN)', '生成对抗网络（GAN）'),
  term('generator', '生成器'),
  term('discriminator', '判别器'),
  term('VAE-GAN', 'VAE-GAN'),
  term('generative model', '生成模型'),
  term('discriminative model', '判别模型'),
  term('latent variable', '隐变量', { en: 'Not 潜变量: the book’s Chinese sources use 隐变量.', zh: '不用“潜变量”：本书的中文原始笔记用“隐变量”。' }),
  term('latent space', '隐空间'),
  term('code', '编码'),
  term('encoder', '编码器'),
  term('decoder', '解码器'),
  term('bottleneck', '瓶颈'),
  term('prior', '先验'),
  term('posterior', '后验'),
  term('approximate posterior', '近似后验'),
  term('evidence', '证据'),
  term('marginal likelihood', '边缘似然'),
  term('log-likelihood', '对数似然'),
  term('evidence lower bound (ELBO)', '证据下界（ELBO）'),
  term('maximum likelihood (estimation)', '极大似然（估计）'),
  term('expectation–maximisation (EM)', '期望最大化（EM）算法'),
  term('E-step / M-step', 'E 步 / M 步'),
  term('Gaussian mixture model (GMM)', '高斯混合模型（GMM）'),
  term('Kullback–Leibler divergence', 'KL 散度（相对熵）', {
    en: '“Divergence” is always 散度, never 距离 (distance).',
    zh: '“divergence”一律译作“散度”，不译作“距离”。',
  }),
  term('Jensen’s inequality', 'Jensen 不等式'),
  term('Jensen’s gap', 'Jensen 间隙'),
  term('convex function', '凸函数'),
  term('concave function', '凹函数'),
  term('Jensen–Shannon divergence', 'JS 散度'),
  term('variational inference', '变分推断'),
  term('variational distribution', '变分分布'),
  term('amortised inference', '摊销推断'),
  term('approximation gap', '近似间隙'),
  term('amortisation gap', '摊销间隙'),
  term('reparameterisation trick', '重参数化技巧'),
  term('location-scale family', '位置–尺度族'),
  term('score function', '得分函数'),
  term('score', '得分'),
  term('score-function (REINFORCE) estimator', '得分函数估计量（REINFORCE）'),
  term('likelihood-ratio estimator', '似然比估计量'),
  term('log-derivative identity', '对数导数恒等式'),
  term('pathwise (reparameterisation) estimator', '路径导数估计量'),
  term('baseline', '基线'),
  term('control variate', '控制变量'),
  term('automatic differentiation', '自动微分'),
  term('computational graph', '计算图'),
  term('variance', '方差'),
  term('standard deviation', '标准差'),
  term('log-variance', '对数方差'),
  term('diagonal covariance', '对角协方差'),
  term('Bernoulli distribution', '伯努利分布'),
  term('Gaussian (normal) distribution', '高斯分布（正态分布）'),
  term('standard normal distribution', '标准正态分布'),
  term('binary cross-entropy', '二元交叉熵'),
  term('binary entropy', '二元熵'),
  term('mean squared error', '均方误差'),
  term('reconstruction (term, error)', '重构（项，误差）'),
  term('posterior collapse', '后验坍缩'),
  term('active units', '活跃单元'),
  term('mode collapse', '模式坍缩'),
  term('non-saturating loss', '非饱和损失'),
  term('saddle point', '鞍点'),
  term('importance sampling', '重要性采样'),
  term('Monte Carlo (estimate)', '蒙特卡洛（估计）'),
  term('closed form', '闭式解（解析式）'),
  term('support (of a distribution)', '支撑集'),
  term('mode-seeking', '寻模'),
  term('mass-covering', '覆盖'),
  term('interpolation', '插值'),
  term('spherical linear interpolation (slerp)', '球面线性插值（slerp）'),
  term('manifold', '流形'),
  term('principal component analysis (PCA)', '主成分分析（PCA）'),
  term('probabilistic PCA (PPCA)', '概率主成分分析（PPCA）'),
  term('principal subspace', '主子空间'),
  term('normalising flow', '标准化流（流模型）'),
  term('diffusion model', '扩散模型'),
  term('nat (unit)', '奈特（nat）', { en: 'After the first use, numbers keep the unit “nats”.', zh: '首次出现之后，数值后面的单位写作“nats”。' }),
  term('learning rate', '学习率'),
  term('batch', '批次'),
  term('mini-batch', '小批次'),
  term('epoch', '轮（epoch）'),
  term('training step', '训练步'),
  term('backend', '后端', { en: 'WebGPU, WebGL and WebAssembly stay in English.', zh: 'WebGPU、WebGL、WebAssembly 保留英文。' }),
  term('chapter', '第 N 章'),
  term('figure', '图'),
  term('equation', '式', { en: 'Equation references read “式 (3.1)”.', zh: '公式引用写作“式 (3.1)”。' }),
  term('exercise', '习题'),
  term('solution', '解答'),
  term('common mistake', '常见错误'),
  term('slides', '幻灯片'),
  term('quiz', '自测题'),
  term('learning objectives', '学习目标'),
];

/** The terms in the reading order of a locale: English alphabetically, Chinese by pinyin. */
export function sortedGlossary(locale: 'en' | 'zh'): GlossaryTerm[] {
  const collator = new Intl.Collator(locale === 'zh' ? 'zh-Hans-CN-u-co-pinyin' : 'en', { sensitivity: 'base' });
  return [...glossary].sort((a, b) => collator.compare(a[locale], b[locale]));
}
