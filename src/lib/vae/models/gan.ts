/**
 * A generative adversarial network (Goodfellow et al. 2014) of two MLPs:
 *
 *   generator      G: z ~ N(0, I) [batch, latentDim] → x [batch, dataDim] (sigmoid or linear)
 *   discriminator  D: x → logit t [batch, 1], D(x) = σ(t) = P(x is real)
 *
 * One `trainStep` is Algorithm 1 of the paper: k = `discriminatorSteps` updates of D, then one
 * update of G. The k discriminator updates use k disjoint real minibatches cut from the given
 * batch (contiguous chunks whose sizes differ by at most one; the batch is already shuffled), each
 * against as many fresh generator samples; so for k > 1 hand the trainer a batch k times the
 * desired discriminator batch. The generator update draws a full batch of fresh noise.
 * Both networks use Adam with β₁ = 0.5 by default (Radford et al. 2016).
 *
 * Metrics: `discriminator` (D's loss, mean over the k updates), `generator` (G's loss, see
 * `generatorLoss` — negative for 'minimax'), `dReal` = mean D(x) over the real data (mean over
 * the k updates), `dFake` = mean D(G(z)) at the generator update. All are evaluated before the
 * update they belong to. At D's optimum for a perfect G, dReal = dFake = ½ and the
 * discriminator loss is 2 log 2 ≈ 1.386.
 *
 * The learning rate, the generator loss and k can be changed between steps (`setLearningRate`,
 * `setGeneratorLoss`, `setDiscriminatorSteps`); `spec` reports the current values.
 *
 * Works for MNIST (dataDim 784, sigmoid output) and for 2-D toy data (dataDim 2, linear output;
 * `Batch.y` is ignored, so any [batch, n] tensor will do there).
 * Stable variable names: generator.0 …, discriminator.0 ….
 */
import { tfSeed } from '../seed.ts';
import * as tf from '../tf.ts';
import type { Batch } from '../types.ts';
import { discriminatorLoss, generatorLoss, meanProbability } from './adversarial.ts';
import type { GeneratorLoss } from './adversarial.ts';
import type { Model } from './base.ts';
import { allocateVariablePrefix, Mlp } from './mlp.ts';
import { applyAndDispose, computeGradients, createAdam } from './group-step.ts';
import type { Adam } from './adam.ts';
import { resolveGanSpec } from './spec.ts';
import type { GanSpec, Resolved } from './spec.ts';
import { deriveSeeds } from './seeds.ts';

export type GanMetric = 'discriminator' | 'generator' | 'dReal' | 'dFake';

/** Sizes of k contiguous chunks of n rows, differing by at most one (the first ones larger). */
function chunkSizes(n: number, k: number): number[] {
  const base = Math.floor(n / k);
  return Array.from({ length: k }, (_, i) => base + (i < n % k ? 1 : 0));
}

export class Gan implements Model<Resolved<GanSpec>> {
  readonly kind = 'gan';
  private architecture: Resolved<GanSpec>;
  private readonly generator: Mlp;
  private readonly discriminator: Mlp;
  private readonly generatorOptimizer: Adam;
  private readonly discriminatorOptimizer: Adam;

  constructor(spec: GanSpec, seed: number) {
    this.architecture = resolveGanSpec(spec);
    const { dataDim, latentDim, generatorHidden, discriminatorHidden, activation, outputActivation, learningRate } = this.architecture;
    const prefix = allocateVariablePrefix('gan');
    const [generatorSeed = 1, discriminatorSeed = 1] = deriveSeeds(seed, 2);
    this.generator = new Mlp(prefix, 'generator', latentDim, generatorHidden, activation, { units: dataDim, activation: outputActivation }, generatorSeed);
    this.discriminator = new Mlp(prefix, 'discriminator', dataDim, discriminatorHidden, activation, { units: 1, activation: 'linear' }, discriminatorSeed);
    this.generatorOptimizer = this.createOptimizer(learningRate);
    this.discriminatorOptimizer = this.createOptimizer(learningRate);
  }

  get spec(): Resolved<GanSpec> {
    return { ...this.architecture, learningRate: this.generatorOptimizer.learningRate };
  }

  get latentDim(): number {
    return this.architecture.latentDim;
  }

  setLearningRate(learningRate: number): void {
    this.generatorOptimizer.setLearningRate(learningRate);
    this.discriminatorOptimizer.setLearningRate(learningRate);
  }

  /**
   * Switches the generator's loss for the following steps (e.g. to compare the two in one run).
   * `spec` reports the new choice, so a model rebuilt from it trains on the same way.
   */
  setGeneratorLoss(kind: GeneratorLoss): void {
    this.architecture = resolveGanSpec({ ...this.architecture, generatorLoss: kind });
  }

  /** Sets k, the discriminator updates per generator update, for the following steps (see `trainStep`). */
  setDiscriminatorSteps(k: number): void {
    this.architecture = resolveGanSpec({ ...this.architecture, discriminatorSteps: k });
  }

