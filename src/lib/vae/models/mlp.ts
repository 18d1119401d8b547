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
import * as tf from '../tf.ts';
import { createDense, dense, reinitializeDense } from '../dense.ts';
import type { Activation, DenseParams } from '../dense.ts';
import { deriveSeeds } from './seeds.ts';

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
