/**
 * The VAE's objectives, in nats: the evidence lower bound split into its terms, the
 * importance-weighted bound of Burda et al. (2015), and the active-unit counts used to diagnose
 * posterior collapse.
 *
 *   log p(x) ≥ ELBO = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z))           (Kingma & Welling 2014)
 *   log p(x) ≥ L_K  = E[log (1/K) Σ_k p(x, z_k)/q(z_k|x)], z_k ~ q   (L_1 = ELBO, L_K ↑ log p(x))
 *
 * Every function returns caller-owned tensors (or plain numbers) and frees its intermediates.
 */
import { mulberry32 } from '../math/random.ts';
import {
  bernoulliLogProb,
  gaussianLogProb,
  klDiagonalToStdNormalPerRow,
  logProbDiagonalGaussian,
  logProbStandardNormal,
  repeatRows,
  sampleDiagonalGaussian,
} from './distributions.ts';
import { ACTIVE_UNIT_THRESHOLD, countActiveUnits } from './active-units.ts';
import * as tf from './tf.ts';
import type { DiagonalGaussian, Likelihood, LossTerms } from './types.ts';

/**
 * The default bound on the rows (samples × batch) decoded at once by {@link logImportanceWeights}:
 * K = 5000 at batch 100 becomes 250 chunks of 2000 rows, each a [2000, 784] decoder output
 * (6 MB in float32) instead of one 1.6 GB tensor.
 */
export const DEFAULT_MAX_ROWS_PER_CHUNK = 2048;

/**
 * log p_θ(x|z) per example, from the decoder's output for z.
 * - `bernoulli`: `decoderOutput` are logits (see `bernoulliLogProb`).
 * - `gaussian`: `decoderOutput` is the mean; the variance is σ² with log-variance 2 log σ.
 * - `gaussian-learned`: `decoderOutput` is the mean; the log-variance is `learnedLogVar`
 *   (a tensor broadcastable to [batch, D], usually a scalar variable), which must be given.
 *
 * @param x [batch, D]
 * @param decoderOutput [batch, D]
 * @param learnedLogVar only for `gaussian-learned`
 * @returns [batch] in nats
 * @throws Error if `gaussian-learned` has no `learnedLogVar`; RangeError if σ is not finite and > 0.
 */
export function reconstructionLogLikelihood(x: tf.Tensor2D, decoderOutput: tf.Tensor2D, likelihood: Likelihood, learnedLogVar?: tf.Tensor): tf.Tensor1D {
  switch (likelihood.kind) {
    case 'bernoulli':
      return bernoulliLogProb(x, decoderOutput);
    case 'gaussian':
      return gaussianLogProb(x, decoderOutput, 2 * Math.log(checkedSigma(likelihood.sigma)));
    case 'gaussian-learned':
      return gaussianLogProb(x, decoderOutput, requireLearnedLogVar(likelihood, learnedLogVar));
  }
}

function checkedSigma(sigma: number): number {
  if (!(Number.isFinite(sigma) && sigma > 0)) {
    throw new RangeError(`The Gaussian likelihood's sigma must be finite and > 0, got ${sigma}`);
  }
  return sigma;
}

/** Fails early (before any sampling or decoding) when a learned variance is needed but missing. */
function requireLearnedLogVar(likelihood: Likelihood, learnedLogVar: tf.Tensor | undefined): tf.Tensor {
  if (learnedLogVar === undefined) {
    throw new Error(`The '${likelihood.kind}' likelihood needs the decoder's learned log-variance: pass learnedLogVar.`);
  }
  return learnedLogVar;
}

function checkLikelihoodInputs(likelihood: Likelihood, learnedLogVar: tf.Tensor | undefined): void {
  if (likelihood.kind === 'gaussian-learned') requireLearnedLogVar(likelihood, learnedLogVar);
  if (likelihood.kind === 'gaussian') checkedSigma(likelihood.sigma);
}

/**
 * The VAE loss as separate terms, in nats per example (means over the batch, not sums):
 *   reconstruction = −(1/B) Σ_b log p(x_b|z_b)   (a one-sample estimate of −E_q[log p(x|z)])
 *   kl             =  (1/B) Σ_b KL(q(z|x_b) ‖ N(0, I))   (closed form, no sampling noise)
 *   total          = reconstruction + β·kl
 * With β = 1, total is the negative ELBO; β ≠ 1 gives the β-VAE objective (Higgins et al. 2017).
 * The caller samples z from `posterior` (`sampleDiagonalGaussian`) and decodes it, so the model
 * decides how many samples and which seed; minimise `total`, read the other two for display.
 *
 * @param args.x [batch, D]
 * @param args.posterior q(z|x): mean and logVar [batch, J]
 * @param args.decoderOutput [batch, D] the decoder's output for the sampled z (logits or mean)
 * @param args.beta weight of the KL term, finite and ≥ 0 (default 1)
 * @param args.learnedLogVar only for the `gaussian-learned` likelihood
 * @returns three caller-owned scalars
 */
