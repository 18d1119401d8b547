/**
 * `npm run train`: trains the checkpoints the book ships, evaluates them and writes
 * <out>/<name>.json + .bin and <out>/manifest.json (out: public/models unless told otherwise).
 * The command line is train/train.ts; this module does the work.
 *
 * Reproducible: every model has a fixed seed (weights, data order and sampling noise; see
 * `createTrainer`), a documented number of epochs over the full 60,000 training images and a
 * batch size; figures are computed on the full 10,000 test images with fixed seeds.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { useNodeBackend } from '../src/lib/vae/backend-node.ts';
import { applyCheckpoint, checkpointFromModel } from '../src/lib/vae/checkpoint.ts';
import { loadCheckpointFile, saveCheckpointFiles } from '../src/lib/vae/checkpoint-node.ts';
import type { Classifier } from '../src/lib/vae/classifier.ts';
import { batchesPerEpoch } from '../src/lib/vae/data.ts';
import type { MnistData } from '../src/lib/vae/data.ts';
import { loadMnistNode } from '../src/lib/vae/data-node.ts';
import * as tf from '../src/lib/vae/tf.ts';
import { sampleLabels, sampleModel } from '../src/lib/vae/sampling.ts';
import { createTrainer } from '../src/lib/vae/trainer.ts';
import { heldOut, iwaeNll, sampleQuality, SUBSET_METRIC, testImages } from './evaluate.ts';
import type { ShippedModel } from './evaluate.ts';
import { build, SHIPPED, SUBSET } from './shipped.ts';
import type { ShippedSpec } from './shipped.ts';

/** What to train and where to write it (train/train.ts reads them from the command line). */
export interface TrainOptions {
  /** Output folder (manifest, weights). */
  readonly out: string;
  /** Models to train, by manifest name; empty: all of them. */
  readonly only: readonly string[];
  /** Overrides every model's epoch count (a smoke test: 1). */
  readonly epochs: number | undefined;
}

const EVAL_SEED = 20_261_121;
const IWAE_K = 50;
const SAMPLE_COUNT = 1000;

const log = (message: string) => process.stderr.write(`train: ${message}\n`);
const round = (v: number, digits = 4) => Number(v.toFixed(digits));
const roundAll = (r: Record<string, number>, digits = 4) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, digits)]));

interface Entry extends Record<string, unknown> {
  name: string;
}

async function readManifest(out: string): Promise<Entry[]> {
  const path = join(out, 'manifest.json');
  if (!existsSync(path)) return [];
  return (JSON.parse(await readFile(path, 'utf8')) as { models: Entry[] }).models;
}

