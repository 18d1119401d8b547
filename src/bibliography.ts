/**
 * The book's one bibliography. Chapters cite an entry with `[@key]` (several: `[@a; @b]`);
 * the `remark-citations` plugin renders the in-text citation and the chapter's reference list
 * from these records, so a reference is written exactly once.
 */
export interface Reference {
  /** Family names in citation order. One name gives "Name", two "A & B", three or more "A et al.". */
  authors: readonly string[];
  /** Authors as printed in the reference list, e.g. "Kingma, D. P., & Welling, M." */
  authorList: string;
  year: number;
  title: string;
  /** Journal, proceedings, publisher or preprint server, as printed. */
  venue: string;
  /** Canonical link (DOI or arXiv abstract page). */
  url?: string;
}

export const bibliography = {
  kingma2013: {
    authors: ['Kingma', 'Welling'],
    authorList: 'Kingma, D. P., & Welling, M.',
    year: 2013,
    title: 'Auto-encoding variational Bayes',
    venue: 'arXiv:1312.6114 (ICLR 2014)',
    url: 'https://arxiv.org/abs/1312.6114',
  },
  kingma2014: {
    authors: ['Kingma', 'Mohamed', 'Rezende', 'Welling'],
    authorList: 'Kingma, D. P., Mohamed, S., Rezende, D. J., & Welling, M.',
    year: 2014,
    title: 'Semi-supervised learning with deep generative models',
    venue: 'Advances in Neural Information Processing Systems 27 (NeurIPS)',
    url: 'https://arxiv.org/abs/1406.5298',
  },
  rezende2014: {
    authors: ['Rezende', 'Mohamed', 'Wierstra'],
    authorList: 'Rezende, D. J., Mohamed, S., & Wierstra, D.',
    year: 2014,
    title: 'Stochastic backpropagation and approximate inference in deep generative models',
    venue: 'Proceedings of the 31st International Conference on Machine Learning (ICML)',
    url: 'https://arxiv.org/abs/1401.4082',
  },
  sohn2015: {
    authors: ['Sohn', 'Lee', 'Yan'],
    authorList: 'Sohn, K., Lee, H., & Yan, X.',
    year: 2015,
    title: 'Learning structured output representation using deep conditional generative models',
    venue: 'Advances in Neural Information Processing Systems 28 (NeurIPS)',
  },
  glynn1990: {
    authors: ['Glynn'],
    authorList: 'Glynn, P. W.',
    year: 1990,
    title: 'Likelihood ratio gradient estimation for stochastic systems',
    venue: 'Communications of the ACM, 33(10), 75–84',
    url: 'https://doi.org/10.1145/84537.84552',
  },
  goodfellow2014: {
    authors: ['Goodfellow', 'Pouget-Abadie', 'Mirza', 'Xu', 'Warde-Farley', 'Ozair', 'Courville', 'Bengio'],
    authorList:
      'Goodfellow, I., Pouget-Abadie, J., Mirza, M., Xu, B., Warde-Farley, D., Ozair, S., Courville, A., & Bengio, Y.',
    year: 2014,
    title: 'Generative adversarial nets',
    venue: 'Advances in Neural Information Processing Systems 27 (NeurIPS)',
    url: 'https://arxiv.org/abs/1406.2661',
  },
  larsen2016: {
    authors: ['Larsen', 'Sønderby', 'Larochelle', 'Winther'],
    authorList: 'Larsen, A. B. L., Sønderby, S. K., Larochelle, H., & Winther, O.',
    year: 2016,
    title: 'Autoencoding beyond pixels using a learned similarity metric',
    venue: 'Proceedings of the 33rd International Conference on Machine Learning (ICML)',
    url: 'https://arxiv.org/abs/1512.09300',
  },
  burda2015: {
    authors: ['Burda', 'Grosse', 'Salakhutdinov'],
    authorList: 'Burda, Y., Grosse, R., & Salakhutdinov, R.',
    year: 2015,
    title: 'Importance weighted autoencoders',
    venue: 'arXiv:1509.00519 (ICLR 2016)',
    url: 'https://arxiv.org/abs/1509.00519',
  },
  higgins2017: {
    authors: ['Higgins', 'Matthey', 'Pal', 'Burgess', 'Glorot', 'Botvinick', 'Mohamed', 'Lerchner'],
    authorList:
      'Higgins, I., Matthey, L., Pal, A., Burgess, C., Glorot, X., Botvinick, M., Mohamed, S., & Lerchner, A.',
    year: 2017,
    title: 'β-VAE: Learning basic visual concepts with a constrained variational framework',
    venue: 'International Conference on Learning Representations (ICLR)',
  },
  dempster1977: {
    authors: ['Dempster', 'Laird', 'Rubin'],
    authorList: 'Dempster, A. P., Laird, N. M., & Rubin, D. B.',
    year: 1977,
    title: 'Maximum likelihood from incomplete data via the EM algorithm',
    venue: 'Journal of the Royal Statistical Society, Series B, 39(1), 1–38',
    url: 'https://doi.org/10.1111/j.2517-6161.1977.tb01600.x',
  },
  kullback1951: {
    authors: ['Kullback', 'Leibler'],
    authorList: 'Kullback, S., & Leibler, R. A.',
    year: 1951,
    title: 'On information and sufficiency',
    venue: 'The Annals of Mathematical Statistics, 22(1), 79–86',
    url: 'https://doi.org/10.1214/aoms/1177729694',
  },
  cover2006: {
    authors: ['Cover', 'Thomas'],
    authorList: 'Cover, T. M., & Thomas, J. A.',
    year: 2006,
    title: 'Elements of Information Theory (2nd ed.)',
    venue: 'Wiley-Interscience',
  },
  baldi1989: {
    authors: ['Baldi', 'Hornik'],
    authorList: 'Baldi, P., & Hornik, K.',
    year: 1989,
    title: 'Neural networks and principal component analysis: learning from examples without local minima',
    venue: 'Neural Networks, 2(1), 53–58',
    url: 'https://doi.org/10.1016/0893-6080(89)90014-2',
  },
  bishop2006: {
    authors: ['Bishop'],
    authorList: 'Bishop, C. M.',
    year: 2006,
    title: 'Pattern Recognition and Machine Learning',
    venue: 'Springer',
  },
  tipping1999: {
    authors: ['Tipping', 'Bishop'],
    authorList: 'Tipping, M. E., & Bishop, C. M.',
    year: 1999,
    title: 'Probabilistic principal component analysis',
    venue: 'Journal of the Royal Statistical Society: Series B (Statistical Methodology), 61(3), 611–622',
    url: 'https://doi.org/10.1111/1467-9868.00196',
  },
  cremer2018: {
    authors: ['Cremer', 'Li', 'Duvenaud'],
    authorList: 'Cremer, C., Li, X., & Duvenaud, D.',
    year: 2018,
    title: 'Inference suboptimality in variational autoencoders',
    venue: 'Proceedings of the 35th International Conference on Machine Learning (ICML)',
    url: 'https://arxiv.org/abs/1801.03558',
  },
  mohamed2020: {
    authors: ['Mohamed', 'Rosca', 'Figurnov', 'Mnih'],
    authorList: 'Mohamed, S., Rosca, M., Figurnov, M., & Mnih, A.',
    year: 2020,
    title: 'Monte Carlo gradient estimation in machine learning',
    venue: 'Journal of Machine Learning Research, 21(132), 1–62',
    url: 'https://arxiv.org/abs/1906.10652',
  },
  ng2002: {
    authors: ['Ng', 'Jordan'],
    authorList: 'Ng, A. Y., & Jordan, M. I.',
    year: 2002,
    title: 'On discriminative vs. generative classifiers: A comparison of logistic regression and naive Bayes',
    venue: 'Advances in Neural Information Processing Systems 14 (NIPS 2001)',
  },
  neal1998: {
    authors: ['Neal', 'Hinton'],
    authorList: 'Neal, R. M., & Hinton, G. E.',
    year: 1998,
    title: 'A view of the EM algorithm that justifies incremental, sparse, and other variants',
    venue: 'In M. I. Jordan (Ed.), Learning in Graphical Models (pp. 355–368), Kluwer Academic Publishers',
    url: 'https://doi.org/10.1007/978-94-011-5014-9_12',
  },
  williams1992: {
    authors: ['Williams'],
    authorList: 'Williams, R. J.',
    year: 1992,
    title: 'Simple statistical gradient-following algorithms for connectionist reinforcement learning',
    venue: 'Machine Learning, 8(3–4), 229–256',
    url: 'https://doi.org/10.1007/BF00992696',
  },
  wu1983: {
    authors: ['Wu'],
    authorList: 'Wu, C. F. J.',
    year: 1983,
    title: 'On the convergence properties of the EM algorithm',
    venue: 'The Annals of Statistics, 11(1), 95–103',
    url: 'https://doi.org/10.1214/aos/1176346060',
  },
  rezende2015: {
    authors: ['Rezende', 'Mohamed'],
    authorList: 'Rezende, D. J., & Mohamed, S.',
    year: 2015,
    title: 'Variational inference with normalizing flows',
    venue: 'Proceedings of the 32nd International Conference on Machine Learning (ICML)',
    url: 'https://arxiv.org/abs/1505.05770',
  },
  rainforth2018: {
    authors: ['Rainforth', 'Kosiorek', 'Le', 'Maddison', 'Igl', 'Wood', 'Teh'],
    authorList: 'Rainforth, T., Kosiorek, A. R., Le, T. A., Maddison, C. J., Igl, M., Wood, F., & Teh, Y. W.',
    year: 2018,
    title: 'Tighter variational bounds are not necessarily better',
    venue: 'Proceedings of the 35th International Conference on Machine Learning (ICML)',
    url: 'https://arxiv.org/abs/1802.04537',
  },
  dinh2017: {
    authors: ['Dinh', 'Sohl-Dickstein', 'Bengio'],
    authorList: 'Dinh, L., Sohl-Dickstein, J., & Bengio, S.',
    year: 2017,
    title: 'Density estimation using Real NVP',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://arxiv.org/abs/1605.08803',
  },
  sohldickstein2015: {
    authors: ['Sohl-Dickstein', 'Weiss', 'Maheswaranathan', 'Ganguli'],
    authorList: 'Sohl-Dickstein, J., Weiss, E. A., Maheswaranathan, N., & Ganguli, S.',
    year: 2015,
    title: 'Deep unsupervised learning using nonequilibrium thermodynamics',
    venue: 'Proceedings of the 32nd International Conference on Machine Learning (ICML)',
    url: 'https://arxiv.org/abs/1503.03585',
  },
  hinton2006: {
    authors: ['Hinton', 'Salakhutdinov'],
    authorList: 'Hinton, G. E., & Salakhutdinov, R. R.',
    year: 2006,
    title: 'Reducing the dimensionality of data with neural networks',
    venue: 'Science, 313(5786), 504–507',
    url: 'https://doi.org/10.1126/science.1127647',
  },
  ho2020: {
    authors: ['Ho', 'Jain', 'Abbeel'],
    authorList: 'Ho, J., Jain, A., & Abbeel, P.',
    year: 2020,
    title: 'Denoising diffusion probabilistic models',
    venue: 'Advances in Neural Information Processing Systems 33 (NeurIPS)',
    url: 'https://arxiv.org/abs/2006.11239',
  },
  song2021: {
    authors: ['Song', 'Meng', 'Ermon'],
    authorList: 'Song, J., Meng, C., & Ermon, S.',
    year: 2021,
    title: 'Denoising diffusion implicit models',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://arxiv.org/abs/2010.02502',
  },
  rombach2022: {
    authors: ['Rombach', 'Blattmann', 'Lorenz', 'Esser', 'Ommer'],
    authorList: 'Rombach, R., Blattmann, A., Lorenz, D., Esser, P., & Ommer, B.',
    year: 2022,
    title: 'High-resolution image synthesis with latent diffusion models',
    venue: 'Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR), 10684–10695',
    url: 'https://arxiv.org/abs/2112.10752',
  },
  theis2016: {
    authors: ['Theis', 'van den Oord', 'Bethge'],
    authorList: 'Theis, L., van den Oord, A., & Bethge, M.',
    year: 2016,
    title: 'A note on the evaluation of generative models',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://arxiv.org/abs/1511.01844',
  },
  vincent2008: {
    authors: ['Vincent', 'Larochelle', 'Bengio', 'Manzagol'],
    authorList: 'Vincent, P., Larochelle, H., Bengio, Y., & Manzagol, P.-A.',
    year: 2008,
    title: 'Extracting and composing robust features with denoising autoencoders',
    venue: 'Proceedings of the 25th International Conference on Machine Learning (ICML), 1096–1103',
    url: 'https://doi.org/10.1145/1390156.1390294',
  },
} as const satisfies Record<string, Reference>;

export type CitationKey = keyof typeof bibliography;
