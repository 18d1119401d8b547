/**
 * Operations with hand-written gradients that are evaluated only where backpropagation needs them.
 *
 * `tf.customGrad` evaluates every input's gradient as soon as the tape reaches the op, even when
 * the tape then throws it away: the first dense layer of an encoder computes ∂loss/∂x, a
 * [batch, 784] × [784, 400] product (a fifth of a VAE step's arithmetic), for input pixels that
 * are not variables. The engine itself asks for each input's gradient through a thunk and calls
 * only those on a path back to a differentiated variable; {@link opWithGradient} hands it such
 * thunks. It records the op exactly as `tf.customGrad` does (through the engine's
 * `runKernelFunc`, which tfjs-core 4.x declares private but uses for `customGrad` itself) and
 * falls back to `tf.customGrad` with every thunk evaluated should that method ever disappear.
 */
import * as tf from './tf.ts';

/** One gradient per input, each computed only when called: ∂loss/∂input given ∂loss/∂output. */
export type GradientThunks = ReadonlyArray<() => tf.Tensor>;

/**
 * The gradient of an op: receives ∂loss/∂y and the tensors the forward pass saved, and returns
 * one thunk per input (in input order). Work shared by several thunks is done before returning
 * them; tensors created there live until the backward pass ends.
 */
export type GradientFunc = (dy: tf.Tensor, saved: readonly tf.Tensor[]) => GradientThunks;

/**
 * The forward pass: computes y from the inputs (which it closes over) and `save`s the tensors the
 * backward pass needs. The gradient must read them through `saved`, never through the closure:
 * the engine frees the forward pass's tensors — in a stacked network the inputs of later layers
 * included — before the backward pass runs, while saved copies are kept until it ends. Saving
 * costs nothing when no gradient is being recorded (inference).
 */
export type ForwardFunc = (save: (tensors: tf.Tensor[]) => void) => { value: tf.Tensor; gradient: GradientFunc };

interface KernelFuncEngine {
  runKernelFunc(params: {
    forwardFunc: (backend: unknown, save: (tensors: tf.Tensor[]) => void) => tf.Tensor;
    backwardsFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => Record<string, () => tf.Tensor>;
    inputs: Record<string, tf.Tensor>;
  }): tf.Tensor;
}

function kernelFuncEngine(): KernelFuncEngine | undefined {
  const engine = tf.engine() as unknown as Partial<KernelFuncEngine>;
  return typeof engine.runKernelFunc === 'function' ? (engine as KernelFuncEngine) : undefined;
}

/**
 * y = forward(...) as one differentiable op over `inputs`, with lazily evaluated gradients.
 * Intermediates of the forward pass are freed; y is owned by the caller.
 *
 * @param inputs every tensor the gradient is taken with respect to (the op's inputs)
 * @param forward computes y, saves what the gradient needs, and returns the gradient function
 */
export function opWithGradient<T extends tf.Tensor>(inputs: readonly tf.Tensor[], forward: ForwardFunc): T {
  let gradient: GradientFunc | undefined;
  const run = (save: (tensors: tf.Tensor[]) => void): tf.Tensor => {
    const result = forward(save);
    gradient = result.gradient;
    return result.value;
  };
  const thunks = (dy: tf.Tensor, saved: readonly tf.Tensor[]): GradientThunks => {
    if (gradient === undefined) throw new Error('opWithGradient: backward pass before the forward pass');
    const result = gradient(dy, saved);
    if (result.length !== inputs.length) throw new Error(`opWithGradient: ${result.length} gradients for ${inputs.length} inputs`);
    return result;
  };

  const engine = kernelFuncEngine();
  if (engine === undefined) {
    // Fallback: tf.customGrad, which evaluates every gradient.
    const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const save = args[args.length - 1] as tf.GradSaveFunc;
      const value = run(save);
      return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => thunks(dy, saved).map((g) => g()) };
    });
    return op(...inputs) as T;
  }
  const inputMap: Record<string, tf.Tensor> = {};
  inputs.forEach((input, i) => (inputMap[i] = input));
  return engine.runKernelFunc({
    forwardFunc: (_backend, save) => run(save),
    backwardsFunc: (dy, saved) => {
      const map: Record<string, () => tf.Tensor> = {};
      thunks(dy, saved).forEach((thunk, i) => (map[i] = thunk));
      return map;
    },
    inputs: inputMap,
  }) as T;
}
