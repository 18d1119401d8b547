/**
 * A small MNIST digit classifier: an MLP (the library's fast dense layers) with a softmax output,
 * trained with Adam on cross-entropy. The book uses it to judge generated digits: the accuracy
 * with which a conditional VAE's samples are recognised as the requested label, and the
 * confidence and label spread of a GAN's samples. Not part of `createModel` (it is not a
 * generative model); it follows the same conventions (`TrainableModel`, stable variable names
 * `classifier.0.w` …, a seed, plain-JSON spec) so checkpoints and the trainer work with it.
 */
import * as tf from './tf.ts';
import { Mlp, allocateVariablePrefix } from './models/mlp.ts';
import type { HiddenActivation } from './models/mlp.ts';
import { applyAndDispose, computeGradients, createAdam } from './models/group-step.ts';
import type { Adam } from './models/adam.ts';
import { IMAGE_SIZE, NUM_CLASSES } from './types.ts';
import type { Batch, TrainableModel } from './types.ts';

export interface ClassifierSpec {
  readonly kind: 'classifier';
  /** Input width. Default 784. */
  readonly inputDim?: number;
  /** Hidden widths. Default [256]. */
  readonly hidden?: readonly number[];
  /** Hidden activation. Default 'relu'. */
  readonly activation?: HiddenActivation;
  /** Classes. Default 10. */
  readonly numClasses?: number;
  /** Adam learning rate. Default 1e-3. */
  readonly learningRate?: number;
}

export type ClassifierMetric = 'loss' | 'accuracy';

export class Classifier implements TrainableModel {
  readonly kind = 'classifier';
  readonly monitoredLoss = 'loss';
  readonly spec: Required<{ -readonly [K in keyof ClassifierSpec]: Exclude<ClassifierSpec[K], undefined> }>;
  private readonly network: Mlp;
  private readonly optimizer: Adam;

  constructor(spec: ClassifierSpec, seed: number) {
    this.spec = {
      kind: 'classifier',
      inputDim: spec.inputDim ?? IMAGE_SIZE,
      hidden: [...(spec.hidden ?? [256])],
      activation: spec.activation ?? 'relu',
      numClasses: spec.numClasses ?? NUM_CLASSES,
      learningRate: spec.learningRate ?? 1e-3,
    };
    const { inputDim, hidden, activation, numClasses, learningRate } = this.spec;
    this.network = new Mlp(allocateVariablePrefix('classifier'), 'classifier', inputDim, hidden, activation, { units: numClasses, activation: 'linear' }, seed);
    this.optimizer = createAdam({ learningRate, beta1: 0.9 });
  }

  /** Class logits: x [batch, inputDim] → [batch, numClasses]. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    return this.network.apply(x);
  }

  /** Class probabilities (softmax), [batch, numClasses]. */
  predict(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.softmax(this.logits(x)));
  }

  private metrics(x: tf.Tensor2D, y: tf.Tensor2D): { loss: tf.Scalar; accuracy: tf.Scalar } {
    const logits = this.logits(x);
    const loss = tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tf.Scalar;
    const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32')) as tf.Scalar;
    return { loss, accuracy };
  }

  trainStep(batch: Batch, _seed: number): Record<ClassifierMetric, tf.Scalar> {
    const variables = this.network.variables().map(([, v]) => v);
    const { grads, metrics } = computeGradients(variables, () => {
      const m = this.metrics(batch.x, batch.y);
      return { loss: m.loss, metrics: m };
    });
    applyAndDispose(this.optimizer, grads);
    return metrics;
  }

  evaluate(batch: Batch, _seed: number): Record<ClassifierMetric, tf.Scalar> {
    return tf.tidy(() => this.metrics(batch.x, batch.y));
  }

  namedVariables(): ReadonlyMap<string, tf.Variable> {
    return new Map(this.network.variables());
  }

  reinitialize(seed: number): void {
    this.network.reinitialize(seed);
    this.optimizer.reset();
  }

  dispose(): void {
    this.network.dispose();
    this.optimizer.dispose();
  }
}