export function elboTerms(args: {
  x: tf.Tensor2D;
  posterior: DiagonalGaussian;
  decoderOutput: tf.Tensor2D;
  likelihood: Likelihood;
  beta?: number;
  learnedLogVar?: tf.Tensor | undefined;
}): LossTerms {
  const { x, posterior, decoderOutput, likelihood, beta = 1, learnedLogVar } = args;
  if (!(Number.isFinite(beta) && beta >= 0)) throw new RangeError(`beta must be finite and >= 0, got ${beta}`);
  checkLikelihoodInputs(likelihood, learnedLogVar);
  return tf.tidy(() => {
    const reconstruction = tf.neg(tf.mean(reconstructionLogLikelihood(x, decoderOutput, likelihood, learnedLogVar))) as tf.Scalar;
    const kl = tf.mean(klDiagonalToStdNormalPerRow(posterior)) as tf.Scalar;
    const total = tf.add(reconstruction, tf.mul(kl, beta)) as tf.Scalar;
    return { reconstruction, kl, total };
  });
}

/**
 * log((1/K) Σ_k e^{v_k}) along the first axis, computed stably as
 * m + log((1/K) Σ_k e^{v_k − m}) with m = max_k v_k, so that log-weights of −1000 or +1000 do not
 * underflow or overflow. A column whose values are all −∞ gives −∞ (m is then replaced by 0
 * rather than producing ∞ − ∞). The gradient with respect to v is the softmax over k: the
 * normalised importance weights.
 *
 * @param values [K, batch]
 * @returns [batch]
 */
export function logMeanExpPerColumn(values: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [k] = values.shape;
    const rawMax = tf.max(values, 0, true);
    const shift = tf.where(tf.isFinite(rawMax), rawMax, tf.zerosLike(rawMax));
    const logSum = tf.log(tf.sum(tf.exp(tf.sub(values, shift)), 0, true));
    return tf.reshape(tf.add(tf.sub(logSum, Math.log(k)), shift), [values.shape[1]]) as tf.Tensor1D;
  });
}

/** Arguments shared by {@link logImportanceWeights} and {@link iwaeBound}. */
export interface ImportanceSamplingArgs {
  /** [batch, D] */
  readonly x: tf.Tensor2D;
  /** q(z|x): mean and logVar [batch, J] */
  readonly posterior: DiagonalGaussian;
  /**
   * The decoder: z [rows, J] → logits or means [rows, D]. It is called on up to
   * `maxRowsPerChunk` rows at a time, with the batch tiled (row s·batch + b holds sample s of
   * example b). Tensors it creates are freed after each chunk.
   */
  readonly decode: (z: tf.Tensor2D) => tf.Tensor2D;
  readonly likelihood: Likelihood;
  /** Number of importance samples K per example, an integer ≥ 1. */
  readonly k: number;
  readonly seed: number;
  /** Only for the `gaussian-learned` likelihood. */
  readonly learnedLogVar?: tf.Tensor | undefined;
  /** At most this many rows are decoded at once (default {@link DEFAULT_MAX_ROWS_PER_CHUNK}). */
  readonly maxRowsPerChunk?: number;
}

/**
 * log w_k = log p(x|z_k) + log p(z_k) − log q(z_k|x) for K draws z_k ~ q(z|x) per example.
 *
 * The samples are drawn and decoded in chunks of ⌊maxRowsPerChunk / batch⌋ samples (at least
 * one), so memory stays bounded for K in the thousands; only the [K, batch] log-weights are kept.
 * The first chunk uses `seed` itself (so for K = 1, z_1 equals `sampleDiagonalGaussian(posterior,
 * seed)`), later chunks use seeds derived from it with mulberry32. The draws therefore depend on
 * the seed and on the chunk size.
 *
 * @returns [K, batch] log importance weights in nats
 */
