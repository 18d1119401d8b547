/**
 * The models the book ships (public/models/): name, spec, seed, epochs, batch size and weight
 * encoding. `npm run train` trains them in this order (the classifier first: it judges the
 * generated digits of the others).
 *
 * Encodings: 'uint8' (per-tensor affine quantisation, 1 byte per weight) for every network with
 * two 784×400 matrices — their float16 files would be ≈ 1.3 MB, over the 1 MB budget; 'float16'
 * for the small classifier. The manifest records the test figures before and after quantisation.
 */
import type { WeightDType } from '../src/lib/vae/weights-manifest.ts';
import { Classifier } from '../src/lib/vae/classifier.ts';
import type { ClassifierSpec } from '../src/lib/vae/classifier.ts';
import { createModel } from '../src/lib/vae/models/index.ts';
import type { ModelSpec } from '../src/lib/vae/models/index.ts';

export interface ShippedSpec {
  readonly name: string;
  readonly title: string;
  readonly spec: ModelSpec | ClassifierSpec;
  readonly seed: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly dtype: WeightDType;
  /** Learning-rate steps: [epoch, rate] sets the Adam rate from the start of that (1-based) epoch. */
  readonly learningRateSchedule?: readonly (readonly [number, number])[];
}

export const SHIPPED: readonly ShippedSpec[] = [
  {
    name: 'classifier',
    title: 'Digit classifier (MLP 784-256-10)',
    spec: { kind: 'classifier', hidden: [256] },
    seed: 1,
    epochs: 10,
    batchSize: 128,
    dtype: 'float16',
  },
  { name: 'ae2', title: 'Autoencoder, 2-D code', spec: { kind: 'autoencoder', latentDim: 2 }, seed: 1, epochs: 10, batchSize: 128, dtype: 'uint8' },
  { name: 'vae2', title: 'VAE, 2-D latent', spec: { kind: 'vae', latentDim: 2 }, seed: 1, epochs: 15, batchSize: 128, dtype: 'uint8' },
  {
    name: 'vae20',
    title: 'VAE, 20-D latent (hidden 512)',
    spec: { kind: 'vae', hidden: [512], latentDim: 20 },
    seed: 1,
    epochs: 45,
    batchSize: 128,
    dtype: 'uint8',
    learningRateSchedule: [
      [31, 3e-4],
      [41, 1e-4],
    ],
  },
  { name: 'cvae', title: 'Conditional VAE, 2-D latent', spec: { kind: 'cvae', latentDim: 2 }, seed: 1, epochs: 15, batchSize: 128, dtype: 'uint8' },
  {
    name: 'gan',
    title: 'GAN (MLP generator and discriminator)',
    spec: { kind: 'gan', latentDim: 20, generatorHidden: [256, 512], discriminatorHidden: [256] },
    seed: 1,
    epochs: 40,
    batchSize: 128,
    dtype: 'uint8',
    learningRateSchedule: [
      [25, 1e-4],
      [33, 3e-5],
    ],
  },
  { name: 'vaegan', title: 'VAE-GAN, 20-D latent', spec: { kind: 'vaegan', latentDim: 20 }, seed: 1, epochs: 8, batchSize: 128, dtype: 'uint8' },
];

/** The subset the unit test re-evaluates: the first `count` test images, seed as in `heldOut`. */
export const SUBSET = { count: 500, seed: 7 } as const;

/** A fresh model for a shipped entry (weights from its seed; a checkpoint then overwrites them). */
export function build(def: Pick<ShippedSpec, 'spec' | 'seed'>) {
  return def.spec.kind === 'classifier' ? new Classifier(def.spec, def.seed) : createModel(def.spec, def.seed);
}
