/**
 * Adam (Kingma & Ba 2015) for the library's models: the same update as tf.train.adam, in one
 * fused kernel per step on the WASM backend (`../simd`) and in tfjs ops elsewhere.
 *
 *   m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²,   w ← w − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
 *
 * Unlike tf.train.adam, the moment estimates are kept per variable *name* (tfjs keys them by the
 * position of a gradient in the map it is given), so the gradients may come in any order.
 * The scalars follow tf.train.adam's float32 arithmetic exactly (β₁ᵗ is a float32 product, ε is
 * the backend's epsilon), so both optimisers produce the same weights.
 */
import * as tf from '../tf.ts';
import { ADAM_KERNEL, fusedAdamAvailable } from '../simd.ts';
import type { AdamScalars } from '../simd.ts';
import { assertPositive } from './validate.ts';

/** Settings of an Adam optimiser. */
export interface AdamSettings {
  readonly learningRate: number;
  /** Exponential decay of the first-moment estimate (0.9 by default; GANs use 0.5). */
  readonly beta1: number;
  /** Exponential decay of the second-moment estimate. Default 0.999. */
  readonly beta2?: number;
  /** Added to √v̂. Default: the backend's epsilon (1e-7 in float32), as tf.train.adam. */
  readonly epsilon?: number;
}

interface Moments {
  m: tf.Tensor;
  v: tf.Tensor;
}

export class Adam {
  private rate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  /** β₁ᵗ and β₂ᵗ as float32 products, like tf.train.adam's accumulator variables. */
  private accBeta1: number;
  private accBeta2: number;
  private readonly moments = new Map<string, Moments>();
  private steps = 0;

  constructor({ learningRate, beta1, beta2 = 0.999, epsilon }: AdamSettings) {
    assertPositive('learningRate', learningRate);
    this.rate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon ?? tf.backend().epsilon();
    this.accBeta1 = Math.fround(beta1);
    this.accBeta2 = Math.fround(beta2);
  }

  get learningRate(): number {
    return this.rate;
  }

  /** Changes the learning rate, keeping the moment estimates and the bias-correction clock. */
  setLearningRate(learningRate: number): void {
    assertPositive('learningRate', learningRate);
    this.rate = learningRate;
  }

  /** Updates taken so far. */
  get iterations(): number {
    return this.steps;
  }

  /**
   * One update of every variable named in `grads` (registered variable name → ∂loss/∂variable,
   * same shape). The gradients stay owned by the caller.
   */
  applyGradients(grads: tf.NamedTensorMap): void {
    const names = Object.keys(grads);
    const variables = names.map((n) => {
      const variable = tf.engine().registeredVariables[n];
      if (variable === undefined) throw new Error(`Adam: no variable named ${n}`);
      return variable;
    });
    const scalars = this.scalars();
    tf.tidy(() => {
      const states = names.map((n, i) => this.momentsFor(n, variables[i] as tf.Variable));
      const gradients = names.map((n) => grads[n] as tf.Tensor);
      const updated = fusedAdamAvailable()
        ? this.fused(gradients, states, variables, scalars)
        : gradients.map((g, i) => opsUpdate(g, states[i] as Moments, variables[i] as tf.Variable, scalars));
      updated.forEach(({ m, v, w }, i) => {
        const state = states[i] as Moments;
        if (m !== undefined && v !== undefined) {
          tf.dispose([state.m, state.v]);
          state.m = tf.keep(m);
          state.v = tf.keep(v);
        }
        (variables[i] as tf.Variable).assign(w);
      });
    });
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(this.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(this.beta2));
    this.steps++;
  }

  /**
   * Starts afresh as a new Adam with the same settings would: frees the moment estimates and
   * restarts the bias-correction clock (step count, β₁ᵗ, β₂ᵗ). The learning rate (including one
   * set by `setLearningRate`), β₁, β₂ and ε are kept.
   */
  reset(): void {
    this.dispose();
    this.accBeta1 = Math.fround(this.beta1);
    this.accBeta2 = Math.fround(this.beta2);
    this.steps = 0;
  }

  /** Frees the moment estimates. */
  dispose(): void {
    for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
    this.moments.clear();
  }

  private scalars(): AdamScalars {
    const f = Math.fround;
    return {
      beta1: f(this.beta1),
      oneMinusBeta1: f(1 - this.beta1),
      beta2: f(this.beta2),
      oneMinusBeta2: f(1 - this.beta2),
      correction1: f(1 - this.accBeta1),
      correction2: f(1 - this.accBeta2),
      epsilon: f(this.epsilon),
      negLearningRate: f(-this.rate),
    };
  }

  private momentsFor(name: string, variable: tf.Variable): Moments {
    let state = this.moments.get(name);
    if (state === undefined) {
      state = { m: tf.keep(tf.zerosLike(variable)), v: tf.keep(tf.zerosLike(variable)) };
      this.moments.set(name, state);
    }
    return state;
  }

  private fused(gradients: tf.Tensor[], states: Moments[], variables: tf.Variable[], scalars: AdamScalars): Updated[] {
    const inputs: tf.NamedTensorMap = {};
    gradients.forEach((g, i) => {
      const { m, v } = states[i] as Moments;
      inputs[`g${i}`] = g;
      inputs[`m${i}`] = m;
      inputs[`v${i}`] = v;
      inputs[`w${i}`] = variables[i] as tf.Variable;
    });
    const attrs = { count: gradients.length, ...scalars };
    // The kernel overwrites m and v (owned by this optimiser alone) and returns the new weights.
    const out = tf.engine().runKernel(ADAM_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
    return out.map((w) => ({ w }));
  }
}

/** New weights, and new moments unless they were updated in place. */
interface Updated {
  readonly m?: tf.Tensor;
  readonly v?: tf.Tensor;
  readonly w: tf.Tensor;
}

/** tf.train.adam's update of one variable, op for op (for backends without the fused kernel). */
function opsUpdate(g: tf.Tensor, { m, v }: Moments, w: tf.Variable, s: AdamScalars): Updated {
  const m1 = tf.add(tf.mul(m, s.beta1), tf.mul(g, s.oneMinusBeta1));
  const v1 = tf.add(tf.mul(v, s.beta2), tf.mul(tf.square(g), s.oneMinusBeta2));
  const step = tf.div(tf.div(m1, s.correction1), tf.add(tf.sqrt(tf.div(v1, s.correction2)), s.epsilon));
  return { m: m1, v: v1, w: tf.add(tf.mul(step, s.negLearningRate), w) };
}
