/**
 * The figures chapter 5 quotes about the shipped 2-D autoencoder `ae2` (public/models), checked
 * on the first 5,000 MNIST test images with the library on WASM: its squared reconstruction error
 * against PCA's, where its codes lie, how often random codes fall in holes of the code plane, and
 * which digits the shipped classifier reads in images decoded from random codes.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { countHoles, fittedGaussianCodes, holeThreshold, uniformCodes } from '../../../../src/lib/math/code-holes.ts';
import { fitDomain } from '../../../../src/components/latent/scatter.ts';
import { pca } from '../../../../src/lib/math/pca.ts';
import { mulberry32, standardNormal } from '../../../../src/lib/math/random.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { applyCheckpoint } from '../../../../src/lib/vae/checkpoint.ts';
import { loadCheckpointFile } from '../../../../src/lib/vae/checkpoint-node.ts';
import { Classifier } from '../../../../src/lib/vae/classifier.ts';
import { batchIndices, type MnistSplit } from '../../../../src/lib/vae/data.ts';
import { makeBatch } from '../../../../src/lib/vae/batch.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createModel, type Autoencoder } from '../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';

const DIR = fileURLToPath(new URL('../../../../public/models/', import.meta.url));
const N = 5000;
/** Codes plotted in the widget (the first 2,000 test digits). */
const PLOTTED = 2000;

let test: MnistSplit;
let ae: Autoencoder;
let classifier: Classifier;
let codes: Float32Array;

beforeAll(async () => {
  await useNodeBackend();
  test = (await loadMnistNode({ trainCount: 1, testCount: N })).test;
  ae = createModel({ kind: 'autoencoder', inputDim: 784, hidden: [400], activation: 'relu', latentDim: 2, loss: 'bce' }, 1);
  applyCheckpoint(ae, await loadCheckpointFile(`${DIR}ae2.json`));
  classifier = new Classifier({ kind: 'classifier' }, 1);
  applyCheckpoint(classifier, await loadCheckpointFile(`${DIR}classifier.json`));
  codes = tf
    .tidy(() =>
      ae.encode(
        makeBatch(
          test,
          Array.from({ length: N }, (_, i) => i),
        ).x,
      ),
    )
    .dataSync() as Float32Array;
}, 60_000);

