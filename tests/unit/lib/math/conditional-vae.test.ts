/**
 * The numbers and identities of chapter 7 (src/content/docs/conditional-vae.mdx): the label-blind
 * encoder's loss in the conditioned toy model, the conditional-prior KLs and their shift
 * invariance, the M2 bound, the KL/information identity, the parameter counts of the shipped
 * networks, and the shipped models' test figures the chapter quotes (public/models/manifest.json).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { klDiagonalToStdNormal, klDiscrete, klNormal } from '../../../../src/lib/math/kl.ts';
import { decomposeEvidence, elbo, linearGaussianPosterior, logEvidence, type LinearGaussianModel } from '../../../../src/lib/math/latent-models.ts';
import { nelderMead } from '../../../../src/lib/math/optimize.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { createModel, type ModelSpec } from '../../../../src/lib/vae/models/index.ts';

/** Chapter 3's toy model with the label's offset b_y as its bias (exercise "label-blind"). */
const conditioned = (bias: number): LinearGaussianModel => ({ kind: 'linear-gaussian', weight: 1, bias, noise: 0.5 });
const LABELS = [conditioned(-2), conditioned(2)];

describe('chapter 7: a label-conditioned toy model (exercise ex:label-blind)', () => {
  it('log p(x = 0 | y) = −2.6305 for both labels; the posteriors are N(±1.6, 0.2)', () => {
    for (const model of LABELS) expect(logEvidence(model, 0)).toBeCloseTo(-2.6305, 4);
    const [post0, post1] = LABELS.map((model) => linearGaussianPosterior(model, 0));
    expect(post0?.mu).toBeCloseTo(1.6, 10);
    expect(post1?.mu).toBeCloseTo(-1.6, 10);
    expect((post0?.sigma ?? Number.NaN) ** 2).toBeCloseTo(0.2, 10);
  });

  it('log p(x | y) = conditional ELBO + KL(q ‖ p(z | x, y)) for any q and each label (eq:cvae-gap)', () => {
    for (const model of LABELS) {
      for (const q of [
        { mu: 0, sigma: 1 },
        { mu: 1.2, sigma: 0.3 },
        { mu: -2, sigma: 2 },
      ]) {
        const d = decomposeEvidence(model, 0.7, q);
        expect(d.elbo + d.gap).toBeCloseTo(d.logEvidence, 8);
      }
    }
  });

  it('the best label-blind q is N(0, 0.2) and loses 6.4 nats per pair (ELBO −9.0305)', () => {
    const averageElbo = ([m, logS]: readonly number[]) =>
      LABELS.reduce((sum, model) => sum + elbo(model, 0, { mu: m ?? 0, sigma: Math.exp(logS ?? 0) }), 0) / 2;
    const best = nelderMead((v) => -averageElbo(v), [0.5, 0]);
    expect(best.x[0]).toBeCloseTo(0, 4);
    expect(Math.exp(2 * (best.x[1] ?? 0))).toBeCloseTo(0.2, 4);
    expect(-best.f).toBeCloseTo(-9.0305, 4);
    expect(logEvidence(LABELS[0]!, 0) + best.f).toBeCloseTo(6.4, 4);
    // A label-aware q (each pair's posterior) closes the gap.
    for (const model of LABELS) expect(elbo(model, 0, linearGaussianPosterior(model, 0))).toBeCloseTo(-2.6305, 4);
  });
});

describe('chapter 7: the conditional prior (exercise ex:conditional-prior)', () => {
  const mu = [1.5, 0.5];
  const logVar = [Math.log(0.25), Math.log(0.25)];

  it('KL(q ‖ N(0, I)) = 1.8863 and KL(q ‖ N((1.5, 0), I)) = 0.7613 nats', () => {
    expect(klDiagonalToStdNormal(mu, logVar)).toBeCloseTo(1.8863, 4);
    expect(klDiagonalToStdNormal([0, 0.5], logVar)).toBeCloseTo(0.7613, 4);
  });

  it('KL(N(μ, Σ) ‖ N(m, I)) = KL(N(μ − m, Σ) ‖ N(0, I)): a common shift leaves the KL unchanged', () => {
    const m = [1.5, 0];
    const direct = mu.reduce((sum, muJ, j) => sum + klNormal({ mu: muJ, sigma: 0.5 }, { mu: m[j] ?? 0, sigma: 1 }), 0);
    expect(direct).toBeCloseTo(klDiagonalToStdNormal([0, 0.5], logVar), 12);
  });
});

