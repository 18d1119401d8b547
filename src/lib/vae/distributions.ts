/**
 * The distributions of a VAE as small functions over tensors: the diagonal-Gaussian posterior
 * q(z|x) (sampling, density, KL divergences), the standard-normal prior p(z), and the two pixel
 * likelihoods p(x|z) (Bernoulli with logits, Gaussian with fixed or learned variance).
 *
 * Conventions: natural logs (nats); a diagonal Gaussian is parameterised by its mean μ and its
 * log-variance ℓ = log σ², both [batch, J], as an encoder outputs them; every density is summed
 * over its event dimensions and returned per example, [batch]. Every function returns a new
 * tensor that the caller owns and disposes nothing it was given; intermediates are freed by
 * `tf.tidy`. All functions are differentiable with respect to their tensor arguments.
 */
import { opWithGradient } from './grad.ts';
import * as tf from './tf.ts';
import { tfSeed } from './seed.ts';
import type { DiagonalGaussian } from './types.ts';

/** log 2π, the normalising constant of a one-dimensional Gaussian's log-density (times two). */
const LOG_TWO_PI = Math.log(2 * Math.PI);

/**
 * Draws z ~ N(μ, diag(e^ℓ)) by the reparameterisation trick: z = μ + e^{ℓ/2} ⊙ ε with
 * ε ~ N(0, I) drawn from `seed`. Because the randomness sits in ε, which does not depend on
 * (μ, ℓ), z is a deterministic, differentiable function of the parameters, and ∇ E_q[f(z)] can be
 * estimated by averaging ∇ f(μ + σ ⊙ ε) over draws of ε.
 *
 * The same seed and shape give the same ε. ε is drawn row-major, so the first rows of a sample of
 * a batch tiled c times equal the sample of the untiled batch with the same seed.
 *
 * @param q.mean [batch, J]
 * @param q.logVar [batch, J] log-variances ℓ = log σ²
 * @param seed any finite number (0 included) making the draw reproducible
 * @returns z [batch, J]
 */
export function sampleDiagonalGaussian(q: DiagonalGaussian, seed: number): tf.Tensor2D {
  const s = tfSeed(seed);
  // One op with its gradient written out (∂z/∂μ = 1, ∂z/∂ℓ = ½σ ⊙ ε): 4 kernels forward, 1 back,
  // where automatic differentiation of the same expression records ~15.
  return opWithGradient<tf.Tensor2D>([q.mean, q.logVar], (save) => {
    const epsilon = tf.randomNormal(q.mean.shape, 0, 1, 'float32', s);
    const noise = tf.mul(tf.exp(tf.mul(q.logVar, 0.5)), epsilon);
    save([noise]);
    return {
      value: tf.add(q.mean, noise),
      gradient: (dz, [scaled]) => [() => tf.reshape(dz, dz.shape), () => tf.mul(dz, tf.mul(scaled as tf.Tensor, 0.5))],
    };
  });
}

/**
 * The rows of `t` stacked `times` times: row s·rows + r of the result is row r of `t`
 * ([rows, cols] → [times·rows, cols]). Used to draw several samples per example in one batch.
 *
 * Unlike `tf.tile` (whose registered gradient adds one slice per repetition, i.e. 20,000 ops for
 * 20,000 repetitions) this is a broadcasting add, whose gradient is one sum over the repetitions.
 *
 * @param t [rows, cols]
 * @param times an integer ≥ 1
 * @returns [times·rows, cols]
 */
export function repeatRows(t: tf.Tensor2D, times: number): tf.Tensor2D {
  if (!(Number.isInteger(times) && times >= 1)) throw new RangeError(`times must be an integer >= 1, got ${times}`);
  return tf.tidy(() => {
    const [rows, cols] = t.shape;
    const stacked = tf.add(tf.reshape(t, [1, rows, cols]), tf.zeros([times, rows, cols]));
    return tf.reshape(stacked, [times * rows, cols]);
  });
}

/**
 * log N(z; μ, diag(e^ℓ)) = −½ Σ_j [log 2π + ℓ_j + (z_j − μ_j)² e^{−ℓ_j}].
 *
 * Written with e^{−ℓ} rather than a division by σ², so that no variance is formed on its own.
 *
 * @param z [batch, J]
 * @param q.mean [batch, J]
 * @param q.logVar [batch, J]
 * @returns [batch] log-densities in nats
 */
export function logProbDiagonalGaussian(z: tf.Tensor2D, q: DiagonalGaussian): tf.Tensor1D {
  return tf.tidy(() => {
    const quadratic = tf.mul(tf.squaredDifference(z, q.mean), tf.exp(tf.neg(q.logVar)));
    const perDim = tf.add(tf.add(quadratic, q.logVar), LOG_TWO_PI);
    return tf.mul(tf.sum(perDim, 1), -0.5) as tf.Tensor1D;
  });
}