async function writeEntry(out: string, entry: Entry): Promise<void> {
  const order = SHIPPED.map((m) => m.name);
  const models = [...(await readManifest(out)).filter((e) => e.name !== entry.name), entry].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const manifest = {
    format: 'vae-book/pretrained-models',
    version: 1,
    about:
      'Checkpoints trained by `npm run train` (train/train-models.ts) on the full MNIST training set (60,000 grey-level images). ' +
      'Test figures: full 10,000-image test set unless "count" says otherwise; losses in nats per image (BCE summed over grey-level pixels + KL; not comparable with NLL on binarised MNIST). ' +
      '"quantization" compares the float32 weights with the shipped (quantised) ones; "subset" is the figure the unit test reproduces.',
    models,
  };
  const path = join(out, 'manifest.json');
  await writeFile(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

async function getClassifier(mnist: MnistData, options: TrainOptions): Promise<Classifier> {
  const { out, only } = options;
  const path = join(out, 'classifier.json');
  const def = SHIPPED.find((m) => m.name === 'classifier')!;
  if (!only.length || only.includes('classifier') || !existsSync(path)) {
    if (only.length && !only.includes('classifier')) log('no classifier checkpoint in the output folder: training it first');
    await trainOne(def, mnist, undefined, options);
  }
  const classifier = build(def) as Classifier;
  applyCheckpoint(classifier, await loadCheckpointFile(path));
  return classifier;
}

async function trainOne(def: ShippedSpec, mnist: MnistData, classifier: Classifier | undefined, options: TrainOptions): Promise<void> {
  const { out } = options;
  const epochs = options.epochs ?? def.epochs;
  const model = build(def);
  const spec = model.spec; // as built: the initial learning rate (a schedule lowers it later)
  const stepsPerEpoch = batchesPerEpoch(mnist.train.count, def.batchSize);
  const trainer = createTrainer({ model, data: mnist.train, batchSize: def.batchSize, seed: def.seed, readEvery: 50, snapshotEvery: 10 * stepsPerEpoch });
  log(`${def.name}: ${epochs} epochs × ${stepsPerEpoch} steps, batch ${def.batchSize}, seed ${def.seed}`);
  const start = performance.now();
  const epochLog: Record<string, number>[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const rate = def.learningRateSchedule?.find(([from]) => from === epoch)?.[1];
    if (rate !== undefined && 'setLearningRate' in model) {
      model.setLearningRate(rate);
      log(`${def.name}: learning rate ${rate} from epoch ${epoch}`);
    }
    await trainer.step(stepsPerEpoch);
    if (trainer.status === 'diverged') throw new Error(`${def.name} diverged: ${JSON.stringify(trainer.divergence)}`);
    // Mean of the epoch's read-backs (each a 50-step window mean).
    const records = trainer.history.filter((r) => r.step > (epoch - 1) * stepsPerEpoch);
    const mean = Object.fromEntries(
      Object.keys(records[0]?.values ?? {}).map((k) => [k, records.reduce((a, r) => a + (r.values[k] ?? 0), 0) / records.length]),
    );
    epochLog.push(roundAll(mean, 3));
    const elapsed = (performance.now() - start) / 1000;
    log(
      `${def.name} epoch ${epoch}/${epochs}  ${Object.entries(mean)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join('  ')}  elapsed ${elapsed.toFixed(0)} s`,
    );
  }
  const wallSeconds = (performance.now() - start) / 1000;
  trainer.dispose();

  const evalStart = performance.now();
  const float32 = await heldOut(model, mnist.test, mnist.test.count, EVAL_SEED);
  const float32Samples = classifier && def.spec.kind !== 'autoencoder' && def.spec.kind !== 'classifier' ? await quality(model, classifier, mnist) : undefined;
  const checkpoint = await checkpointFromModel(model, def.dtype, { name: def.name, spec: model.spec, seed: def.seed, epochs });
  const { manifestPath, dataPath } = await saveCheckpointFiles(out, def.name, checkpoint);
  model.dispose();

  // Everything below is measured on the shipped (quantised) weights, loaded back from disk.
  const shipped = build(def);
  applyCheckpoint(shipped, await loadCheckpointFile(manifestPath));
  const test = await heldOut(shipped, mnist.test, mnist.test.count, EVAL_SEED);
  const figures: Record<string, unknown> = { count: mnist.test.count, ...roundAll(test) };
  if (shipped.kind === 'vae' || shipped.kind === 'cvae') {
    log(`${def.name}: IWAE (K = ${IWAE_K}) on ${mnist.test.count} test images`);
    figures['iwae'] = { k: IWAE_K, count: mnist.test.count, nll: round(await iwaeNll(shipped, mnist.test, mnist.test.count, IWAE_K, EVAL_SEED)) };
  }
  const sampleFigures = float32Samples && classifier ? await quality(shipped, classifier, mnist) : undefined;
  const subset = await heldOut(shipped, mnist.test, SUBSET.count, SUBSET.seed);
  const codeStats = shipped.kind === 'autoencoder' ? await codeStatistics(shipped, mnist) : undefined;
  const metric = SUBSET_METRIC[shipped.kind];
  shipped.dispose();
  const { size: bytes } = await import('node:fs/promises').then((fs) => fs.stat(dataPath));

  const entry: Entry = {
    name: def.name,
    title: def.title,
    file: `${def.name}.json`,
    dtype: def.dtype,
    bytes,
    spec,
    seed: def.seed,
    epochs,
    ...(def.learningRateSchedule ? { learningRateSchedule: def.learningRateSchedule } : {}),
    batchSize: def.batchSize,
    steps: epochs * stepsPerEpoch,
    trainImages: mnist.train.count,
    wallSeconds: round(wallSeconds, 1),
    evalSeconds: round((performance.now() - evalStart) / 1000, 1),
    backend: tf.getBackend(),
    runtime: `node ${process.version}, ${cpus().length} cores (shared)`,
    date: new Date().toISOString(),
    trainLog: epochLog,
    test: figures,
    quantization: {
      dtype: def.dtype,
      float32: roundAll(float32),
      shipped: roundAll(test),
      ...(float32Samples ? { float32Samples, shippedSamples: sampleFigures } : {}),
    },
    ...(sampleFigures ? { samples: sampleFigures } : {}),
    subset: { count: SUBSET.count, seed: SUBSET.seed, metric, value: round(subset[metric] ?? Number.NaN) },
    ...(codeStats ? { codeStats } : {}),
  };
  if (def.name === 'classifier') {
    const x = testImages(mnist.test, SAMPLE_COUNT);
    const clf = build(def) as Classifier;
    applyCheckpoint(clf, await loadCheckpointFile(manifestPath));
    entry['realImages'] = await sampleQualityRounded(clf, x, mnist);
    tf.dispose([x]);
    clf.dispose();
  }
  await writeEntry(out, entry);
  log(
    `${def.name}: wrote ${manifestPath} (${bytes} bytes of ${def.dtype}), test ${JSON.stringify(figures)}${sampleFigures ? `, samples ${JSON.stringify(sampleFigures)}` : ''}`,
  );
}

async function sampleQualityRounded(classifier: Classifier, x: tf.Tensor2D, mnist: MnistData, labels?: readonly number[]) {
  const q = await sampleQuality(classifier, x, mnist.train, labels);
  return {
    ...q,
    meanMaxProb: round(q.meanMaxProb),
    labelEntropy: round(q.labelEntropy),
    nnDistance: round(q.nnDistance),
    ...(q.accuracy === undefined ? {} : { accuracy: round(q.accuracy) }),
  };
}

/**
 * The autoencoder has no prior: the mean and standard deviation of its codes over the test set,
 * so that a page can draw codes z ~ N(mean, diag(std²)) and decode them.
 */
async function codeStatistics(model: ShippedModel, mnist: MnistData) {
  if (model.kind !== 'autoencoder') throw new Error('codes of an autoencoder only');
  const x = testImages(mnist.test, mnist.test.count);
  const { mean, variance } = tf.tidy(() => tf.moments(model.encode(x), 0));
  const [m, v] = await Promise.all([mean.data(), variance.data()]);
  tf.dispose([x, mean, variance]);
  return { mean: [...m].map((a) => round(a)), std: [...v].map((a) => round(Math.sqrt(a))) };
}

/** Classifier figures of 1,000 samples, drawn as the pages draw them (the CVAE: labels 0…9 in turn, 100 each). */
async function quality(model: ShippedModel, classifier: Classifier, mnist: MnistData) {
  if (model.kind === 'classifier' || model.kind === 'autoencoder') throw new Error(`${model.kind} has no prior to sample`);
  const labels = model.kind === 'cvae' ? sampleLabels(SAMPLE_COUNT, model.numClasses) : undefined;
  const x = sampleModel(model, SAMPLE_COUNT, EVAL_SEED);
  const q = await sampleQualityRounded(classifier, x, mnist, labels);
  x.dispose();
  return q;
}

/**
 * Trains, evaluates and writes the chosen models (the classifier first when others need it).
 * `prepareData` makes sure the MNIST assets exist (scripts/prepare-data.ts; injected so that this
 * module does not depend on the scripts folder).
 */
export async function trainModels(given: TrainOptions, prepareData: () => Promise<unknown>): Promise<void> {
  const options = { ...given, out: resolve(given.out) };
  const { out, only } = options;
  const unknown = only.filter((n) => !SHIPPED.some((m) => m.name === n));
  if (unknown.length) throw new RangeError(`unknown model(s) ${unknown.join(', ')}; choose from ${SHIPPED.map((m) => m.name).join(', ')}`);
  const chosen = SHIPPED.filter((m) => !only.length || only.includes(m.name));
  await prepareData();
  const backend = await useNodeBackend();
  const mnist = await loadMnistNode();
  log(`backend ${backend}, ${mnist.train.count} training and ${mnist.test.count} test images, output ${out}`);
  const needsClassifier = chosen.some((m) => m.name !== 'classifier' && m.spec.kind !== 'autoencoder');
  const classifier = needsClassifier || chosen.some((m) => m.name === 'classifier') ? await getClassifier(mnist, options) : undefined;
  for (const def of chosen) {
    if (def.name === 'classifier') continue;
    await trainOne(def, mnist, classifier, options);
  }
  classifier?.dispose();
}