describe('chapter 7: bounds with a discrete label (eq:m2-unlabelled, eq:kl-information)', () => {
  const rng = mulberry32(7);
  const normalise = (v: number[]) => v.map((x) => x / v.reduce((a, b) => a + b, 0));

  it('log Σ_y p(y) p(x|y) ≥ Σ_y q(y|x)[log p(x|y) + log p(y)] + H(q), with equality at the posterior', () => {
    const prior = Array.from({ length: 10 }, () => 0.1);
    const likelihood = Array.from({ length: 10 }, () => Math.exp(-200 * rng()));
    const evidence = Math.log(prior.reduce((sum, p, y) => sum + p * (likelihood[y] ?? 0), 0));
    const bound = (q: number[]) =>
      q.reduce((sum, qy, y) => sum + (qy > 0 ? qy * (Math.log(likelihood[y] ?? 0) + Math.log(prior[y] ?? 0) - Math.log(qy)) : 0), 0);
    const posterior = normalise(prior.map((p, y) => p * (likelihood[y] ?? 0)));
    for (let trial = 0; trial < 20; trial++) {
      const q = normalise(Array.from({ length: 10 }, () => rng() + 1e-3));
      // The gap is KL(q ‖ p(y | x)), as in chapter 2.
      expect(evidence - bound(q)).toBeCloseTo(klDiscrete(q, posterior), 8);
      expect(bound(q)).toBeLessThanOrEqual(evidence + 1e-12);
    }
    expect(bound(posterior)).toBeCloseTo(evidence, 10);
  });

  it('E_x KL(q(z|x) ‖ p(z)) = I(x; z) + KL(q(z) ‖ p(z)) for a discrete encoder', () => {
    const px = normalise([1, 2, 3, 4]);
    const encoder = px.map(() => normalise(Array.from({ length: 5 }, () => rng() + 0.05)));
    const prior = normalise([1, 1, 2, 1, 1]);
    const aggregate = prior.map((_, z) => px.reduce((sum, p, x) => sum + p * (encoder[x]?.[z] ?? 0), 0));
    const averageKl = px.reduce((sum, p, x) => sum + p * klDiscrete(encoder[x] ?? [], prior), 0);
    const information = px.reduce((sum, p, x) => sum + p * klDiscrete(encoder[x] ?? [], aggregate), 0);
    expect(averageKl).toBeCloseTo(information + klDiscrete(aggregate, prior), 12);
  });
});

interface ManifestEntry {
  name: string;
  spec: ModelSpec;
  test: { loss: number; reconstruction: number; kl: number; iwae: { k: number; nll: number }; accuracy?: number };
  samples?: { accuracy?: number };
}
const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../public/models/manifest.json', import.meta.url)), 'utf8')) as {
  models: ManifestEntry[];
};
const entry = (name: string) => {
  const found = manifest.models.find((e) => e.name === name);
  if (found === undefined) throw new Error(`no ${name} in the manifest`);
  return found;
};

describe('chapter 7: the shipped models the chapter quotes', () => {
  beforeAll(async () => {
    await useNodeBackend();
  });

  it('the VAE has 631,188 parameters and the CVAE 639,188: 8,000 label weights (exercise ex:first-layer)', () => {
    const count = (name: string) => {
      const model = createModel(entry(name).spec, 1);
      try {
        return [...model.namedVariables().values()].reduce((sum, v) => sum + v.size, 0);
      } finally {
        model.dispose();
      }
    };
    expect(count('vae2')).toBe(631_188);
    expect(count('cvae')).toBe(639_188);
  });

  it('the test figures in the text are the manifest’s, and the fair comparison adds log 10 (exercise ex:fair-comparison)', () => {
    const cvae = entry('cvae');
    const vae = entry('vae2');
    expect(cvae.test.loss.toFixed(2)).toBe('132.55');
    expect(cvae.test.reconstruction.toFixed(2)).toBe('128.12');
    expect(cvae.test.kl.toFixed(2)).toBe('4.43');
    expect(cvae.test.iwae).toMatchObject({ k: 50 });
    expect(cvae.test.iwae.nll.toFixed(2)).toBe('131.44');
    expect(vae.test.loss.toFixed(2)).toBe('152.92');
    expect(vae.test.kl.toFixed(2)).toBe('6.19');
    expect(vae.test.iwae.nll.toFixed(2)).toBe('150.35');
    expect(cvae.samples?.accuracy).toBe(1);
    expect(entry('classifier').test.accuracy?.toFixed(3)).toBe('0.978');
    expect((cvae.test.loss + Math.log(10)).toFixed(2)).toBe('134.85');
    expect((cvae.test.iwae.nll + Math.log(10)).toFixed(2)).toBe('133.74');
    expect((vae.test.kl - cvae.test.kl).toFixed(2)).toBe('1.76');
    expect(vae.test.kl - cvae.test.kl).toBeLessThan(Math.log(10));
  });
});
