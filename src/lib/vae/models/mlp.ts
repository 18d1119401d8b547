/**
 * Multi-layer perceptrons built from the fast dense layer (`../dense`), with stable variable
 * names.
 *
 * Names. TensorFlow.js registers every variable under a name that must be unique in the whole
 * engine, so two VAEs cannot both own a variable called "encoder.0.w". A model therefore asks for
 * a free *prefix* ("vae#2/") once, registers its variables as "vae#2/encoder.0.w", and exposes
 * them by their *stable* name ("encoder.0.w") through `namedVariables()`. Checkpoints and
 * snapshots use only stable names, so they move between model instances and backends.
 */
import * as tf from '../tf';
import { createDense, reinitializeDense } from '../dense';
import type { Activation, DenseParams } from '../dense';
import { deriveSeeds } from './seeds';

/**
 * x·W + b with the explicitly transposed gradient of `../dense` (dy·transpose(W) and
 * transpose(x)·dy, so that WASM's fast matMul path serves the backward pass too).
 *
 * Local copy of `dense()` until `../dense` saves its inputs: there the gradient closes over
 * x and W, but the gradient tape frees every intermediate tensor of the forward pass before the
 * backward pass runs, so any layer whose input is another layer's output fails with "Cannot read
 * properties of undefined (reading 'backend')". Handing x and W to `save` makes the tape keep
 * copies for the backward pass (and free them after it).
 */
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

/** y = activation(x·W + b). x: [batch, inputs] → [batch, units]. */
function dense(x: tf.Tensor2D, params: DenseParams, activation: Activation): tf.Tensor2D {
  return activate(denseCore(x, params.w, params.b) as tf.Tensor2D, activation);
}

/** Activation functions a hidden layer may use. */
export type HiddenActivation = 'relu' | 'leakyRelu' | 'tanh';

/**
 * The first prefix of the form `${kind}#${n}/` (n = 1, 2, …) that no registered variable uses.
 * The engine's variable registry is the only state consulted, so disposing a model frees its
 * prefix for the next one.
 */
export function allocateVariablePrefix(kind: string): string {
  const taken = Object.keys(tf.engine().registeredVariables);
  for (let n = 1; ; n++) {
    const prefix = `${kind}#${n}/`;
    if (!taken.some((name) => name.startsWith(prefix))) return prefix;
  }
}

/** One dense layer y = activation(x·W + b) with stable names `${name}.w` and `${name}.b`. */
export class Layer {
  readonly name: string;
  readonly activation: Activation;
  private readonly params: DenseParams;

  /**
   * @param prefix the model's variable prefix (see {@link allocateVariablePrefix})
   * @param name stable layer name, e.g. "encoder.0"
   * @param inputs input width; `units` output width
   */
  constructor(prefix: string, name: string, inputs: number, units: number, activation: Activation, seed: number) {
    this.name = name;
    this.activation = activation;
    this.params = createDense(`${prefix}${name}`, inputs, units, activation, seed);
  }

  /** x [batch, inputs] → [batch, units]. Returns a new tensor the caller owns. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => dense(x, this.params, this.activation));
  }

  /** [stable name, variable] pairs: weight then bias. */
  variables(): [string, tf.Variable][] {
    return [
      [`${this.name}.w`, this.params.w],
      [`${this.name}.b`, this.params.b],
    ];
  }

  reinitialize(seed: number): void {
    reinitializeDense(this.params, this.activation, seed);
  }

  dispose(): void {
    this.params.w.dispose();
    this.params.b.dispose();
  }
}

/**
 * A stack of dense layers named `${name}.0`, `${name}.1`, …: `hidden` layers with the hidden
 * activation, then (if `output` is given) one output layer with its own activation.
 *
 * Shapes: [batch, inputDim] → [batch, hidden.at(-1) or output.units].
 */
export class Mlp {
  readonly outputDim: number;
  private readonly layers: Layer[];

  constructor(
    prefix: string,
    name: string,
    inputDim: number,
    hidden: readonly number[],
    hiddenActivation: HiddenActivation,
    output: { readonly units: number; readonly activation: Activation } | undefined,
    seed: number,
  ) {
    const widths = [...hidden, ...(output ? [output.units] : [])];
    const seeds = deriveSeeds(seed, widths.length);
    let inputs = inputDim;
    this.layers = widths.map((units, i) => {
      const isOutput = output !== undefined && i === widths.length - 1;
      const layer = new Layer(prefix, `${name}.${i}`, inputs, units, isOutput ? output.activation : hiddenActivation, seeds[i] ?? 1);
      inputs = units;
      return layer;
    });
    this.outputDim = inputs;
  }

  /** x [batch, inputDim] → [batch, outputDim]. Returns a new tensor the caller owns. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.layers.reduce((h, layer) => layer.apply(h), x));
  }

  /** [stable name, variable] pairs in layer order. */
  variables(): [string, tf.Variable][] {
    return this.layers.flatMap((layer) => layer.variables());
  }

  reinitialize(seed: number): void {
    const seeds = deriveSeeds(seed, this.layers.length);
    this.layers.forEach((layer, i) => layer.reinitialize(seeds[i] ?? 1));
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
  }
}
