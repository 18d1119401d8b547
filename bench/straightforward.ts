/**
 * The reference the library is measured against: the same VAE written the way the TensorFlow.js
 * guides write one, with plain ops (`tf.matMul`, `tf.add`, `tf.relu`, …), automatic
 * differentiation and `optimizer.minimize` — no custom gradients, no fused kernels.
 * (@tensorflow/tfjs-layers is not a dependency; a `tf.layers.dense` model computes the same ops.)
 *
 * Network: x → 400 ReLU → (μ, log σ²) ∈ ℝ^J → z = μ + σ ⊙ ε → 400 ReLU → 784 logits; loss:
 * grey-level binary cross-entropy summed over pixels plus the closed-form KL, averaged over the
 * batch; Adam. Initialisation as in the library (He-uniform for ReLU layers, Glorot otherwise).
 */
import * as tf from '../src/lib/vae/tf.ts';

interface Dense {
  w: tf.Variable;
  b: tf.Variable;
}

function dense(inputs: number, units: number, relu: boolean, seed: number): Dense {
  const limit = relu ? Math.sqrt(6 / inputs) : Math.sqrt(6 / (inputs + units));
  return tf.tidy(() => ({
    w: tf.variable(tf.randomUniform([inputs, units], -limit, limit, 'float32', seed)),
    b: tf.variable(tf.zeros([units])),
  }));
}

export interface StraightforwardVaeOptions {
  readonly inputDim?: number;
  readonly hidden?: number;
  readonly latentDim?: number;
  readonly learningRate?: number;
}

export class StraightforwardVae {
  private readonly layers: Dense[];
  private readonly optimizer: tf.AdamOptimizer;

  constructor(seed: number, { inputDim = 784, hidden = 400, latentDim = 20, learningRate = 1e-3 }: StraightforwardVaeOptions = {}) {
    this.layers = [
      dense(inputDim, hidden, true, seed + 1),
      dense(hidden, latentDim, false, seed + 2),
      dense(hidden, latentDim, false, seed + 3),
      dense(latentDim, hidden, true, seed + 4),
      dense(hidden, inputDim, false, seed + 5),
    ];
    this.optimizer = tf.train.adam(learningRate);
  }

  /** One Adam step on the negative ELBO of batch x [batch, 784]; returns the loss (caller disposes). */
  step(x: tf.Tensor2D, seed: number): tf.Scalar {
    const [enc, mu, lv, dec, out] = this.layers as [Dense, Dense, Dense, Dense, Dense];
    // Computed as written, with automatic differentiation through every op.
    const loss = () => {
      const h = tf.relu(tf.add(tf.matMul(x, enc.w), enc.b));
      const mean = tf.add(tf.matMul(h, mu.w), mu.b);
      const logVar = tf.add(tf.matMul(h, lv.w), lv.b);
      const epsilon = tf.randomNormal(mean.shape, 0, 1, 'float32', seed + 1);
      const z = tf.add(mean, tf.mul(tf.exp(tf.mul(logVar, 0.5)), epsilon));
      const h2 = tf.relu(tf.add(tf.matMul(z, dec.w), dec.b));
      const logits = tf.add(tf.matMul(h2, out.w), out.b);
      const reconstruction = tf.neg(tf.mean(tf.sum(tf.sub(tf.mul(x, logits), tf.softplus(logits)), 1)));
      const kl = tf.mean(tf.mul(tf.sum(tf.sub(tf.add(tf.square(mean), tf.exp(logVar)), tf.add(logVar, 1)), 1), 0.5));
      return tf.add(reconstruction, kl) as tf.Scalar;
    };
    return this.optimizer.minimize(
      loss,
      true,
      this.layers.flatMap(({ w, b }) => [w, b]),
    ) as tf.Scalar;
  }

  dispose(): void {
    this.optimizer.dispose();
    for (const { w, b } of this.layers) tf.dispose([w, b]);
  }
}
