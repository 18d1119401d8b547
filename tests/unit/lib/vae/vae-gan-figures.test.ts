/**
 * The figures chapter 10 quotes about the shipped `vae20` and `vaegan` checkpoints, recomputed:
 * sharpness and greyness of 1,000 decoded codes (drawn as the comparison widget draws them) and of
 * 1,000 real test digits, the VAE-GAN discriminator's mean D on real digits, its own samples and
 * reconstructions and the VAE's samples, and the last epoch of the VAE-GAN's training log.
 * If the models are retrained, these numbers and the chapter's text change together.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { greyness, laplacianSharpness } from '../../../../src/lib/math/sharpness.ts';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { applyCheckpoint } from '../../../../src/lib/vae/checkpoint.ts';
import { loadCheckpointFile } from '../../../../src/lib/vae/checkpoint-node.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createModel, type Vae, type VaeGan } from '../../../../src/lib/vae/models/index.ts';
import type { ModelSpec } from '../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { normalCodes } from '../../../../src/components/latent/codes.ts';
import { testDigits } from '../../../../src/components/VaeGanCompare/views.ts';

const DIR = fileURLToPath(new URL('../../../../public/models/', import.meta.url));
interface Entry {
  name: string;
  file: string;
  spec: ModelSpec;
  trainLog: Record<string, number>[];
}
const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as { models: Entry[] };
const entry = (name: string) => {
  const found = manifest.models.find((e) => e.name === name);
  if (found === undefined) throw new Error(`no ${name} in the manifest`);
  return found;
};
async function load<M>(name: string): Promise<M> {
  const model = createModel(entry(name).spec, 1);
  applyCheckpoint(model, await loadCheckpointFile(`${DIR}${entry(name).file}`));
  return model as M;
}

const COUNT = 1000;
let vae: Vae;
let vaegan: VaeGan;
let real: Float32Array;
let vaeSamples: Float32Array;
let vaeganSamples: Float32Array;

beforeAll(async () => {
  await useNodeBackend();
  const mnist = await loadMnistNode({ trainCount: 1, testCount: COUNT });
  vae = await load<Vae>('vae20');
  vaegan = await load<VaeGan>('vaegan');
  real = testDigits(mnist.test, COUNT);
  [vaeSamples, vaeganSamples] = tf.tidy(() => {
    const z = tf.tensor2d(normalCodes(COUNT, 20, 1), [COUNT, 20]);
    return [vae.decode(z).dataSync() as Float32Array, vaegan.decode(z).dataSync() as Float32Array];
  });
  return () => {
    vae.dispose();
    vaegan.dispose();
  };
}, 60_000);

const meanD = (images: Float32Array) =>
  tf.tidy(() => tf.mean(vaegan.discriminate(tf.tensor2d(images, [images.length / 784, 784]))).dataSync()[0] ?? Number.NaN);

describe('chapter 10: the shipped VAE and VAE-GAN', () => {
  it('sharpness (mean |Laplacian|): VAE 0.132, VAE-GAN 0.126, real digits 0.197; greyness 0.036, 0.037, 0.018', () => {
    expect(laplacianSharpness(vaeSamples)).toBeCloseTo(0.132, 2);
    expect(laplacianSharpness(vaeganSamples)).toBeCloseTo(0.126, 2);
    expect(laplacianSharpness(real)).toBeCloseTo(0.197, 2);
    expect(laplacianSharpness(vaeganSamples)).toBeLessThan(laplacianSharpness(vaeSamples));
    expect(greyness(vaeSamples)).toBeCloseTo(0.036, 2);
    expect(greyness(vaeganSamples)).toBeCloseTo(0.037, 2);
    expect(greyness(real)).toBeCloseTo(0.018, 2);
  });

  it('the VAE-GAN’s discriminator: D ≈ 0.77 on real digits, 0.08 on its own samples, 0.21 on its reconstructions, 0.20 on the VAE’s samples', () => {
    expect(meanD(real)).toBeCloseTo(0.77, 1);
    expect(meanD(vaeganSamples)).toBeCloseTo(0.08, 1);
    expect(meanD(vaeSamples)).toBeCloseTo(0.2, 1);
    const reconstructions = tf.tidy(() => vaegan.reconstruct(tf.tensor2d(real, [COUNT, 784])).dataSync() as Float32Array);
    expect(meanD(reconstructions)).toBeCloseTo(0.21, 1);
  });

  it('the last training epoch logged discriminator 0.653 and generator 5.348 (equilibrium: 1.9095 and 2.1972)', () => {
    const last = entry('vaegan').trainLog.at(-1);
    expect(last?.['discriminator']).toBe(0.653);
    expect(last?.['generator']).toBe(5.348);
  });
});