/**
 * log N(z; 0, I) = −½ Σ_j (log 2π + z_j²), the VAE's prior density.
 *
 * @param z [batch, J]
 * @returns [batch]
 */
export function logProbStandardNormal(z: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [, dims] = z.shape;
    return tf.mul(tf.add(tf.sum(tf.square(z), 1), dims * LOG_TWO_PI), -0.5) as tf.Tensor1D;
  });
}

/**
 * D_KL(N(μ_j, e^{ℓ_j}) ‖ N(0, 1)) for every example and latent dimension:
 * ½(μ_j² + e^{ℓ_j} − ℓ_j − 1).
 *
 * The variance part is computed as expm1(ℓ) − ℓ. Near ℓ = 0 (a dimension whose posterior has
 * collapsed to the prior) e^ℓ − 1 − ℓ ≈ ℓ²/2 is the difference of numbers ≈ 1 and ≈ ℓ: in
 * float32 `exp(ℓ) − 1 − ℓ` is wrong by up to ~6e-8 and can come out negative, while
 * `expm1(ℓ) − ℓ` is exactly 0 at ℓ = 0 and accurate next to it. A dimension's KL averaged over a
 * data set is the usual measure of whether the unit is active (see `activeUnits` in losses.ts).
 *
 * @param q.mean [batch, J]
 * @param q.logVar [batch, J]
 * @returns [batch, J] non-negative KL summands in nats
 */
export function klPerDimension(q: DiagonalGaussian): tf.Tensor2D {
  return tf.tidy(() => {
    const variancePart = tf.sub(tf.expm1(q.logVar), q.logVar);
    return tf.mul(tf.add(tf.square(q.mean), variancePart), 0.5);
  });
}

/**
 * D_KL(q ‖ N(0, I)) = ½ Σ_j (μ_j² + e^{ℓ_j} − ℓ_j − 1), the VAE's regulariser in closed form.
 * A diagonal Gaussian factorises, so this is the sum of {@link klPerDimension} over J.
 *
 * @param q.mean [batch, J]
 * @param q.logVar [batch, J]
 * @returns [batch] in nats
 */
export function klDiagonalToStdNormalPerRow(q: DiagonalGaussian): tf.Tensor1D {
  const [batch] = q.mean.shape;
  // One op with its gradient written out: ∂/∂μ_j = μ_j, ∂/∂ℓ_j = ½ expm1(ℓ_j) (the VAE's KL term
  // is in every training step; autodiff of the sum of klPerDimension records ~20 small kernels).
  return opWithGradient<tf.Tensor1D>([q.mean, q.logVar], (save) => {
    const expm1 = tf.expm1(q.logVar);
    save([q.mean, expm1]);
    return {
      value: tf.mul(tf.sum(tf.add(tf.square(q.mean), tf.sub(expm1, q.logVar)), 1), 0.5),
      gradient: (dy, [mean, e]) => {
        const perRow = tf.reshape(dy, [batch, 1]);
        return [() => tf.mul(mean as tf.Tensor, perRow), () => tf.mul(e as tf.Tensor, tf.mul(perRow, 0.5))];
      },
    };
  });
}

/**
 * D_KL(q ‖ p) between two diagonal Gaussians, in closed form:
 *   ½ Σ_j [ℓp_j − ℓq_j + (e^{ℓq_j} + (μq_j − μp_j)²) e^{−ℓp_j} − 1]
 *   = ½ Σ_j [(e^{u_j} − 1 − u_j) + (μq_j − μp_j)² e^{−ℓp_j}],   u = ℓq − ℓp.
 *
 * The second form splits the price of a wrong width (≥ 0, computed as expm1(u) − u, exact 0 at
 * u = 0) from the price of a wrong location (≥ 0), so KL(q ‖ q) is exactly 0 and nearby pairs get
 * small non-negative values instead of a cancellation residue. With p = N(0, I) it reduces to
 * {@link klDiagonalToStdNormalPerRow}. Used e.g. for a learned or conditional prior.
 *
 * @param q.mean [batch, J]
 * @param q.logVar [batch, J]
 * @param p.mean [batch, J] (or broadcastable to it, e.g. [1, J])
 * @param p.logVar [batch, J] (or broadcastable)
 * @returns [batch] in nats
 */
export function klDiagonalGaussians(q: DiagonalGaussian, p: DiagonalGaussian): tf.Tensor1D {
  return tf.tidy(() => {
    const u = tf.sub(q.logVar, p.logVar);
    const widthPart = tf.sub(tf.expm1(u), u);
    const locationPart = tf.mul(tf.squaredDifference(q.mean, p.mean), tf.exp(tf.neg(p.logVar)));
    return tf.mul(tf.sum(tf.add(widthPart, locationPart), 1), 0.5) as tf.Tensor1D;
  });
}