/** How many of the images decoded from `points` the classifier reads as each digit. */
function readDigits(points: ArrayLike<number>): number[] {
  const labels = tf.tidy(() => tf.argMax(classifier.predict(ae.decode(tf.tensor2d(Float32Array.from(points), [points.length / 2, 2]))), 1).dataSync());
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

describe('chapter 5: the shipped 2-D autoencoder against PCA', () => {
  it('ae2 reconstructs with mean squared error 33.9 per image; PCA needs five components to do better (2: 41.30, 4: 35.92, 5: 33.57)', () => {
    const error = tf.tidy(() => {
      const { x } = makeBatch(
        test,
        Array.from({ length: N }, (_, i) => i),
      );
      return tf.mean(tf.sum(tf.squaredDifference(x, ae.reconstruct(x)), 1)).dataSync()[0] ?? Number.NaN;
    });
    expect(error).toBeCloseTo(33.89, 1);
    const result = pca(test.images, N, 784, { components: 5, scale: 1 / 255 });
    const pcaError = (k: number) => ((N - 1) / N) * (result.totalVariance - result.variances.subarray(0, k).reduce((s, v) => s + v, 0));
    expect(pcaError(2)).toBeCloseTo(41.3, 1);
    expect(pcaError(4)).toBeCloseTo(35.92, 1);
    expect(pcaError(5)).toBeCloseTo(33.57, 1);
    expect(pcaError(4)).toBeGreaterThan(error);
    expect(pcaError(5)).toBeLessThan(error);
  });
});

describe('chapter 5: the losses of ae2', () => {
  it('a perfect reconstruction of a grey-level test image still costs Σ_d H(x_d) = 45.0 nats of BCE on average', () => {
    let floor = 0;
    for (let i = 0; i < N * 784; i++) {
      const x = (test.images[i] ?? 0) / 255;
      if (x > 0 && x < 1) floor -= x * Math.log(x) + (1 - x) * Math.log(1 - x);
    }
    expect(floor / N).toBeCloseTo(45.02, 1);
  });

  it('denoising at σ = 0.4: 100 steps cut the loss on noisy inputs from 222.8 to about 175, while the loss on clean inputs rises from 146.9 to about 350', async () => {
    const model = createModel({ kind: 'autoencoder', inputDim: 784, hidden: [400], activation: 'relu', latentDim: 2, loss: 'bce' }, 1);
    applyCheckpoint(model, await loadCheckpointFile(`${DIR}ae2.json`));
    const { train } = await loadMnistNode({ trainCount: 10_000, testCount: 1 });
    const batch = makeBatch(
      test,
      Array.from({ length: 2000 }, (_, i) => i),
    );
    const lossAt = (level: number) => {
      model.setNoise(level);
      return tf.tidy(() => model.evaluate(batch, 7).loss.dataSync()[0] ?? Number.NaN);
    };
    expect(lossAt(0)).toBeCloseTo(146.88, 0);
    expect(lossAt(0.4)).toBeCloseTo(222.83, 0);
    model.setNoise(0.4);
    const batches = batchIndices(train.count, 64, 3);
    for (let step = 1; step <= 100; step++) {
      const b = makeBatch(train, batches.next().value);
      const metrics = model.trainStep(b, step);
      tf.dispose([b.x, b.y, ...Object.values(metrics)]);
    }
    expect(lossAt(0.4)).toBeCloseTo(174.58, -1);
    expect(lossAt(0)).toBeCloseTo(348.82, -1);
    tf.dispose([batch.x, batch.y]);
    model.dispose();
  }, 60_000);
});

describe('chapter 5: sampling the code plane of ae2', () => {
  it('its codes are centred near (0.06, 2.18) with standard deviations (1.84, 2.89); 38 % lie outside the disc holding 95 % of N(0, I)', () => {
    let mx = 0;
    let my = 0;
    for (let i = 0; i < N; i++) {
      mx += (codes[2 * i] ?? 0) / N;
      my += (codes[2 * i + 1] ?? 0) / N;
    }
    let vx = 0;
    let vy = 0;
    let outside = 0;
    const radius = Math.sqrt(-2 * Math.log(0.05)); // P(‖z‖ > r) = e^{−r²/2} for z ~ N(0, I₂)
    for (let i = 0; i < N; i++) {
      const x = codes[2 * i] ?? 0;
      const y = codes[2 * i + 1] ?? 0;
      vx += (x - mx) ** 2 / N;
      vy += (y - my) ** 2 / N;
      if (x * x + y * y > radius * radius) outside++;
    }
    expect(radius).toBeCloseTo(2.4477, 4);
    expect(mx).toBeCloseTo(0.06, 1);
    expect(my).toBeCloseTo(2.18, 1);
    expect(Math.sqrt(vx)).toBeCloseTo(1.84, 1);
    expect(Math.sqrt(vy)).toBeCloseTo(2.89, 1);
    expect(outside / N).toBeCloseTo(0.38, 2);
  });

  it('uniform codes over the plotted range: about half fall in holes; the classifier reads over a third as 1s and almost none as 2s', () => {
    const plotted = codes.subarray(0, 2 * PLOTTED);
    const uniform = uniformCodes(10_000, fitDomain(plotted), mulberry32(5));
    const holes = countHoles(uniform, plotted) / 10_000;
    expect(holes).toBeGreaterThan(0.5);
    expect(holes).toBeLessThan(0.58);
    const digits = readDigits(uniform.subarray(0, 2 * 2000));
    expect((digits[1] ?? 0) / 2000).toBeGreaterThan(1 / 3);
    expect((digits[2] ?? 0) / 2000).toBeLessThan(0.01);
    // The data's own proportions of 1s and 2s (first 5,000 test images): 11.4 % and 10.6 %.
    expect(test.labels.filter((l) => l === 1).length / N).toBeCloseTo(0.114, 3);
    expect(test.labels.filter((l) => l === 2).length / N).toBeCloseTo(0.106, 3);
  });

  it('codes from N(0, I) decode to no 1s at all; a Gaussian fitted to the codes still puts about a quarter of its draws in holes, and 2s stay rare', () => {
    const rng = mulberry32(6);
    const normal = Float64Array.from({ length: 2 * 2000 }, () => standardNormal(rng));
    expect(readDigits(normal)[1]).toBe(0);
    const plotted = codes.subarray(0, 2 * PLOTTED);
    const fitted = fittedGaussianCodes(plotted, 10_000, rng);
    const holes = countHoles(fitted, plotted) / 10_000;
    expect(holes).toBeGreaterThan(0.22);
    expect(holes).toBeLessThan(0.32);
    expect((readDigits(fitted.subarray(0, 2 * 2000))[2] ?? 0) / 2000).toBeLessThan(0.02); // 2s stay rare
    expect(holeThreshold(plotted)).toBeGreaterThan(0);
  });
});
