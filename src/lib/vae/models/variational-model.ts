/**
 * What the VAE and the conditional VAE share: the encoder/decoder networks of `./variational`,
 * one Adam optimiser, the KL weight β, and the TrainableModel plumbing (train step, evaluation,
 * variables, re-initialisation). The two models differ only in the condition the networks see —
 * none for the VAE, the one-hot label for the CVAE — and in their public signatures.
 */
import type * as tf from '../tf.ts';
import type { Batch } from '../types.ts';
import type { Adam } from './adam.ts';
import type { Model } from './base.ts';
import { allocateVariablePrefix } from './mlp.ts';
import { createAdam } from './group-step.ts';
import type { CvaeSpec, Resolved, VaeSpec } from './spec.ts';
import { assertNonNegative } from './validate.ts';
import { type ElboMetric, VariationalNetworks, variationalTrainStep } from './variational.ts';

export abstract class VariationalModel<S extends Resolved<VaeSpec> | Resolved<CvaeSpec>> implements Model<S> {
  abstract readonly kind: S['kind'];
  /** The loss `total` (reconstruction + β·KL, the β-weighted negative ELBO) that the runaway guard watches (see `TrainableModel.monitoredLoss`). */
  readonly monitoredLoss = 'total';
  protected readonly networks: VariationalNetworks;
  protected readonly architecture: S;
  private readonly optimizer: Adam;
  private currentBeta: number;

  /** `conditionDim` columns are concatenated to the encoder's and the decoder's inputs (0: none). */
  protected constructor(architecture: S, conditionDim: number, seed: number) {
    this.architecture = architecture;
    const { kind, inputDim, hidden, activation, latentDim, likelihood, beta, learningRate } = architecture;
    this.networks = new VariationalNetworks({ prefix: allocateVariablePrefix(kind), inputDim, conditionDim, hidden, activation, latentDim, likelihood }, seed);
    this.currentBeta = beta;
    this.optimizer = createAdam({ learningRate, beta1: 0.9 });
  }

  /** The condition the networks see for a batch: undefined (VAE) or the labels (CVAE). */
  protected abstract condition(batch: Batch): tf.Tensor2D | undefined;

  get spec(): S {
    return { ...this.architecture, beta: this.currentBeta, learningRate: this.optimizer.learningRate };
  }

  get latentDim(): number {
    return this.architecture.latentDim;
  }

  /** The KL weight β used by `trainStep`, `evaluate` and `lossTerms`. */
  get beta(): number {
    return this.currentBeta;
  }

  setBeta(beta: number): void {
    assertNonNegative('beta', beta);
    this.currentBeta = beta;
  }

  setLearningRate(learningRate: number): void {
    this.optimizer.setLearningRate(learningRate);
  }

  trainStep(batch: Batch, seed: number): Record<ElboMetric, tf.Scalar> {
    return variationalTrainStep(this.networks, this.optimizer, batch.x, this.condition(batch), seed, this.currentBeta);
  }

  evaluate(batch: Batch, seed: number): Record<ElboMetric, tf.Scalar> {
    return this.networks.lossTerms(batch.x, this.condition(batch), seed, this.currentBeta);
  }

  namedVariables(): ReadonlyMap<string, tf.Variable> {
    return new Map([...this.networks.encoderVariables(), ...this.networks.decoderVariables()]);
  }

  /** Weights as the constructor draws them for `seed`, and a fresh optimiser state (same learning rate). */
  reinitialize(seed: number): void {
    this.networks.reinitialize(seed);
    this.optimizer.reset();
  }

  dispose(): void {
    this.networks.dispose();
    this.optimizer.dispose();
  }
}
