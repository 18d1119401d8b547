/**
 * `npm run bench`, Node part: figures (a)–(d) on the WASM backend, called by bench/bench.ts (the
 * command line) with its settings. Each figure is handed to `emit` as one object (one JSON line).
 */
import { useNodeBackend } from '../src/lib/vae/backend-node.ts';
import { batchesPerEpoch } from '../src/lib/vae/data.ts';
import { makeBatch } from '../src/lib/vae/batch.ts';
import { loadMnistNode } from '../src/lib/vae/data-node.ts';
import { createModel } from '../src/lib/vae/models/index.ts';
import * as tf from '../src/lib/vae/tf.ts';
import { createTrainer } from '../src/lib/vae/trainer.ts';
import { BATCH_SIZE, compareSteps, decodeLatency, NETWORK } from './measure.ts';

export interface NodeBenchOptions {
  /** Interleaved rounds of figures (a) and (b). */
  readonly rounds: number;
  /** Training budget of figure (c) in steps of BATCH_SIZE images; 0 skips it. */
  readonly steps: number;
  /** Seed of the models, the data order and the noise. */
  readonly seed: number;
  /** Receives each figure. */
  readonly emit: (figure: Record<string, unknown>) => void;
  /** Receives progress lines. */
  readonly progress: (message: string) => void;
}

/** The default budget of figure (c): one epoch of the 60,000 training images. */
export const ONE_EPOCH = batchesPerEpoch(60_000, BATCH_SIZE);

export async function nodeFigures({ rounds, steps, seed, emit, progress }: NodeBenchOptions): Promise<void> {
  const backend = await useNodeBackend();
  const context = { runtime: `node ${process.version}`, backend, batch: BATCH_SIZE, network: '784-400-20-400-784 relu, Adam 1e-3' };
  const mnist = await loadMnistNode(steps > 0 ? {} : { trainCount: 1280, testCount: 1 });

  progress(`(a)+(b) step time and matmul floor, ${rounds} interleaved rounds`);
  const batches = Array.from({ length: 10 }, (_, j) =>
    makeBatch(
      mnist.train,
      Array.from({ length: BATCH_SIZE }, (_, i) => j * BATCH_SIZE + i),
    ),
  );
  const { step, floor } = await compareSteps({
    batches,
    rounds,
    libraryBlock: 8,
    straightforwardBlock: 2,
    timing: 'per-step',
    warmup: 3,
    matmulRepeats: 3,
    seed,
  });
  tf.dispose(batches.flatMap((b) => [b.x, b.y]));
  emit({ figure: 'a: training step, library vs straightforward TensorFlow.js', ...context, ...step });
  emit({ figure: 'b: plain matmul throughput and the arithmetic floor of a step', ...context, ...floor, target: 1.6 });

  if (steps > 0) {
    progress(`(c) training the 20-D VAE for ${steps} steps`);
    emit({ figure: 'c: test-set loss after a fixed training budget', ...context, ...(await testLoss(mnist, steps, seed)) });
  }

  progress('(d) decode latency of the 2-D VAE');
  emit({ figure: 'd: decode latency, 2-D VAE decoder, warm', ...context, ...(await decodeLatency(50)) });
}

/**
 * (c) Trains the library's 20-D VAE with the step-wise trainer (seeded data order and noise,
 * grey-level pixels) and evaluates the negative ELBO (BCE summed over pixels + KL, one
 * posterior sample per image, seeded) on the 10,000 test images.
 */
async function testLoss(mnist: Awaited<ReturnType<typeof loadMnistNode>>, steps: number, seed: number) {
  const model = createModel({ kind: 'vae', hidden: [NETWORK.hidden], latentDim: NETWORK.latentDim, learningRate: NETWORK.learningRate }, seed);
  const trainer = createTrainer({ model, data: mnist.train, batchSize: BATCH_SIZE, seed, readEvery: 50 });
  const start = performance.now();
  await trainer.step(steps);
  const trainSeconds = (performance.now() - start) / 1000;
  const sums = { reconstruction: 0, kl: 0, total: 0 };
  const chunk = 500;
  for (let first = 0; first < mnist.test.count; first += chunk) {
    const indices = Array.from({ length: Math.min(chunk, mnist.test.count - first) }, (_, i) => first + i);
    const batch = makeBatch(mnist.test, indices);
    const terms = model.lossTerms(batch.x, 1000 + first);
    const [reconstruction = Number.NaN, kl = Number.NaN, total = Number.NaN] = await Promise.all(
      [terms.reconstruction, terms.kl, terms.total].map(async (t) => (await t.data())[0]),
    );
    sums.reconstruction += reconstruction * indices.length;
    sums.kl += kl * indices.length;
    sums.total += total * indices.length;
    tf.dispose([batch.x, batch.y, terms.reconstruction, terms.kl, terms.total]);
  }
  const n = mnist.test.count;
  const round = (x: number) => Math.round(x * 100) / 100;
  const result = {
    testNats: round(sums.total / n),
    reconstructionNats: round(sums.reconstruction / n),
    klNats: round(sums.kl / n),
    // The trainer's last read-back window (every 50 steps): its mean training loss and last step.
    trainLastWindow: { step: trainer.latest?.step ?? 0, nats: round(trainer.latest?.values['total'] ?? Number.NaN) },
    steps: trainer.stepCount,
    epochs: Math.round((trainer.stepCount / batchesPerEpoch(mnist.train.count, BATCH_SIZE)) * 100) / 100,
    trainSeconds: Math.round(trainSeconds * 10) / 10,
    trainImages: mnist.train.count,
    testImages: n,
    seed,
    loss: 'grey-level BCE summed over 784 pixels + KL, per image, one posterior sample',
  };
  trainer.dispose();
  model.dispose();
  return result;
}