/**
 * log Bernoulli(x; σ(l)) = Σ_d [x_d log σ(l_d) + (1 − x_d) log(1 − σ(l_d))] = Σ_d [x_d l_d − softplus(l_d)],
 * using log σ(l) = l − softplus(l) and log(1 − σ(l)) = −softplus(l).
 *
 * The right-hand form never takes the log of a probability that rounded to 0 or 1, so it stays
 * finite for any finite logits. For grey-level x ∈ [0, 1] it is minus the binary cross-entropy —
 * not a normalised log-likelihood of continuous data, which is why figures on grey-level and
 * binarised MNIST are not comparable.
 *
 * Evaluated for speed (this is the reconstruction term of every VAE training step):
 * - On WASM, whose log and softplus are not vectorised, softplus(l) = max(l, 0) − log σ(|l|),
 *   where σ(|l|) ∈ [½, 1], so its log is stable; and Σ_d log σ(|l_d|) is taken as the log of
 *   products of groups of ≤ 32 pixels (28 for MNIST), which stay ≥ 2⁻³² (no underflow): one log
 *   per group instead of a softplus per pixel, ~5× faster. The products add a rounding error of
 *   ≤ 2·10⁻⁶ nats per group. Other backends use tf.softplus, which is cheaper there.
 * - The gradient is written out: ∂/∂l = x − σ(l), ∂/∂x = l (the latter only when x needs one).
 *
 * @param x [batch, D] targets in [0, 1]
 * @param logits [batch, D] decoder outputs l (pre-sigmoid)
 * @returns [batch] log-likelihoods in nats (≤ 0 for binary x)
 */
export function bernoulliLogProb(x: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  const [batch, pixels] = logits.shape;
  const group = largestDivisorAtMost(pixels, 32);
  return opWithGradient<tf.Tensor1D>([x, logits], (save) => {
    save([x, logits]);
    let value: tf.Tensor1D;
    if (tf.getBackend() === 'wasm') {
      const linear = tf.sum(tf.sub(tf.mul(x, logits), tf.relu(logits)), 1);
      const groups = tf.prod(tf.reshape(tf.sigmoid(tf.abs(logits)), [batch, pixels / group, group]), 2);
      value = tf.add(linear, tf.sum(tf.log(groups), 1));
    } else {
      value = tf.sum(tf.sub(tf.mul(x, logits), tf.softplus(logits)), 1);
    }
    return {
      value,
      gradient: (dy, saved) => {
        const [xs, ls] = saved as [tf.Tensor2D, tf.Tensor2D];
        const perRow = tf.reshape(dy, [batch, 1]);
        return [() => tf.mul(ls, perRow), () => tf.mul(tf.sub(xs, tf.sigmoid(ls)), perRow)];
      },
    };
  });
}

/** The largest divisor of n that is ≤ limit (1 for a prime n > limit). */
function largestDivisorAtMost(n: number, limit: number): number {
  for (let d = Math.min(n, limit); d > 1; d--) if (n % d === 0) return d;
  return 1;
}

/**
 * log N(x; m, e^v I) = −½ Σ_d [log 2π + v + (x_d − m_d)² e^{−v}], summed over pixels.
 *
 * With a fixed standard deviation σ pass v = 2 log σ (a number): the result is
 * −Σ(x − m)²/(2σ²) − D(log σ + ½ log 2π), i.e. scaled squared error plus a constant. A learned
 * variance is a tensor v broadcastable to [batch, D] (a scalar shared by all pixels, [D] per
 * pixel, or [batch, D] per example and pixel); the gradient then also flows into v.
 *
 * @param x [batch, D]
 * @param mean [batch, D]
 * @param logVar a finite number, or a tensor broadcastable to [batch, D]
 * @returns [batch] log-densities in nats
 */
export function gaussianLogProb(x: tf.Tensor2D, mean: tf.Tensor2D, logVar: number | tf.Tensor): tf.Tensor1D {
  if (typeof logVar === 'number' && !Number.isFinite(logVar)) {
    throw new RangeError(`logVar must be finite, got ${logVar}`);
  }
  return tf.tidy(() => {
    const squaredError = tf.squaredDifference(x, mean);
    if (typeof logVar === 'number') {
      // A scalar variance factors out of the sum: fewer [batch, D] operations.
      const [, pixels] = x.shape;
      const scaled = tf.mul(tf.sum(squaredError, 1), Math.exp(-logVar));
      return tf.mul(tf.add(scaled, pixels * (LOG_TWO_PI + logVar)), -0.5) as tf.Tensor1D;
    }
    const perPixel = tf.add(tf.add(tf.mul(squaredError, tf.exp(tf.neg(logVar))), logVar), LOG_TWO_PI);
    return tf.mul(tf.sum(perPixel, 1), -0.5) as tf.Tensor1D;
  });
}
