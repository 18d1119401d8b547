/** Argument checks shared by the model specs and setters; each throws a RangeError naming the argument. */

/** A finite number > 0 (learning rates, standard deviations). */
export function assertPositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

/** A finite number ≥ 0 (β, γ, noise levels). */
export function assertNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
}

/** An integer ≥ 1 (layer widths, dimensions, step counts). */
export function assertPositiveInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

/** An integer ≥ 0 (step counts that may start at zero). */
export function assertNonNegativeInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`${name} must be an integer ≥ 0, got ${value}`);
}