export function logImportanceWeights(args: ImportanceSamplingArgs): tf.Tensor2D {
  const { x, posterior, decode, likelihood, k, seed, learnedLogVar, maxRowsPerChunk = DEFAULT_MAX_ROWS_PER_CHUNK } = args;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  if (!(Number.isInteger(maxRowsPerChunk) && maxRowsPerChunk >= 1)) {
    throw new RangeError(`maxRowsPerChunk must be an integer >= 1, got ${maxRowsPerChunk}`);
  }
  checkLikelihoodInputs(likelihood, learnedLogVar);
  const [batch] = x.shape;
  const samplesPerChunk = Math.max(1, Math.min(k, Math.floor(maxRowsPerChunk / batch)));
  const derivedSeeds = mulberry32(seed);
  return tf.tidy(() => {
    const chunks: tf.Tensor2D[] = [];
    for (let start = 0; start < k; start += samplesPerChunk) {
      const samples = Math.min(samplesPerChunk, k - start);
      const chunkSeed = start === 0 ? seed : Math.floor(derivedSeeds() * 2 ** 32);
      chunks.push(tf.tidy(() => chunkLogWeights(x, posterior, decode, likelihood, samples, chunkSeed, learnedLogVar)));
    }
    return chunks.length === 1 ? (chunks[0] as tf.Tensor2D) : tf.concat(chunks, 0);
  });
}

/** One chunk of {@link logImportanceWeights}: `samples` draws per example, [samples, batch]. */
function chunkLogWeights(
  x: tf.Tensor2D,
  posterior: DiagonalGaussian,
  decode: (z: tf.Tensor2D) => tf.Tensor2D,
  likelihood: Likelihood,
  samples: number,
  seed: number,
  learnedLogVar: tf.Tensor | undefined,
): tf.Tensor2D {
  const [batch] = x.shape;
  const tiled = samples === 1 ? posterior : { mean: repeatRows(posterior.mean, samples), logVar: repeatRows(posterior.logVar, samples) };
  const xs = samples === 1 ? x : repeatRows(x, samples);
  const z = sampleDiagonalGaussian(tiled, seed);
  const logLikelihood = reconstructionLogLikelihood(xs, decode(z), likelihood, learnedLogVar);
  const logWeights = tf.sub(tf.add(logLikelihood, logProbStandardNormal(z)), logProbDiagonalGaussian(z, tiled));
  return tf.reshape(logWeights, [samples, batch]);
}

/**
 * The importance-weighted bound L_K (Burda et al. 2015) per example:
 *   log (1/K) Σ_k p(x, z_k)/q(z_k|x),   z_k ~ q(z|x),
 * computed as `logMeanExpPerColumn(logImportanceWeights(args))`. Its expectation is ≤ log p(x), does not
 * decrease with K, and tends to log p(x) as K → ∞; for K = 1 it is a one-sample ELBO estimate.
 * A single evaluation is a random variable: average over examples or seeds before comparing
 * values of K. It is differentiable (IWAE training maximises its batch mean); for the test-set
 * log-likelihood estimate use a large K (5000 in the paper) — memory is bounded by chunking.
 *
 * @returns [batch] in nats
 */
export function iwaeBound(args: ImportanceSamplingArgs): tf.Tensor1D {
  return tf.tidy(() => logMeanExpPerColumn(logImportanceWeights(args)));
}

export { ACTIVE_UNIT_THRESHOLD, countActiveUnits } from './active-units.ts';

/**
 * The number of active latent units by the KL criterion: dimensions j whose KL term, averaged
 * over a data set, exceeds `threshold` nats, (1/n) Σ_i KL_ij > threshold. A unit whose posterior
 * equals the prior for every x contributes 0 and carries no information about x. This is a
 * common proxy; Burda et al. (2015) define activity by the variance of E_q[z] instead, see
 * {@link activeUnitsByVariance}. Reads the result back synchronously (an evaluation-time helper).
 *
 * @param klPerDim [n, J] from `klPerDimension` over a data set (or a large sample of it)
 * @param threshold in nats (default 0.01)
 */
export function activeUnits(klPerDim: tf.Tensor2D, threshold = ACTIVE_UNIT_THRESHOLD): number {
  return countAbove(
    tf.tidy(() => tf.mean(klPerDim, 0)),
    threshold,
  );
}

/**
 * The number of active latent units as defined by Burda et al. (2015): dimensions u with
 * Cov_x(E_{q(z|x)}[z_u]) > threshold (they use 10⁻²), i.e. whose posterior mean actually moves
 * with x. The variance is the population variance over the n examples. Reads back synchronously.
 *
 * @param posteriorMeans [n, J] the encoder's means over a data set
 * @param threshold default 0.01
 */
export function activeUnitsByVariance(posteriorMeans: tf.Tensor2D, threshold = 0.01): number {
  return countAbove(
    tf.tidy(() => tf.moments(posteriorMeans, 0).variance),
    threshold,
  );
}

/** Counts entries > threshold, disposing `values`. */
function countAbove(values: tf.Tensor, threshold: number): number {
  const data = values.dataSync();
  values.dispose();
  return countActiveUnits(data, threshold);
}
