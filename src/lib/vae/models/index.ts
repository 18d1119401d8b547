/**
 * The model library: build any model from its JSON spec.
 *
 *   const vae = createModel({ kind: 'vae', latentDim: 2 }, 42);   // → Vae
 *
 * To move a model to another backend (e.g. after a WebGL context loss) keep its spec (plain
 * JSON) and a CPU-side snapshot (`captureWeights` in `../weights`, or the trainer's last good
 * one), switch the backend, then
 *
 *   const rebuilt = createModel(spec, seed);   // any seed: the weights are overwritten
 *   applyWeights(rebuilt, snapshot);
 */
import { Autoencoder } from './autoencoder.ts';
import { Cvae } from './cvae.ts';
import { Gan } from './gan.ts';
import type { ModelKind, ModelSpec } from './spec.ts';
import { Vae } from './vae.ts';
import { VaeGan } from './vaegan.ts';

export { Autoencoder } from './autoencoder.ts';
export type { AutoencoderMetric } from './autoencoder.ts';
export type { Model } from './base.ts';
export { Cvae } from './cvae.ts';
export { Gan } from './gan.ts';
export type { GanMetric } from './gan.ts';
export { discriminatorLoss, generatorLoss } from './adversarial.ts';
export type { GeneratorLoss } from './adversarial.ts';
export type { HiddenActivation } from './mlp.ts';
export * from './spec.ts';
export { Vae } from './vae.ts';
export { VaeGan } from './vaegan.ts';
export type { VaeGanMetric } from './vaegan.ts';
export type { ElboMetric } from './variational.ts';

/** The model class built for each kind. */
export interface ModelByKind {
  autoencoder: Autoencoder;
  vae: Vae;
  cvae: Cvae;
  gan: Gan;
  vaegan: VaeGan;
}

/** Any model of the library. */
export type AnyModel = ModelByKind[ModelKind];

/**
 * Builds the model `spec` describes, with weights drawn from `seed` (the same spec and seed give
 * the same weights on any backend up to the backend's random-number generator, which tfjs seeds
 * identically). Missing fields take the defaults documented in `./spec`.
 */
export function createModel<S extends ModelSpec>(spec: S, seed: number): ModelByKind[S['kind']];
export function createModel(spec: ModelSpec, seed: number): AnyModel {
  switch (spec.kind) {
    case 'autoencoder':
      return new Autoencoder(spec, seed);
    case 'vae':
      return new Vae(spec, seed);
    case 'cvae':
      return new Cvae(spec, seed);
    case 'gan':
      return new Gan(spec, seed);
    case 'vaegan':
      return new VaeGan(spec, seed);
  }
}
