import { describe, expect, it } from 'vitest';
import { cholesky, gaussianAverageLogLikelihood, ppcaCovariance, ppcaMaximumLikelihood } from '../../../../src/lib/math/ppca.ts';
import { mulberry32, standardNormal } from '../../../../src/lib/math/random.ts';
import { expectRelClose } from '../../approx.ts';

/** A data covariance already in its eigenbasis: eigenvalues 5, 2, 1 (the chapter's exercise). */
const S = [
  [5, 0, 0],
  [0, 2, 0],
  [0, 0, 1],
];

describe('ppcaMaximumLikelihood', () => {
  it('ppcaMaximumLikelihood([5, 2, 1], 1) is σ² = 1.5 and |w| = √3.5; with J = 2, σ² = 1 and scales 2, 1', () => {
    const one = ppcaMaximumLikelihood([5, 2, 1], 1);
    expect(one.sigma2).toBe(1.5);
    expectRelClose(one.scales[0]!, Math.sqrt(3.5), 1e-15);
    const two = ppcaMaximumLikelihood([5, 2, 1], 2);
    expect(two.sigma2).toBe(1);
    expect(two.scales).toEqual([2, 1]);
    expect(() => ppcaMaximumLikelihood([1, 2, 3], 1)).toThrow(RangeError);
    expect(() => ppcaMaximumLikelihood([3, 2, 1], 3)).toThrow(RangeError);
  });

  it('at the maximum-likelihood solution tr(C⁻¹S) = D, and no nearby W or σ² (rotated, rescaled) does better', () => {
    const { sigma2, scales } = ppcaMaximumLikelihood([5, 2, 1], 1);
    const best = gaussianAverageLogLikelihood(S, ppcaCovariance([[scales[0]!], [0], [0]], sigma2));
    // −½(3 log 2π + log det C + tr(C⁻¹S)) with det C = 5·1.5·1.5 and tr = 3.
    expectRelClose(best, -0.5 * (3 * Math.log(2 * Math.PI) + Math.log(5 * 1.5 * 1.5) + 3), 1e-14);
    const rng = mulberry32(3);
    for (let trial = 0; trial < 200; trial++) {
      const w = [[scales[0]! + 0.3 * standardNormal(rng)], [0.3 * standardNormal(rng)], [0.3 * standardNormal(rng)]];
      const s2 = sigma2 * Math.exp(0.3 * standardNormal(rng));
      expect(gaussianAverageLogLikelihood(S, ppcaCovariance(w, s2))).toBeLessThan(best);
    }
  });

  it('a rotation R of W leaves C, hence the likelihood, unchanged (J = 2)', () => {
    const { sigma2, scales } = ppcaMaximumLikelihood([5, 2, 1], 2);
    const w = [
      [scales[0]!, 0],
      [0, scales[1]!],
      [0, 0],
    ];
    const angle = 0.7;
    const rotated = w.map(([a, b]) => [a! * Math.cos(angle) - b! * Math.sin(angle), a! * Math.sin(angle) + b! * Math.cos(angle)]);
    const c = ppcaCovariance(w, sigma2);
    const cRotated = ppcaCovariance(rotated, sigma2);
    c.forEach((row, i) => row.forEach((value, j) => expectRelClose(cRotated[i]![j]!, value, 1e-14, 1e-15)));
    // With J = 2 of 3 dimensions and σ² = λ₃, C reproduces S exactly.
    c.forEach((row, i) => row.forEach((value, j) => expectRelClose(value, S[i]![j]!, 1e-14, 1e-15)));
  });
});

describe('cholesky', () => {
  it('cholesky(A) returns L with LLᵀ = A and rejects a matrix that is not positive definite', () => {
    const a = [
      [4, 2, 0.4],
      [2, 5, 1],
      [0.4, 1, 3],
    ];
    const l = cholesky(a);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += l[i]![k]! * l[j]![k]!;
        expectRelClose(sum, a[i]![j]!, 1e-14);
      }
    }
    expect(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(RangeError);
  });
});
