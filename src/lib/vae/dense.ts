/**
 * A fully connected layer y = x·W + b whose gradient transposes explicitly.
 *
 * The WASM backend's matMul takes XNNPACK's fast path only when neither operand is transposed;
 * the transposed products of the default backward pass (dy·Wᵀ and xᵀ·dy) fall to a slow loop.
 * Computing them as matMul(dy, transpose(W)) and matMul(transpose(x), dy) keeps every product on
 * the fast path (2–3× faster training steps, see shared FINDINGS). Every model uses this layer.
 */
import { tfSeed } from './seed';
import * as tf from './tf';

export type Activation = 'linear' | 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh';

// x and W go through `save`: the tape frees the forward pass's intermediates before the backward
// pass runs, so a gradient that closed over them would read disposed tensors in a stacked MLP.
const denseCore = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  const value = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  const gradFunc = (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
    const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
    return [tf.matMul(dy, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy), tf.sum(dy, 0)];
  };
  return { value, gradFunc };
});

function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, 0.2);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
  }
}

/** A dense layer's variables: W [inputs, units], b [units]. */
export interface DenseParams {
  readonly w: tf.Variable<tf.Rank.R2>;
  readonly b: tf.Variable<tf.Rank.R1>;
}

/** Glorot-uniform limit, or He-uniform for ReLU-family layers (which halve the variance). */
function initLimit(inputs: number, units: number, activation: Activation): number {
  return activation === 'relu' || activation === 'leakyRelu' ? Math.sqrt(6 / inputs) : Math.sqrt(6 / (inputs + units));
}

function initialWeights(inputs: number, units: number, activation: Activation, seed: number): tf.Tensor2D {
  const limit = initLimit(inputs, units, activation);
  return tf.randomUniform<tf.Rank.R2>([inputs, units], -limit, limit, 'float32', tfSeed(seed));
}

/**
 * Creates a layer's variables with Glorot-uniform weights (He-uniform for ReLU layers) and zero
 * biases, seeded. `name` prefixes the variable names ("enc.0" → "enc.0.w", "enc.0.b").
 */
export function createDense(name: string, inputs: number, units: number, activation: Activation, seed: number): DenseParams {
  const w0 = initialWeights(inputs, units, activation, seed);
  const b0 = tf.zeros<tf.Rank.R1>([units]);
  const params = { w: tf.variable(w0, true, `${name}.w`), b: tf.variable(b0, true, `${name}.b`) };
  w0.dispose();
  b0.dispose();
  return params;
}

/** Re-draws a layer's initial values in place (same distribution as `createDense`). */
export function reinitializeDense(params: DenseParams, activation: Activation, seed: number): void {
  const [inputs, units] = params.w.shape;
  tf.tidy(() => {
    params.w.assign(initialWeights(inputs, units, activation, seed));
    params.b.assign(tf.zeros([units]));
  });
}

/** y = activation(x·W + b). x: [batch, inputs] → [batch, units]. */
export function dense(x: tf.Tensor2D, params: DenseParams, activation: Activation = 'linear'): tf.Tensor2D {
  return activate(denseCore(x, params.w, params.b) as tf.Tensor2D, activation);
}
