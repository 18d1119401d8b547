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
  goodfellow2014: {
    authors: ['Goodfellow', 'Pouget-Abadie', 'Mirza', 'Xu', 'Warde-Farley', 'Ozair', 'Courville', 'Bengio'],
    authorList:
      'Goodfellow, I., Pouget-Abadie, J., Mirza, M., Xu, B., Warde-Farley, D., Ozair, S., Courville, A., & Bengio, Y.',
    year: 2014,
    title: 'Generative adversarial nets',
    venue: 'Advances in Neural Information Processing Systems 27 (NeurIPS)',
    url: 'https://arxiv.org/abs/1406.2661',
  },
  radford2016: {
    authors: ['Radford', 'Metz', 'Chintala'],
    authorList: 'Radford, A., Metz, L., & Chintala, S.',
    year: 2016,
    title: 'Unsupervised representation learning with deep convolutional generative adversarial networks',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://arxiv.org/abs/1511.06434',
  },
  salimans2016: {
    authors: ['Salimans', 'Goodfellow', 'Zaremba', 'Cheung', 'Radford', 'Chen'],
    authorList: 'Salimans, T., Goodfellow, I., Zaremba, W., Cheung, V., Radford, A., & Chen, X.',
    year: 2016,
    title: 'Improved techniques for training GANs',
    venue: 'Advances in Neural Information Processing Systems 29 (NeurIPS)',
    url: 'https://arxiv.org/abs/1606.03498',
  },
  metz2017: {
    authors: ['Metz', 'Poole', 'Pfau', 'Sohl-Dickstein'],
    authorList: 'Metz, L., Poole, B., Pfau, D., & Sohl-Dickstein, J.',
    year: 2017,
    title: 'Unrolled generative adversarial networks',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://arxiv.org/abs/1611.02163',
  },
  arjovsky2017principled: {
    authors: ['Arjovsky', 'Bottou'],
    authorList: 'Arjovsky, M., & Bottou, L.',
    year: 2017,
    title: 'Towards principled methods for training generative adversarial networks',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://arxiv.org/abs/1701.04862',
  },
  arjovsky2017: {
    authors: ['Arjovsky', 'Chintala', 'Bottou'],
    authorList: 'Arjovsky, M., Chintala, S., & Bottou, L.',
    year: 2017,
    title: 'Wasserstein generative adversarial networks',
    venue: 'Proceedings of the 34th International Conference on Machine Learning (ICML)',
    url: 'https://arxiv.org/abs/1701.07875',
  },
  heusel2017: {
    authors: ['Heusel', 'Ramsauer', 'Unterthiner', 'Nessler', 'Hochreiter'],
    authorList: 'Heusel, M., Ramsauer, H., Unterthiner, T., Nessler, B., & Hochreiter, S.',
    year: 2017,
    title: 'GANs trained by a two time-scale update rule converge to a local Nash equilibrium',
    venue: 'Advances in Neural Information Processing Systems 30 (NeurIPS)',
    url: 'https://arxiv.org/abs/1706.08500',
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
  bishop2006: {
    authors: ['Bishop'],
    authorList: 'Bishop, C. M.',
    year: 2006,
    title: 'Pattern Recognition and Machine Learning',
    venue: 'Springer',
  },
  cremer2018: {
    authors: ['Cremer', 'Li', 'Duvenaud'],
    authorList: 'Cremer, C., Li, X., & Duvenaud, D.',
    year: 2018,
    title: 'Inference suboptimality in variational autoencoders',
    venue: 'Proceedings of the 35th International Conference on Machine Learning (ICML)',
    url: 'https://arxiv.org/abs/1801.03558',
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
  ho2020: {
    authors: ['Ho', 'Jain', 'Abbeel'],
    authorList: 'Ho, J., Jain, A., & Abbeel, P.',
    year: 2020,
    title: 'Denoising diffusion probabilistic models',
    venue: 'Advances in Neural Information Processing Systems 33 (NeurIPS)',
    url: 'https://arxiv.org/abs/2006.11239',
  },
} as const satisfies Record<string, Reference>;

export type CitationKey = keyof typeof bibliography;
