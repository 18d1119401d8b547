/** What every model of the library offers on top of {@link TrainableModel}. */
import type { TrainableModel } from '../types.ts';
import type { ModelKind } from './spec.ts';

export interface Model<S extends { readonly kind: ModelKind } = { readonly kind: ModelKind }> extends TrainableModel {
  readonly kind: S['kind'];
  /**
   * The resolved spec (every default filled in, the *current* β and learning rate): plain JSON.
   * `createModel(model.spec, seed)` rebuilds the same architecture, e.g. on another backend.
   */
  readonly spec: S;
  /** Sets the Adam learning rate of every optimiser the model owns, keeping their state. */
  setLearningRate(learningRate: number): void;
}
