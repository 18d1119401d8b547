/**
 * A fully connected layer y = activation(x·W + b) with a hand-written gradient, written for the
 * speed of the WASM backend, where the book trains by default in Node and where most readers'
 * browsers end up without a GPU.
 *
 * Forward: one `_FusedMatMul` kernel computes x·W and adds b (wide layers on WASM: see
 * {@link productForm}); the activation follows as its own kernel. (The kernel could fuse ReLU
 * too, but XNNPACK's fused clamp turns NaN into 0, which would hide a diverged layer from the
 * trainer's NaN guard; a separate ReLU costs ~0.02 ms.)
 *
 * Backward, from dz = ∂loss/∂(x·W + b) (dy times the activation's derivative, read off the
 * saved output y):  ∂W = xᵀ·dz,  ∂b = Σ_rows dz,  ∂x = dz·Wᵀ.  How they are computed depends on
 * the backend (see {@link productForm}):
 * - WASM's matMul takes XNNPACK's fast path only when neither operand is flagged as transposed;
 *   flagged products (tfjs's default gradient) fall to a loop ~15× slower. So on WASM every
 *   transpose is explicit, by the SIMD kernel of `./simd` (`transpose2d`), and ∂b is the product
 *   1ᵀ·dz: WASM would sum over axis 0 by transposing first, while XNNPACK has cached its packed
 *   copy of dz from the ∂W product, so the extra [1, batch]·[batch, units] product is nearly free.
 * - WebGL, WebGPU and the CPU backend multiply flagged operands at full speed: there the products
 *   are flagged and ∂b is a sum.
 * - ∂x is computed only when the backward pass needs it (see `./grad`): never for the first
 *   layer of an encoder, whose input is data — a [batch, 784]·[784, 400] product saved per step.
 */
import { opWithGradient } from './grad.ts';
import { transpose2d } from './simd.ts';
import { tfSeed } from './seed.ts';
import * as tf from './tf.ts';

export type Activation = 'linear' | 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh';

/** Slope of 'leakyRelu' for negative inputs. */
export const LEAKY_RELU_ALPHA = 0.2;

/** activation(x·W + b): x·W + b by one `_FusedMatMul` kernel (rank-3 operands, as tfjs's own op passes them). */
function forward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation): tf.Tensor2D {
  const [rows, inputs] = x.shape;
  const units = w.shape[1];
  const product = tf
    .engine()
    .runKernel(
      '_FusedMatMul',
      { a: tf.reshape(x, [1, rows, inputs]), b: tf.reshape(w, [1, inputs, units]), bias: b },
      { transposeA: false, transposeB: false, activation: 'linear' },
    ) as tf.Tensor3D;
  return activate(tf.reshape(product, [rows, units]) as tf.Tensor2D, activation);
}

function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, LEAKY_RELU_ALPHA);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
  }
}

/** dz = dy ⊙ activation'(pre-activation), written with the output y = activation(pre-activation). */
function preActivationGradient(dy: tf.Tensor2D, y: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'linear':
      return dy;
    case 'relu':
      // y > 0 exactly where the pre-activation is > 0; step gives 1 there and 0 elsewhere.
      return tf.mul(dy, tf.step(y));
    case 'leakyRelu':
      return tf.mul(dy, tf.step(y, LEAKY_RELU_ALPHA));
    case 'sigmoid':
      return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
    case 'tanh':
      return tf.mul(dy, tf.sub(1, tf.square(y)));
  }
}

/**
 * How a layer's products are formed on the active backend:
 * - 'flagged' (WebGL, WebGPU, CPU): tf.matMul with its transpose flags.
 * - 'explicit' (WASM): explicit transposes, so that every product takes XNNPACK's path.
 * - 'transposed' (WASM, wide layers): explicit transposes, with the products turned around. A
 *   WASM product packs its right operand afresh whenever that tensor is new (~2–4 ns per
 *   element) while a SIMD transpose costs ~0.2 ns; for a wide layer (inputs·units > rows·(inputs +
 *   units), e.g. 784 → 400 and 400 → 784 at batch 128) packing activations beats packing weights:
 *     forward  y  = (Wᵀ·xᵀ)ᵀ + b    packs xᵀ [in, batch], not W [in, out]
 *     backward ∂x = (W·dzᵀ)ᵀ        packs dzᵀ [out, batch], not Wᵀ
 *   and xᵀ, needed for ∂W anyway, is taken once in the forward pass and saved.
 */
type ProductForm = 'flagged' | 'explicit' | 'transposed';

function productForm(rows: number, inputs: number, units: number): ProductForm {
  if (tf.getBackend() !== 'wasm') return 'flagged';
  return inputs * units > rows * (inputs + units) ? 'transposed' : 'explicit';
}

/** ∂x, ∂W and ∂b as thunks, given dz, the saved input (xᵀ in the 'transposed' form) and W. */
function gradients(form: ProductForm, dz: tf.Tensor2D, xSaved: tf.Tensor2D, w: tf.Tensor2D): (() => tf.Tensor)[] {
  const [rows] = dz.shape;
  switch (form) {
    case 'flagged':
      return [() => tf.matMul(dz, w, false, true), () => tf.matMul(xSaved, dz, true, false), () => tf.sum(dz, 0)];
    case 'explicit':
    case 'transposed':
      return [
        () => (form === 'transposed' ? transpose2d(tf.matMul(w, transpose2d(dz))) : tf.matMul(dz, transpose2d(w))),
        () => tf.matMul(form === 'transposed' ? xSaved : transpose2d(xSaved), dz),
        () => tf.reshape(tf.matMul(tf.ones([1, rows]), dz), [dz.shape[1]]),
      ];
  }
}

/** activation(x·W + b) as one op with the gradient described at the top of this file. */
function denseOp(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation): tf.Tensor2D {
  const [rows, inputs] = x.shape;
  const form = productForm(rows, inputs, w.shape[1]);
  // A variable is read by the backward pass as it then is, which is its forward value (optimisers
  // assign only after the gradients are taken); saving it would copy it (Identity copies on WASM).
  const weightIsVariable = w instanceof tf.Variable;
  return opWithGradient<tf.Tensor2D>([x, w, b], (save) => {
    let y: tf.Tensor2D;
    let xT: tf.Tensor2D | undefined;
    if (form === 'transposed') {
      xT = transpose2d(x);
      y = activate(tf.add(transpose2d(tf.matMul(transpose2d(w), xT)), b), activation);
    } else {
      y = forward(x, w, b, activation);
    }
    save([xT ?? x, ...(activation === 'linear' ? [] : [y]), ...(weightIsVariable ? [] : [w])]);
    return {
      value: y,
      gradient: (dy, saved) => {
        const [xSaved, ...rest] = saved as tf.Tensor2D[];
        const ys = activation === 'linear' ? undefined : rest.shift();
        const ws = weightIsVariable ? w : (rest.shift() as tf.Tensor2D);
        const dz = ys === undefined ? (dy as tf.Tensor2D) : preActivationGradient(dy as tf.Tensor2D, ys, activation);
        return gradients(form, dz, xSaved as tf.Tensor2D, ws);
      },
    };
  });
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

/** y = activation(x·W + b). x: [batch, inputs] → [batch, units]. Returns a new tensor the caller owns. */
export function dense(x: tf.Tensor2D, params: DenseParams, activation: Activation = 'linear'): tf.Tensor2D {
  return denseOp(x, params.w, params.b, activation);
}
