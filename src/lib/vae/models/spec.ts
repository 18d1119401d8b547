/**
 * Serialisable model specifications: plain JSON objects that fully describe a model's
 * architecture and hyper-parameters (not its weights). `createModel(spec, seed)` in `./index`
 * builds a model from one; `model.spec` gives the resolved spec (all defaults filled in, current
 * β and learning rate), so a model can be rebuilt elsewhere — e.g. on another backend after a
 * WebGL context loss — and receive a weight snapshot (`../weights`).
 *
 * Defaults follow the classic MNIST VAE (Kingma & Welling 2014; PyTorch's example): one hidden
 * layer of 400 ReLU units, a 20-D latent space (use 2 for latent-space plots), a Bernoulli
 * likelihood on grey levels, Adam with learning rate 1e-3. The adversarial models use Adam with
 * β₁ = 0.5 and learning rate 2e-4 (Radford et al. 2016) and leaky-ReLU discriminators.
 */
import { IMAGE_SIZE, NUM_CLASSES } from '../types.ts';
import type { Likelihood } from '../types.ts';
import type { HiddenActivation } from './mlp.ts';
import { assertNonNegative, assertPositive, assertPositiveInteger } from './validate.ts';

/** Fields every encoder/decoder model shares. */
interface EncoderDecoderSpec {
  /** Input width. Default 784 (MNIST). */
  readonly inputDim?: number;
  /** Hidden layer widths of the encoder; the decoder mirrors them. Default [400]. */
  readonly hidden?: readonly number[];
  /** Hidden-layer activation. Default 'relu'. */
  readonly activation?: HiddenActivation;
  /** Latent (code) dimension. Default 20; 2 for latent-space plots. */
  readonly latentDim?: number;
  /** Adam learning rate. Default 1e-3 (2e-4 for the VAE-GAN). */
  readonly learningRate?: number;
}

/** A deterministic autoencoder x → code → x̂, optionally denoising. */
export interface AutoencoderSpec extends EncoderDecoderSpec {
  readonly kind: 'autoencoder';
  /**
   * Reconstruction loss per image, averaged over the batch. 'bce': binary cross-entropy summed
   * over pixels (from logits, stable); 'mse': squared error of the sigmoid output summed over
   * pixels. Default 'bce'.
   */
  readonly loss?: 'bce' | 'mse';
  /**
   * Corruption level of the denoising autoencoder; 0 (default) turns denoising off. For
   * 'gaussian' corruption it is the noise's standard deviation, for 'mask' the probability
   * that a pixel is set to 0.
   */
  readonly noise?: number;
  /** How the input is corrupted when `noise` > 0. Default 'gaussian'. */
  readonly corruption?: 'gaussian' | 'mask';
}

/** Fields of the VAE and the conditional VAE. */
interface VariationalSpec extends EncoderDecoderSpec {
  /** Pixel likelihood p(x|z). Default { kind: 'bernoulli' }. */
  readonly likelihood?: Likelihood;
  /** Weight β of the KL term (β-VAE); 1 is the ELBO. Default 1. */
  readonly beta?: number;
}

/** A VAE (Kingma & Welling 2014) with a diagonal-Gaussian encoder and a standard-normal prior. */
export interface VaeSpec extends VariationalSpec {
  readonly kind: 'vae';
}

/** A conditional VAE: the one-hot label is concatenated to the encoder's and the decoder's input. */
export interface CvaeSpec extends VariationalSpec {
  readonly kind: 'cvae';
  /** Number of classes of the one-hot condition. Default 10. */
  readonly numClasses?: number;
}

/** A GAN (Goodfellow et al. 2014) of two MLPs. */
export interface GanSpec {
  readonly kind: 'gan';
  /** Data width: 784 for MNIST, 2 for toy 2-D distributions. Default 784. */
  readonly dataDim?: number;
  /** Noise dimension of the generator's input z ~ N(0, I). Default 20. */
  readonly latentDim?: number;
  /** Generator hidden widths. Default [400]. */
  readonly generatorHidden?: readonly number[];
  /** Discriminator hidden widths. Default [400]. */
  readonly discriminatorHidden?: readonly number[];
  /** Hidden activation of both networks. Default 'leakyRelu' (slope 0.2). */
  readonly activation?: HiddenActivation;
  /** Generator output: 'sigmoid' for pixels in [0, 1], 'linear' for unbounded toy data. Default 'sigmoid'. */
  readonly outputActivation?: 'sigmoid' | 'linear';
  /** 'minimax' minimises E log(1 − D(G(z))); 'non-saturating' maximises E log D(G(z)). Default 'non-saturating'. */
  readonly generatorLoss?: 'minimax' | 'non-saturating';
  /** Discriminator updates k per generator update. Default 1. */
  readonly discriminatorSteps?: number;
  /** Adam learning rate of both networks. Default 2e-4. */
  readonly learningRate?: number;
  /** Adam β₁ of both networks. Default 0.5. */
  readonly beta1?: number;
}

/** A VAE-GAN after Larsen et al. 2016 (see `./vaegan` for the simplification). */
export interface VaeGanSpec extends VariationalSpec {
  readonly kind: 'vaegan';
  /** Discriminator hidden widths (leaky ReLU). Default [400]. */
  readonly discriminatorHidden?: readonly number[];
  /** Weight γ of the reconstruction term in the decoder's loss. Default 1. */
  readonly gamma?: number;
  /** Adam β₁ of all three networks. Default 0.5. */
  readonly beta1?: number;
}

/** Any model specification; `kind` selects the model. */
export type ModelSpec = AutoencoderSpec | VaeSpec | CvaeSpec | GanSpec | VaeGanSpec;

/** The model kinds. */
export type ModelKind = ModelSpec['kind'];

