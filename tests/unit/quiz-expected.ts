/**
 * The maths library's values that the question bank's numeric answers must equal, written out
 * here call by call (question key "slug/id" → the library call), so that a question whose answer
 * was typed, or computed from the wrong arguments, fails tests/unit/quiz-bank.test.ts.
 */
import { klDiagonalToStdNormal, klDiscrete, klNormal } from '~/lib/math/kl';

export const EXPECTED_NUMERIC: Record<string, () => number> = {
  'kl-divergence/gauss-numeric': () => klNormal({ mu: 1, sigma: 0.5 }, { mu: 0, sigma: 1 }),
  'kl-divergence/bernoulli-numeric': () => klDiscrete([0.5, 0.5], [0.8, 0.2]),
  'kl-divergence/diag-numeric': () => klDiagonalToStdNormal([0.5, -1], [Math.log(0.25), 0]),
};
