/**
 * The formulas of chapter 6 ("The variational autoencoder"), checked with the model library's
 * own functions: the Gaussian likelihood as scaled squared error plus its constant, the grey-level
 * BCE floor, why averaging the BCE over pixels is a β-VAE with β = D, the trade between β and the
 * Gaussian noise level, the worked KL example, and the encoder variance 1/(1 + h) that the KL
 * term holds the noise at. (The plain identities already checked in distributions.test.ts and
 * losses.test.ts — BCE = −Bernoulli log-likelihood, closed-form KL = its Monte Carlo estimate —
 * are not repeated.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { makeBatch } from '../../../../src/lib/vae/batch.ts';
import {
  bernoulliLogProb,
  gaussianLogProb,
  klDiagonalToStdNormalPerRow,
  klPerDimension,
  sampleDiagonalGaussian,
} from '../../../../src/lib/vae/distributions.ts';
import { elboTerms } from '../../../../src/lib/vae/losses.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { expectRelClose } from '../../approx.ts';

beforeAll(async () => {
  await useNodeBackend();
});

const D = 784;

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());
const scalar = (t: tf.Tensor): number => values(t)[0] ?? Number.NaN;

/** A batch of grey-level images, decoder outputs (logits or means) and a posterior, all random. */
function randomBatch(seed: number, batch = 3, latent = 4) {
  const rng = mulberry32(seed);
  const draw = (n: number, a: number, b: number) => Array.from({ length: n }, () => a + (b - a) * rng());
  return {
    x: tf.tensor2d(draw(batch * D, 0, 1), [batch, D]),
    logits: tf.tensor2d(draw(batch * D, -4, 4), [batch, D]),
    means: tf.tensor2d(draw(batch * D, 0, 1), [batch, D]),
    posterior: { mean: tf.tensor2d(draw(batch * latent, -2, 2), [batch, latent]), logVar: tf.tensor2d(draw(batch * latent, -3, 1), [batch, latent]) },
  };
}

describe('the Gaussian likelihood is squared error scaled by 1/(2σ²) plus a constant', () => {
  it('log N(x; x̂, σ²I) = −‖x − x̂‖²/(2σ²) − (D/2) log(2πσ²) for D = 784 and several σ', () => {
    const { x, means } = randomBatch(1);
    const xs = values(x);
    const ms = values(means);
    for (const sigma of [0.05, 0.1, 0.5, Math.SQRT1_2, 1, 3]) {
      const logProb = values(tf.tidy(() => gaussianLogProb(x, means, Math.log(sigma ** 2))));
      logProb.forEach((value, b) => {
        let squaredError = 0;
        for (let d = 0; d < D; d++) squaredError += ((xs[b * D + d] ?? 0) - (ms[b * D + d] ?? 0)) ** 2;
        const expected = -squaredError / (2 * sigma ** 2) - (D / 2) * Math.log(2 * Math.PI * sigma ** 2);
        expectRelClose(value, expected, 1e-5);
      });
    }
    tf.dispose([x, means]);
  });

  it('the constant (D/2) log(2πσ²) is 720.45 nats at σ = 1, 448.73 at σ² = ½ and −1084.78 at σ = 0.1', () => {
    const constant = (sigma: number) => -scalar(tf.tidy(() => gaussianLogProb(tf.zeros([1, D]), tf.zeros([1, D]), Math.log(sigma ** 2))));
    expect(constant(1)).toBeCloseTo(720.45, 2);
    expect(constant(Math.SQRT1_2)).toBeCloseTo(448.73, 2);
    expect(constant(0.1)).toBeCloseTo(-1084.78, 2);
  });

  it('rec(σ) + β·KL = β·(rec(σ√β) + KL) + (D/2)[log 2πσ² − β log 2πβσ²]: a β-VAE is a VAE with noise σ√β', () => {
    const { x, means, posterior } = randomBatch(2);
    for (const [sigma, beta] of [
      [0.1, 4],
      [0.3, 0.5],
      [1, 8],
    ] as const) {
      const terms = (likelihoodSigma: number, b: number) =>
        tf.tidy(() => scalar(elboTerms({ x, posterior, decoderOutput: means, likelihood: { kind: 'gaussian', sigma: likelihoodSigma }, beta: b }).total));
      const left = terms(sigma, beta);
      const right = beta * terms(sigma * Math.sqrt(beta), 1);
      const shift = (D / 2) * (Math.log(2 * Math.PI * sigma ** 2) - beta * Math.log(2 * Math.PI * beta * sigma ** 2));
      expectRelClose(left, right + shift, 1e-5, 1e-3);
    }
    tf.dispose([x, means, posterior.mean, posterior.logVar]);
  });
});

