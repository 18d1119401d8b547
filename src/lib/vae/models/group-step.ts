/**
 * Gradient steps restricted to one group of variables (an encoder, a generator, a
 * discriminator), with the step's metrics returned as ordinary scalars.
 *
 * Why not `optimizer.minimize`: it returns only the loss, while a textbook model reports several
 * terms (reconstruction, KL, …) from the same forward pass. And why one optimiser per group:
 * the groups are updated on their own schedules (a GAN takes k discriminator steps per generator
 * step), and Adam's bias correction counts the updates of its own variables.
 */
import * as tf from '../tf.ts';
import { Adam } from './adam.ts';
import type { AdamSettings } from './adam.ts';

/** What a loss function passed to {@link computeGradients} returns. */
export interface LossWithMetrics<K extends string> {
  /** The scalar to differentiate. */
  readonly loss: tf.Scalar;
  /** Scalars to report (may include `loss` itself). */
  readonly metrics: Record<K, tf.Scalar>;
}

/** Gradients keyed by the variables' registered names, plus the metrics of the forward pass. */
export interface GradientsWithMetrics<K extends string> {
  readonly grads: tf.NamedTensorMap;
  readonly metrics: Record<K, tf.Scalar>;
}

/**
 * ∂loss/∂v for every v in `variables` (and nothing else), plus the metrics computed on the way.
 *
 * The metrics are created inside the gradient tape's scope, which frees everything it does not
 * return, so they are `tf.keep`-ed there and re-issued here as fresh handles (`clone` shares the
 * data; no copy) so that they behave like any other tensor (a surrounding `tf.tidy` frees them).
 * The caller owns `grads` and `metrics` (see {@link applyAndDispose}).
 */
export function computeGradients<K extends string>(variables: readonly tf.Variable[], f: () => LossWithMetrics<K>): GradientsWithMetrics<K> {
  let kept: Record<K, tf.Scalar> | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const { loss, metrics } = f();
    for (const t of Object.values<tf.Scalar>(metrics)) tf.keep(t);
    kept = metrics;
    return loss;
  }, [...variables]);
  if (kept === undefined) throw new Error('computeGradients: the loss function did not run');
  const metrics = {} as Record<K, tf.Scalar>;
  for (const key of Object.keys(kept) as K[]) metrics[key] = tf.clone(kept[key]);
  tf.dispose(Object.values<tf.Scalar>(kept));
  value.dispose();
  return { grads, metrics };
}

/** One optimiser update with `grads`, which are then disposed. */
export function applyAndDispose(optimizer: Adam, grads: tf.NamedTensorMap): void {
  optimizer.applyGradients(grads);
  tf.dispose(Object.values(grads));
}

export type { AdamSettings } from './adam.ts';

/**
 * A fresh Adam (β₂ = 0.999, backend-default ε): the library's own (`./adam`), which gives
 * tf.train.adam's update in one fused kernel on WASM.
 */
export function createAdam({ learningRate, beta1 }: AdamSettings): Adam {
  return new Adam({ learningRate, beta1, beta2: 0.999 });
}