/** A spec with every default filled in. */
export type Resolved<S> = { readonly [K in keyof S]-?: Exclude<S[K], undefined> };

export const DEFAULT_HIDDEN: readonly number[] = [400];
export const DEFAULT_LATENT_DIM = 20;
export const DEFAULT_LEARNING_RATE = 1e-3;
export const DEFAULT_ADVERSARIAL_LEARNING_RATE = 2e-4;
export const DEFAULT_ADVERSARIAL_BETA1 = 0.5;
export const DEFAULT_LIKELIHOOD: Likelihood = { kind: 'bernoulli' };

function assertWidths(name: string, values: readonly number[]): void {
  values.forEach((v, i) => assertPositiveInteger(`${name}[${i}]`, v));
}

function resolveEncoderDecoder(spec: EncoderDecoderSpec, learningRate: number): Resolved<EncoderDecoderSpec> {
  const resolved = {
    inputDim: spec.inputDim ?? IMAGE_SIZE,
    hidden: [...(spec.hidden ?? DEFAULT_HIDDEN)],
    activation: spec.activation ?? 'relu',
    latentDim: spec.latentDim ?? DEFAULT_LATENT_DIM,
    learningRate: spec.learningRate ?? learningRate,
  };
  assertPositiveInteger('inputDim', resolved.inputDim);
  assertWidths('hidden', resolved.hidden);
  assertPositiveInteger('latentDim', resolved.latentDim);
  assertPositive('learningRate', resolved.learningRate);
  return resolved;
}

function resolveLikelihood(likelihood: Likelihood | undefined): Likelihood {
  const l = likelihood ?? DEFAULT_LIKELIHOOD;
  if (l.kind === 'gaussian') assertPositive('likelihood.sigma', l.sigma);
  return { ...l };
}

function resolveVariational(spec: VariationalSpec, learningRate: number): Resolved<VariationalSpec> {
  const resolved = {
    ...resolveEncoderDecoder(spec, learningRate),
    likelihood: resolveLikelihood(spec.likelihood),
    beta: spec.beta ?? 1,
  };
  assertNonNegative('beta', resolved.beta);
  return resolved;
}

export function resolveAutoencoderSpec(spec: AutoencoderSpec): Resolved<AutoencoderSpec> {
  const resolved = {
    kind: spec.kind,
    ...resolveEncoderDecoder(spec, DEFAULT_LEARNING_RATE),
    loss: spec.loss ?? 'bce',
    noise: spec.noise ?? 0,
    corruption: spec.corruption ?? 'gaussian',
  } as const;
  assertNonNegative('noise', resolved.noise);
  if (resolved.corruption === 'mask' && resolved.noise >= 1) throw new RangeError(`a masking noise level must be < 1, got ${resolved.noise}`);
  return resolved;
}

export function resolveVaeSpec(spec: VaeSpec): Resolved<VaeSpec> {
  return { kind: spec.kind, ...resolveVariational(spec, DEFAULT_LEARNING_RATE) };
}

export function resolveCvaeSpec(spec: CvaeSpec): Resolved<CvaeSpec> {
  const resolved = { kind: spec.kind, ...resolveVariational(spec, DEFAULT_LEARNING_RATE), numClasses: spec.numClasses ?? NUM_CLASSES };
  assertPositiveInteger('numClasses', resolved.numClasses);
  return resolved;
}

export function resolveGanSpec(spec: GanSpec): Resolved<GanSpec> {
  const resolved = {
    kind: spec.kind,
    dataDim: spec.dataDim ?? IMAGE_SIZE,
    latentDim: spec.latentDim ?? DEFAULT_LATENT_DIM,
    generatorHidden: [...(spec.generatorHidden ?? DEFAULT_HIDDEN)],
    discriminatorHidden: [...(spec.discriminatorHidden ?? DEFAULT_HIDDEN)],
    activation: spec.activation ?? 'leakyRelu',
    outputActivation: spec.outputActivation ?? 'sigmoid',
    generatorLoss: spec.generatorLoss ?? 'non-saturating',
    discriminatorSteps: spec.discriminatorSteps ?? 1,
    learningRate: spec.learningRate ?? DEFAULT_ADVERSARIAL_LEARNING_RATE,
    beta1: spec.beta1 ?? DEFAULT_ADVERSARIAL_BETA1,
  } as const;
  assertPositiveInteger('dataDim', resolved.dataDim);
  assertPositiveInteger('latentDim', resolved.latentDim);
  assertWidths('generatorHidden', resolved.generatorHidden);
  assertWidths('discriminatorHidden', resolved.discriminatorHidden);
  assertPositiveInteger('discriminatorSteps', resolved.discriminatorSteps);
  assertPositive('learningRate', resolved.learningRate);
  assertBeta1(resolved.beta1);
  return resolved;
}

export function resolveVaeGanSpec(spec: VaeGanSpec): Resolved<VaeGanSpec> {
  const resolved = {
    kind: spec.kind,
    ...resolveVariational(spec, DEFAULT_ADVERSARIAL_LEARNING_RATE),
    discriminatorHidden: [...(spec.discriminatorHidden ?? DEFAULT_HIDDEN)],
    gamma: spec.gamma ?? 1,
    beta1: spec.beta1 ?? DEFAULT_ADVERSARIAL_BETA1,
  };
  assertWidths('discriminatorHidden', resolved.discriminatorHidden);
  assertNonNegative('gamma', resolved.gamma);
  assertBeta1(resolved.beta1);
  return resolved;
}

function assertBeta1(beta1: number): void {
  if (!(beta1 >= 0 && beta1 < 1)) throw new RangeError(`beta1 must lie in [0, 1), got ${beta1}`);
}