describe('the Bernoulli likelihood on grey levels', () => {
  it('the BCE of a grey pixel x is smallest at x̂ = x, where it equals the binary entropy H(x) (H(0.3) = 0.6109 nats)', () => {
    const logit = (p: number) => Math.log(p / (1 - p));
    const bce = (x: number, xHat: number) => -scalar(tf.tidy(() => bernoulliLogProb(tf.tensor2d([[x]]), tf.tensor2d([[logit(xHat)]]))));
    expect(bce(0.3, 0.3)).toBeCloseTo(0.6109, 4);
    expect(bce(0.5, 0.5)).toBeCloseTo(Math.LN2, 5);
    for (const xHat of [0.1, 0.2, 0.29, 0.31, 0.5, 0.9]) expect(bce(0.3, xHat)).toBeGreaterThan(bce(0.3, 0.3));
  });

  it('summed over the pixels of the 10,000 MNIST test images, the floor Σ_d H(x_d) averages 45.53 nats per image', async () => {
    const mnist = await loadMnistNode({ trainCount: 1, testCount: 10_000 });
    let sum = 0;
    for (let start = 0; start < mnist.test.count; start += 1000) {
      const indices = Array.from({ length: 1000 }, (_, i) => start + i);
      sum += tf.tidy(() => {
        const { x } = makeBatch(mnist.test, indices);
        // logit(x) clipped to ±30 for the black and white pixels (their entropy is 0 up to 1e-13).
        const logits = tf.clipByValue(tf.sub(tf.log(x), tf.log1p(tf.neg(x))), -30, 30) as tf.Tensor2D;
        return -scalar(tf.sum(bernoulliLogProb(x, logits)));
      });
    }
    expect(sum / mnist.test.count).toBeCloseTo(45.53, 1);
  }, 60_000);
});

describe('summing over pixels, not averaging', () => {
  it('D·(BCE averaged over pixels + KL) is the loss with the summed BCE and β = D', () => {
    const { x, logits, posterior } = randomBatch(3);
    const { reconstruction, kl } = tf.tidy(() => {
      const t = elboTerms({ x, posterior, decoderOutput: logits, likelihood: { kind: 'bernoulli' } });
      return { reconstruction: scalar(t.reconstruction), kl: scalar(t.kl) };
    });
    const averagedLoss = reconstruction / D + kl;
    const betaD = tf.tidy(() => scalar(elboTerms({ x, posterior, decoderOutput: logits, likelihood: { kind: 'bernoulli' }, beta: D }).total));
    expectRelClose(D * averagedLoss, betaD, 1e-6);
    tf.dispose([x, logits, posterior.mean, posterior.logVar]);
  });
});

