/**
 * Plain-number measures of how sharp a batch of grey images is, and the pixel averages behind
 * chapter 10's argument that a pixel-wise likelihood is best served by the conditional mean.
 * Images are rows of `side × side` grey levels in [0, 1], concatenated (MNIST: side 28).
 */

/**
 * Mean absolute discrete Laplacian: over every interior pixel of every image,
 * |4·v(r, c) − v(r−1, c) − v(r+1, c) − v(r, c−1) − v(r, c+1)|, averaged. It is 0 for a flat or
 * linearly shaded image and large where intensity changes abruptly (crisp edges, thin strokes);
 * blurring an image lowers it. Border pixels, which lack a neighbour, are skipped.
 *
 * @param values `count · side²` grey levels (count ≥ 1)
 */
export function laplacianSharpness(values: ArrayLike<number>, side = 28): number {
  const pixels = side * side;
  const count = Math.floor(values.length / pixels);
  if (count === 0 || side < 3) throw new RangeError(`laplacianSharpness needs at least one ${side}×${side} image (side ≥ 3)`);
  const at = (i: number) => values[i] ?? 0;
  let sum = 0;
  for (let k = 0; k < count; k++) {
    for (let r = 1; r < side - 1; r++) {
      for (let c = 1; c < side - 1; c++) {
        const o = k * pixels + r * side + c;
        sum += Math.abs(4 * at(o) - at(o - 1) - at(o + 1) - at(o - side) - at(o + side));
      }
    }
  }
  return sum / (count * (side - 2) * (side - 2));
}

/**
 * Mean of v(1 − v) over all pixels (v clamped to [0, 1]): 0 when every pixel is pure black or
 * white, 0.25 when every pixel is mid-grey. For a pixel mean m of binary pixels it is exactly the
 * pixel's variance, the part of the squared error no single grey level can remove.
 */
export function greyness(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('greyness needs at least one pixel');
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.min(1, Math.max(0, values[i] ?? 0));
    sum += v * (1 - v);
  }
  return sum / values.length;
}

/** Weights that sum to one: `weights` normalised, or uniform over `count` when omitted. */
function normalised(count: number, weights?: readonly number[]): number[] {
  const w = weights ?? Array.from({ length: count }, () => 1);
  if (w.length !== count || count === 0) throw new RangeError('one weight per image, at least one image');
  const total = w.reduce((a, b) => a + b, 0);
  if (!(total > 0) || w.some((x) => x < 0)) throw new RangeError('weights must be non-negative with a positive sum');
  return w.map((x) => x / total);
}

/** The pixel-wise mean m = Σ_k w_k x_k of equally long images (uniform weights when omitted). */
export function meanImage(images: readonly (readonly number[])[], weights?: readonly number[]): number[] {
  const w = normalised(images.length, weights);
  const length = images[0]?.length ?? 0;
  const mean = new Array<number>(length).fill(0);
  images.forEach((image, k) => {
    if (image.length !== length) throw new RangeError('images must have the same number of pixels');
    for (let i = 0; i < length; i++) mean[i] = (mean[i] ?? 0) + (w[k] ?? 0) * (image[i] ?? 0);
  });
  return mean;
}

/** ‖a − b‖², the squared Euclidean distance of two images. */
export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError('images must have the same number of pixels');
  return a.reduce((sum, v, i) => sum + (v - (b[i] ?? 0)) ** 2, 0);
}

/** E‖x − guess‖² when x is image k with probability w_k: the expected pixel-space squared error of one fixed output. */
export function expectedSquaredError(images: readonly (readonly number[])[], guess: readonly number[], weights?: readonly number[]): number {
  const w = normalised(images.length, weights);
  return images.reduce((sum, image, k) => sum + (w[k] ?? 0) * squaredDistance(image, guess), 0);
}

/**
 * E[−log Bernoulli(x | μ)] summed over pixels, with x image k with probability w_k and μ the
 * output's pixel probabilities (nats). Infinite when μ puts probability 0 on a pixel value that
 * occurs.
 */
export function expectedBernoulliNll(images: readonly (readonly number[])[], mu: readonly number[], weights?: readonly number[]): number {
  const w = normalised(images.length, weights);
  const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));
  return images.reduce((sum, image, k) => sum - (w[k] ?? 0) * image.reduce((s, x, i) => s + xlogy(x, mu[i] ?? 0) + xlogy(1 - x, 1 - (mu[i] ?? 0)), 0), 0);
}
