/**
 * The maths library's values that the question bank's numeric answers must equal, written out
 * here call by call (question key "slug/id" → the library call), so that a question whose answer
 * was typed, or computed from the wrong arguments, fails tests/unit/questions/quiz-bank.test.ts.
 */
import { alphaBar, linearBetaSchedule } from '../../src/lib/math/diffusion.ts';
import { affineFlow, flowLogPdf } from '../../src/lib/math/flow.ts';
import { jensenShannonNormal, optimalDiscriminator } from '../../src/lib/math/gan.ts';
import { perSampleVariance, testFunction } from '../../src/lib/math/gradient-estimators.ts';
import { interpolate, norm } from '../../src/lib/math/interpolation.ts';
import { asymptoticIwaeGap, logMeanExp } from '../../src/lib/math/iwae.ts';
import { jensenLog } from '../../src/lib/math/jensen.ts';
import { klDiagonalToStdNormal, klDiscrete, klNormal } from '../../src/lib/math/kl.ts';
import { elbo, MODEL_PRESETS } from '../../src/lib/math/latent-models.ts';
import { eStep, fitGaussian } from '../../src/lib/math/mixture.ts';

const N01 = { mu: 0, sigma: 1 };

export const EXPECTED_NUMERIC: Record<string, () => number> = {
  'kl-divergence/gauss-numeric': () => klNormal({ mu: 1, sigma: 0.5 }, N01),
  'kl-divergence/bernoulli-numeric': () => klDiscrete([0.5, 0.5], [0.8, 0.2]),
  'kl-divergence/diag-numeric': () => klDiagonalToStdNormal([0.5, -1], [Math.log(0.25), 0]),
  'generative-models/gauss-mle-sigma': () => fitGaussian([1, 2, 3, 6]).sigma,
  'em-and-gaussian-mixtures/responsibility-numeric': () =>
    eStep(
      [1.5],
      [
        { weight: 0.5, mu: 0, sigma: 1 },
        { weight: 0.5, mu: 2, sigma: 1 },
      ],
    ).responsibilities[0]?.[1] ?? Number.NaN,
  'evidence-lower-bound/jensen-gap-numeric': () => jensenLog([1, 4], [0.5, 0.5]).gap,
  'evidence-lower-bound/prior-as-q-numeric': () => elbo(MODEL_PRESETS['linear-gaussian'], 1.5, N01),
  'reparameterisation-trick/pathwise-variance-numeric': () => perSampleVariance('pathwise', testFunction('square'), { mu: 1, sigma: 1 }, 'mu'),
  'reparameterisation-trick/score-variance-numeric': () => perSampleVariance('score', testFunction('square'), { mu: 1, sigma: 1 }, 'mu'),
  'variational-autoencoder/kl-numeric': () => klDiagonalToStdNormal([1, 0], [0, Math.log(4)]),
  'variational-autoencoder/bce-floor-numeric': () => Math.LN2 - klDiscrete([0.3, 0.7], [0.5, 0.5]),
  'variational-autoencoder/interpolation-numeric': () => norm(interpolate([Math.sqrt(20), 0], [0, Math.sqrt(20)], 0.5, 'linear')),
  'importance-weighted-autoencoders/l2-numeric': () => logMeanExp([-1, -3]),
  'importance-weighted-autoencoders/asymptotic-numeric': () => asymptoticIwaeGap(0.5, 10),
  'generative-adversarial-networks/dstar-numeric': () => optimalDiscriminator(0, N01, { mu: 1, sigma: 1 }),
  'generative-adversarial-networks/jsd-numeric': () => jensenShannonNormal(N01, { mu: 1, sigma: 1 }),
  'vae-gan/grey-pixel-numeric': () => Math.LN2 - klDiscrete([0.5, 0.5], [0.5, 0.5]),
  'comparing-generative-models/flow-numeric': () => flowLogPdf(2, affineFlow(1, 2)),
  'comparing-generative-models/diffusion-numeric': () => alphaBar(linearBetaSchedule(10, 0.1, 0.1))[9] ?? Number.NaN,
};