describe('the closed-form KL of the chapter', () => {
  it('μ = (1.5, −0.5, 0), log σ² = (−4, −1, 0): per dimension 2.6342, 0.3089 and 0 nats, 2.9431 in all', () => {
    const q = { mean: tf.tensor2d([[1.5, -0.5, 0]]), logVar: tf.tensor2d([[-4, -1, 0]]) };
    const perDim = values(tf.tidy(() => klPerDimension(q)));
    expect(perDim[0]).toBeCloseTo(2.6342, 4);
    expect(perDim[1]).toBeCloseTo(0.3089, 4);
    expect(perDim[2]).toBe(0);
    expect(scalar(tf.tidy(() => klDiagonalToStdNormalPerRow(q)))).toBeCloseTo(2.9431, 4);
    tf.dispose([q.mean, q.logVar]);
  });

  it('a sample z = μ + exp(½ log σ²) ⊙ ε has standard deviation σ = (0.1353, 0.6065, 1), not the variance', () => {
    const n = 20_000;
    const q = { mean: tf.tensor2d(Array.from({ length: n }, () => [1.5, -0.5, 0])), logVar: tf.tensor2d(Array.from({ length: n }, () => [-4, -1, 0])) };
    const { variance } = tf.tidy(() => tf.moments(sampleDiagonalGaussian(q, 5), 0));
    const sd = values(variance).map(Math.sqrt);
    [0.1353, 0.6065, 1].forEach((expected, j) => expectRelClose(sd[j] ?? Number.NaN, expected, 0.03));
    tf.dispose([q.mean, q.logVar, variance]);
  });
});

describe('the KL term holds the encoder noise at σ² = 1/(1 + h)', () => {
  // One latent dimension, a linear decoder x̂ = w z and a Gaussian likelihood with noise s:
  // the reconstruction term is quadratic in z with curvature h = w²/s².
  const w = 2;
  const s = 0.5;
  const x = 1.5;
  const h = w ** 2 / s ** 2;

  it('E_q[−log N(x; w z, s²)] = ((x − w m)² + w² σ²)/(2s²) + ½ log 2πs², checked by Monte Carlo with the library', () => {
    const [m, logVar] = [0.4, Math.log(0.09)];
    const n = 50_000;
    const estimate = tf.tidy(() => {
      const q = { mean: tf.fill([n, 1], m) as tf.Tensor2D, logVar: tf.fill([n, 1], logVar) as tf.Tensor2D };
      const z = sampleDiagonalGaussian(q, 9);
      return -scalar(tf.mean(gaussianLogProb(tf.fill([n, 1], x) as tf.Tensor2D, tf.mul(z, w), Math.log(s ** 2))));
    });
    const closed = ((x - w * m) ** 2 + w ** 2 * Math.exp(logVar)) / (2 * s ** 2) + 0.5 * Math.log(2 * Math.PI * s ** 2);
    expectRelClose(estimate, closed, 0.01);
  });

  it('the variance minimising ½hσ² + β·KL(N(m, σ²) ‖ N(0, 1)) is β/(β + h): 1/17 at β = 1 (the posterior variance of Part I), 0 without the KL term', () => {
    const logVars = Array.from({ length: 5001 }, (_, i) => -8 + i * 0.002);
    const objective = (beta: number) =>
      tf.tidy(() => {
        const lv = tf.tensor2d(logVars, [logVars.length, 1]);
        const kl = klPerDimension({ mean: tf.zerosLike(lv), logVar: lv });
        return values(tf.add(tf.mul(tf.exp(lv), h / 2), tf.mul(kl, beta)));
      });
    const argmin = (ys: number[]) => ys.reduce((best, y, i) => (y < (ys[best] ?? Infinity) ? i : best), 0);
    for (const beta of [1, 0.25, 8]) expectRelClose(Math.exp(logVars[argmin(objective(beta))] ?? Number.NaN), beta / (beta + h), 0.002);
    // The linear-Gaussian posterior of chapter 3: 1/τ² = 1 + w²/s².
    expectRelClose(1 / (1 + w ** 2 / s ** 2), 1 / 17, 1e-12);
    // Reconstruction alone keeps shrinking σ² to the edge of the grid.
    expect(argmin(objective(0))).toBe(0);
  });
});
