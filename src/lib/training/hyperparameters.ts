/**
 * The hyperparameters a reader sets in a training panel, as one plain object, and the one
 * function that applies them to a model. The panel's controls only change this object (through
 * the controller); the session applies it to the model here and nowhere else.
 *
 *   applyHyperparameters(model, { learningRate: 1e-3, beta: 4 });
 *   tenthOfRate(0.1, RATES); // → 0.01, the nearest offered rate to a tenth
 */

export interface Hyperparameters {
  /** Adam's learning rate, for every optimiser the model owns. */
  readonly learningRate: number;
  /** The KL weight β, for a model that has one (ignored by the others). */
  readonly beta?: number;
}

/** What a model may offer to take the hyperparameters (all library models have the first). */
interface Tunable {
  setLearningRate?(learningRate: number): void;
  setBeta?(beta: number): void;
}

/** Applies `hyperparameters` to `model`: the learning rate, and β where the model has one. */
export function applyHyperparameters(model: object, hyperparameters: Hyperparameters): void {
  const tunable = model as Tunable;
  tunable.setLearningRate?.(hyperparameters.learningRate);
  if (hyperparameters.beta !== undefined) tunable.setBeta?.(hyperparameters.beta);
}

/**
 * A tenth of `rate` (the rate a diverged run restarts at), or, given the rates a menu offers,
 * the offered rate nearest to that tenth on a log scale.
 */
export function tenthOfRate(rate: number, choices: readonly number[] = []): number {
  const target = rate / 10;
  const distance = (rate: number) => Math.abs(Math.log(rate / target));
  return choices.reduce<number | undefined>((best, choice) => (best === undefined || distance(choice) < distance(best) ? choice : best), undefined) ?? target;
}
