/**
 * Every English UI string of the book's own components, plugins and widgets. Starlight's
 * built-in interface strings (search, theme, navigation) are translated by Starlight itself.
 * A new locale copies this file, translates the values, and registers it in `./index.ts`.
 */
export const en = {
  'chapter.label': 'Chapter',
  'figure.label': 'Figure',
  'figure.description': 'Description',
  'equation.label': 'Equation',
  'exercise.label': 'Exercise',
  'exercise.solution': 'Solution',
  'references.heading': 'References',
  'callout.note': 'Note',
  'callout.tip': 'Tip',
  'callout.caution': 'Caution',
  'callout.mistake': 'Common mistake',
  'widget.loading': 'Loading the interactive figure…',
  'widget.noscript': 'This figure is interactive and needs JavaScript. The description above says what it shows.',

  'kl.p': 'Distribution p',
  'kl.q': 'Distribution q',
  'kl.mu1': 'Mean μ₁ of p',
  'kl.sigma1': 'Standard deviation σ₁ of p',
  'kl.mu2': 'Mean μ₂ of q',
  'kl.sigma2': 'Standard deviation σ₂ of q',
  'kl.presetStandard': 'Set q = N(0, 1)',
  'kl.swap': 'Swap p and q',
  'kl.samples': 'Monte Carlo samples N',
  'kl.resample': 'Draw new samples',
  'kl.closedForm': 'Closed form',
  'kl.monteCarlo': 'Monte Carlo',
  'kl.standardError': 'standard error',
  'kl.plotLabel': 'Densities of p and q',
  'kl.densityAxis': 'density',
  'kl.formulaHeading': 'The closed form with the current numbers',
  'kl.copyLink': 'Copy link to this setting',
  'kl.linkCopied': 'Link copied',
} as const;

export type UIKey = keyof typeof en;
export type UIStrings = Record<UIKey, string>;