  /** G(z): z [batch, latentDim] → [batch, dataDim]. */
  generate(z: tf.Tensor2D): tf.Tensor2D {
    return this.generator.apply(z);
  }

  /** n samples G(z), z ~ N(0, I) drawn from `seed`. [n, dataDim] */
  sample(n: number, seed: number): tf.Tensor2D {
    return tf.tidy(() => this.generate(this.noise(n, seed)));
  }

  /** The discriminator's logits t(x): x [batch, dataDim] → [batch, 1]. */
  discriminatorLogits(x: tf.Tensor2D): tf.Tensor2D {
    return this.discriminator.apply(x);
  }

  /** D(x) = P(real | x) in (0, 1), e.g. over a grid of 2-D points for a heat map. [batch] */
  discriminate(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.reshape(tf.sigmoid(this.discriminatorLogits(x)), [x.shape[0]]) as tf.Tensor1D);
  }

  trainStep(batch: Batch, seed: number): Record<GanMetric, tf.Scalar> {
    const k = this.architecture.discriminatorSteps;
    const [n] = batch.x.shape;
    if (n < k) throw new RangeError(`A batch of ${n} cannot be split into ${k} discriminator batches`);
    const seeds = deriveSeeds(seed, k + 1);
    const discriminatorVariables = this.variablesOf(this.discriminator);
    const generatorVariables = this.variablesOf(this.generator);

    const chunks = k === 1 ? [tf.clone(batch.x)] : (tf.split(batch.x, chunkSizes(n, k), 0) as tf.Tensor2D[]);
    const perStep = chunks.map((real, i) => {
      const { grads, metrics } = computeGradients(discriminatorVariables, () => {
        const realLogits = this.discriminatorLogits(real);
        const fakeLogits = this.discriminatorLogits(this.sample(real.shape[0], seeds[i] ?? 1));
        const loss = discriminatorLoss(realLogits, [fakeLogits]);
        return { loss, metrics: { discriminator: loss, dReal: meanProbability(realLogits) } };
      });
      applyAndDispose(this.discriminatorOptimizer, grads);
      real.dispose();
      return metrics;
    });

    const { grads, metrics } = computeGradients(generatorVariables, () => {
      const fakeLogits = this.discriminatorLogits(this.sample(n, seeds[k] ?? 1));
      const loss = generatorLoss(fakeLogits, this.architecture.generatorLoss);
      return { loss, metrics: { generator: loss, dFake: meanProbability(fakeLogits) } };
    });
    applyAndDispose(this.generatorOptimizer, grads);

    const result = tf.tidy(() => ({
      discriminator: tf.mean(tf.stack(perStep.map((m) => m.discriminator))) as tf.Scalar,
      dReal: tf.mean(tf.stack(perStep.map((m) => m.dReal))) as tf.Scalar,
    }));
    tf.dispose(perStep.flatMap((m) => [m.discriminator, m.dReal]));
    return { ...result, ...metrics };
  }

  /** The same metrics on `batch` against G(z) for a batch of noise drawn from `seed`; no update. */
  evaluate(batch: Batch, seed: number): Record<GanMetric, tf.Scalar> {
    return tf.tidy(() => {
      const realLogits = this.discriminatorLogits(batch.x);
      const fakeLogits = this.discriminatorLogits(this.sample(batch.x.shape[0], seed));
      return {
        discriminator: discriminatorLoss(realLogits, [fakeLogits]),
        generator: generatorLoss(fakeLogits, this.architecture.generatorLoss),
        dReal: meanProbability(realLogits),
        dFake: meanProbability(fakeLogits),
      };
    });
  }

  namedVariables(): ReadonlyMap<string, tf.Variable> {
    return new Map([...this.generator.variables(), ...this.discriminator.variables()]);
  }

  /** Weights as the constructor draws them for `seed`, and fresh optimiser states (same learning rate). */
  reinitialize(seed: number): void {
    const [generatorSeed = 1, discriminatorSeed = 1] = deriveSeeds(seed, 2);
    this.generator.reinitialize(generatorSeed);
    this.discriminator.reinitialize(discriminatorSeed);
    this.generatorOptimizer.reset();
    this.discriminatorOptimizer.reset();
  }

  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
  }

  private noise(n: number, seed: number): tf.Tensor2D {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`n must be a positive integer, got ${n}`);
    const [s = 1] = deriveSeeds(seed, 1);
    return tf.randomNormal([n, this.architecture.latentDim], 0, 1, 'float32', tfSeed(s));
  }

  private variablesOf(network: Mlp): tf.Variable[] {
    return network.variables().map(([, v]) => v);
  }

  private createOptimizer(learningRate: number): Adam {
    return createAdam({ learningRate, beta1: this.architecture.beta1 });
  }
}
