/**
 * The GAN losses, written with log-sigmoids so that no probability is ever rounded to 0 or 1
 * before its logarithm is taken. With D(x) = σ(t), t the discriminator's logit:
 *
 *   log D(x)       = log σ(t)  = −softplus(−t)
 *   log(1 − D(x))  = log σ(−t) = −softplus(t)
 *
 * Every function returns a caller-owned scalar and frees its intermediates.
 */
import * as tf from '../tf.ts';

/**
 * The discriminator's loss, −E_real[log D(x)] − Σ_fakes E[log(1 − D(x̃))]
 * = mean softplus(−t_real) + Σ_fakes mean softplus(t_fake): the binary cross-entropy of
 * labelling real data 1 and every kind of fake 0 (one fake set for a GAN; reconstructions and
 * prior samples for a VAE-GAN, as in Larsen et al. 2016).
 *
 * @param realLogits [batch, 1]
 * @param fakeLogits each [batch_i, 1]
 */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => fakeLogits.reduce<tf.Scalar>((sum, t) => tf.add(sum, tf.mean(tf.softplus(t))), tf.mean(tf.softplus(tf.neg(realLogits)))));
}

/** How the generator is trained against the discriminator. */
export type GeneratorLoss = 'minimax' | 'non-saturating';

/**
 * The generator's loss on the logits of its samples:
 * - 'minimax' (Goodfellow et al. 2014): minimise E log(1 − D(G(z))) = −mean softplus(t). Its
 *   gradient vanishes when D confidently rejects the samples (t ≪ 0), early in training.
 * - 'non-saturating': maximise E log D(G(z)), i.e. minimise mean softplus(−t): the same fixed
 *   point, strong gradients exactly when D rejects the samples.
 *
 * @param fakeLogits [batch, 1]
 */
export function generatorLoss(fakeLogits: tf.Tensor, kind: GeneratorLoss): tf.Scalar {
  return tf.tidy(() =>
    kind === 'minimax' ? (tf.neg(tf.mean(tf.softplus(fakeLogits))) as tf.Scalar) : (tf.mean(tf.softplus(tf.neg(fakeLogits))) as tf.Scalar),
  );
}

/** mean σ(t): the average probability the discriminator gives to "real". Scalar. */
export function meanProbability(logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.sigmoid(logits)) as tf.Scalar);
}
