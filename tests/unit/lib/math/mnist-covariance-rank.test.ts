/**
 * The rank of MNIST's pixel covariance, which chapter 5 quotes when it states Baldi and Hornik's
 * theorem (stated for a full-rank covariance): on the first 5,000 test images, the ones whose PCA
 * the autoencoder lab draws, how many pixels are constant (always 0) and the numerical rank of the
 * 784 × 784 covariance; on all 60,000 training images, the number of constant pixels. Also checks
 * `numericalRank` itself on matrices of known rank.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { numericalRank } from '../../../../src/lib/math/linalg.ts';
import { mulberry32, standardNormal } from '../../../../src/lib/math/random.ts';
import type { MnistSplit } from '../../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';

const D = 784;

describe('numericalRank(matrix, size)', () => {
  it('returns the rank of B Bᵀ for a random size × r matrix B, and 0 for the zero matrix', () => {
    const rng = mulberry32(3);
    for (const r of [1, 4, 9]) {
      const size = 10;
      const b = Array.from({ length: size * r }, () => standardNormal(rng));
      const m = new Float64Array(size * size);
      for (let i = 0; i < size; i++)
        for (let j = 0; j < size; j++) {
          let s = 0;
          for (let k = 0; k < r; k++) s += b[i * r + k]! * b[j * r + k]!;
          m[i * size + j] = s;
        }
      expect(numericalRank(m, size)).toBe(r);
    }
    expect(numericalRank(new Float64Array(9), 3)).toBe(0);
    expect(numericalRank([2, 0, 0, 0, 3, 0, 0, 0, 5], 3)).toBe(3);
  });
});

/** Pixels equal in all `n` images, and the numerical rank of their 784 × 784 covariance. */
function pixelStatistics(images: Uint8Array, n: number, withRank: boolean): { constant: number; rank: number } {
  let constant = 0;
  for (let j = 0; j < D; j++) {
    let varies = false;
    for (let i = 0; i < n && !varies; i++) varies = images[i * D + j] !== images[j];
    if (!varies) constant++;
  }
  if (!withRank) return { constant, rank: Number.NaN };
  const mean = new Float64Array(D);
  for (let t = 0; t < n * D; t++) mean[t % D]! += images[t]! / 255 / n;
  // Covariance Σ_i x_i x_iᵀ / n − x̄ x̄ᵀ, accumulated over the non-zero pixels of each image.
  const cov = new Float64Array(D * D);
  const row = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < D; j++) row[j] = images[i * D + j]! / 255;
    for (let j = 0; j < D; j++) {
      const rj = row[j]!;
      if (rj === 0) continue;
      for (let k = 0; k < D; k++) cov[j * D + k]! += rj * row[k]!;
    }
  }
  for (let j = 0; j < D; j++) for (let k = 0; k < D; k++) cov[j * D + k] = cov[j * D + k]! / n - mean[j]! * mean[k]!;
  return { constant, rank: numericalRank(cov, D) };
}

describe('MNIST pixels', () => {
  let train: MnistSplit;
  let test: MnistSplit;
  beforeAll(async () => {
    ({ train, test } = await loadMnistNode({ trainCount: 'all', testCount: 5000 }));
  }, 60_000);

  it('the first 5,000 test images have 135 constant pixels and a covariance of rank 636, not 784', () => {
    expect(pixelStatistics(test.images, 5000, true)).toEqual({ constant: 135, rank: 636 });
  }, 60_000);

  it('all 60,000 training images still have 67 constant pixels', () => {
    expect(pixelStatistics(train.images, 60_000, false).constant).toBe(67);
  });
});
