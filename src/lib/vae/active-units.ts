/**
 * Active latent units on plain numbers: the KL threshold and the count of dimensions above it,
 * for a KL-per-dimension vector already read back (the β-collapse figure counts on the page's
 * main thread; `losses.ts` has the tensor versions).
 */

/** The KL (nats, averaged over the data) above which a latent dimension counts as active. */
export const ACTIVE_UNIT_THRESHOLD = 0.01;

/**
 * `activeUnits` for a KL-per-dimension vector already averaged over the data and read back
 * (e.g. `model.klPerDimension(x)`'s values): the number of dimensions above `threshold`.
 */
export function countActiveUnits(meanKlPerDim: ArrayLike<number>, threshold = ACTIVE_UNIT_THRESHOLD): number {
  let count = 0;
  for (let j = 0; j < meanKlPerDim.length; j++) if ((meanKlPerDim[j] ?? 0) > threshold) count++;
  return count;
}
