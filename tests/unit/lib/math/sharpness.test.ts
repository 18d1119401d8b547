/**
 * Chapter 10's plain-number claims: the sharpness figures of the VAE-GAN comparison, the
 * pixel-wise optimum (the mean) for squared error and for the Bernoulli likelihood, the "a sharp
 * guess costs twice as much" identity, the numbers of the stroke figure, and the optimal
 * discriminator of the VAE-GAN's three-term loss.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { expectedBernoulliNll, expectedSquaredError, greyness, laplacianSharpness, meanImage, squaredDistance } from '../../../../src/lib/math/sharpness.ts';
import { strokeFigure, strokeImage } from '../../../../src/components/StrokeAverage/strokes.ts';
import { expectRelClose } from '../../approx.ts';

const entropy = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));

describe('laplacianSharpness', () => {
  it('laplacianSharpness(flat or linearly shaded image) is 0', () => {
    expect(laplacianSharpness(new Array(25).fill(0.4), 5)).toBeCloseTo(0, 14);
    const ramp = Array.from({ length: 25 }, (_, i) => ((i % 5) + Math.floor(i / 5)) / 10);
    expect(laplacianSharpness(ramp, 5)).toBeCloseTo(0, 12);
  });

  it('laplacianSharpness(one bright pixel in a 5×5 image) averages |4| and four |−1| over the 9 interior pixels', () => {
    const image = new Array(25).fill(0);
    image[12] = 1;
    expectRelClose(laplacianSharpness(image, 5), 8 / 9, 1e-15);
  });

  it('laplacianSharpness averages over images, and a 3×3 box blur lowers it', () => {
    const rng = mulberry32(4);
    const side = 12;
    const sharp = Array.from({ length: 2 * side * side }, () => (rng() < 0.3 ? 1 : 0));
    const blurred = sharp.map((_, i) => {
      const k = Math.floor(i / (side * side));
      const r = Math.floor((i % (side * side)) / side);
      const c = i % side;
      let sum = 0;
      let n = 0;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < side && cc >= 0 && cc < side) {
            sum += sharp[k * side * side + rr * side + cc] ?? 0;
            n++;
          }
        }
      return sum / n;
    });
    const first = laplacianSharpness(sharp.slice(0, side * side), side);
    const second = laplacianSharpness(sharp.slice(side * side), side);
    expectRelClose(laplacianSharpness(sharp, side), (first + second) / 2, 1e-14);
    expect(laplacianSharpness(blurred, side)).toBeLessThan(0.5 * laplacianSharpness(sharp, side));
  });

  it('laplacianSharpness rejects input without a whole image', () => {
    expect(() => laplacianSharpness([1, 2, 3], 28)).toThrow(RangeError);
  });
});

describe('greyness', () => {
  it('greyness is 0 for black-and-white images, 0.25 for mid-grey, and clamps to [0, 1]', () => {
    expect(greyness([0, 1, 1, 0])).toBe(0);
    expect(greyness([0.5, 0.5])).toBe(0.25);
    expect(greyness([-0.2, 1.3])).toBe(0);
  });
});

describe('the pixel-wise optimum is the mean', () => {
  const rng = mulberry32(7);
  const randomCase = () => {
    const count = 2 + Math.floor(rng() * 4);
    const pixels = 1 + Math.floor(rng() * 6);
    const images = Array.from({ length: count }, () => Array.from({ length: pixels }, () => (rng() < 0.5 ? 0 : 1)));
    const weights = Array.from({ length: count }, () => 0.1 + rng());
    return { images, weights, pixels };
  };

  it('E‖x − x̂‖² = E‖x − m‖² + ‖x̂ − m‖² (so x̂ = m is the unique minimiser), on random cases', () => {
    for (let trial = 0; trial < 200; trial++) {
      const { images, weights, pixels } = randomCase();
      const mean = meanImage(images, weights);
      const guess = Array.from({ length: pixels }, () => rng());
      expectRelClose(expectedSquaredError(images, guess, weights), expectedSquaredError(images, mean, weights) + squaredDistance(guess, mean), 1e-12, 1e-14);
    }
  });

  it('a guess drawn from the distribution itself costs twice the minimum on average: E‖x − x′‖² = 2 E‖x − m‖²', () => {
    for (let trial = 0; trial < 200; trial++) {
      const { images, weights } = randomCase();
      const total = weights.reduce((a, b) => a + b, 0);
      const w = weights.map((v) => v / total);
      const pairs = images.reduce((sum, x, k) => sum + (w[k] ?? 0) * expectedSquaredError(images, x, weights), 0);
      expectRelClose(pairs, 2 * expectedSquaredError(images, meanImage(images, weights), weights), 1e-12, 1e-14);
    }
  });

  it('the expected Bernoulli negative log-likelihood is Σ H(mᵢ) at μ = m and larger at any other μ', () => {
    for (let trial = 0; trial < 100; trial++) {
      const { images, weights } = randomCase();
      const mean = meanImage(images, weights).map((m) => Math.min(1 - 1e-9, Math.max(1e-9, m)));
      const atMean = expectedBernoulliNll(images, mean, weights);
      const entropySum = mean.reduce((s, m) => s + (m < 1e-6 || m > 1 - 1e-6 ? 0 : entropy(m)), 0);
      expect(Math.abs(atMean - entropySum)).toBeLessThan(1e-6);
      const other = mean.map((m) => Math.min(0.999, Math.max(0.001, m + 0.2 * (rng() - 0.5))));
      expect(expectedBernoulliNll(images, other, weights)).toBeGreaterThanOrEqual(atMean - 1e-9);
    }
  });

  it('two strokes of width 2 shifted by one pixel: the mean costs 0.5, either sharp stroke 1.0; Bernoulli 2 log 2 nats', () => {
    const a = [0, 1, 1, 0, 0];
    const b = [0, 0, 1, 1, 0];
    const mean = meanImage([a, b]);
    expect(mean).toEqual([0, 0.5, 1, 0.5, 0]);
    expect(expectedSquaredError([a, b], mean)).toBe(0.5);
    expect(expectedSquaredError([a, b], a)).toBe(1);
    expectRelClose(expectedBernoulliNll([a, b], mean), 2 * Math.log(2), 1e-15);
    expect(expectedBernoulliNll([a, b], a)).toBe(Infinity);
  });
});

describe('the stroke figure', () => {
  it('strokeImage(shift) has 16 lit pixels, and the three shifts give a mean of 1/3, 2/3, 2/3, 1/3 across each row', () => {
    expect(strokeImage(0).reduce((a, b) => a + b, 0)).toBe(16);
    const { mean } = strokeFigure();
    const row = mean.slice(20, 30);
    [0, 0, 0, 1 / 3, 2 / 3, 2 / 3, 1 / 3, 0, 0, 0].forEach((v, i) => expect(row[i]).toBeCloseTo(v, 15));
  });

  it('expected squared errors 64/9 (mean), 96/9 (middle stroke), 16 (side stroke); Bernoulli 32·H(1/3) = 20.37 nats', () => {
    const { squared, bernoulliMean, sample } = strokeFigure();
    expectRelClose(squared.mean, 64 / 9, 1e-14);
    expectRelClose(squared.middle, 96 / 9, 1e-14);
    expectRelClose(squared.side, 16, 1e-14);
    // A stroke drawn at random costs (16 + 96/9 + 16)/3 = 128/9, twice the mean's 64/9.
    expectRelClose((2 * squared.side + squared.middle) / 3, 2 * squared.mean, 1e-14);
    expectRelClose(bernoulliMean, 32 * entropy(1 / 3), 1e-14);
    expect(bernoulliMean.toFixed(2)).toBe('20.37');
    expect(sample.every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('the middle stroke with probabilities clipped to [0.01, 0.99] costs 50.02 nats: 49.34 on the 32 pixels that vary, 0.68 on the 68 always black', () => {
    const { strokes } = strokeFigure();
    const clipped = strokeImage(0).map((v) => (v === 1 ? 0.99 : 0.01));
    const cost = expectedBernoulliNll(strokes, clipped);
    expectRelClose(cost, 32 * (-Math.log(0.01) / 3 - (2 * Math.log(0.99)) / 3) + 68 * -Math.log(0.99), 1e-12);
    expect(cost.toFixed(2)).toBe('50.02');
  });
});

describe('the optimal discriminator of the VAE-GAN loss', () => {
  /** −p_d log D − (p_r + p_p) log(1 − D): the discriminator's loss density at one point. */
  const pointLoss = (d: number, pData: number, pFakes: number) => -pData * Math.log(d) - pFakes * Math.log(1 - d);

  it('D*(x) = p_data / (p_data + p_rec + p_prior) minimises the pointwise loss', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 50; trial++) {
      const [pData, pRec, pPrior] = [rng() + 0.01, rng() + 0.01, rng() + 0.01];
      const closed = pData / (pData + pRec + pPrior);
      let best = 0.5;
      for (let d = 1e-4; d < 1; d += 1e-4) if (pointLoss(d, pData, pRec + pPrior) < pointLoss(best, pData, pRec + pPrior)) best = d;
      expect(Math.abs(best - closed)).toBeLessThan(1e-4);
    }
  });

  it('at p_rec = p_prior = p_data: D* = 1/3, the discriminator loss is 3 log 3 − 2 log 2 = 1.9095, the decoder’s −log D − log D is 2 log 3 = 2.1972', () => {
    const d = 1 / 3;
    const loss = -Math.log(d) - 2 * Math.log(1 - d);
    expectRelClose(loss, 3 * Math.log(3) - 2 * Math.log(2), 1e-15);
    expect(loss.toFixed(4)).toBe('1.9095');
    expect((-2 * Math.log(d)).toFixed(4)).toBe('2.1972');
  });
});
