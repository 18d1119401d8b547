/**
 * The pretrained checkpoints shipped in `public/models/` (written by `npm run train`): the
 * manifest's entries, and a model of the library built in the page's model worker from an entry's
 * spec with the shipped weights applied.
 */
import { AssetError } from '../../lib/vae/asset-error.ts';
import type { Checkpoint } from '../../lib/vae/checkpoint.ts';
import type { ClassifierSpec } from '../../lib/vae/classifier.ts';
import type { ModelKind, ModelSpec } from '../../lib/vae/models/index.ts';
import type { CodeStats } from '../../lib/vae/sampling.ts';
import { fetchCheckpoint } from '../../lib/vae/shipped-weights.ts';
import { modelHost, newModelId } from '../model-worker/client.ts';
import { RemoteModel } from '../model-worker/remote-model.ts';
import { pageBackend, siteBase } from './page-resources.ts';

/** One model of `public/models/manifest.json` (the fields the widgets read). */
export interface PretrainedEntry {
  readonly name: string;
  readonly title: string;
  readonly file: string;
  readonly dtype: string;
  readonly bytes: number;
  readonly spec: ModelSpec | ClassifierSpec;
  readonly seed: number;
  readonly epochs: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly trainImages: number;
  readonly wallSeconds: number;
  readonly backend: string;
  readonly test: {
    readonly count?: number;
    readonly loss?: number;
    readonly reconstruction?: number;
    readonly kl?: number;
    readonly accuracy?: number;
    readonly dReal?: number;
    readonly iwae?: { readonly k: number; readonly nll: number };
  };
  readonly samples?: {
    readonly meanMaxProb: number;
    readonly labelEntropy: number;
    readonly accuracy?: number;
    /** Mean Euclidean distance (pixel space) from a sample to its nearest training image. */
    readonly nnDistance?: number;
  };
  readonly codeStats?: CodeStats;
}

export function modelsBase(): string {
  return `${siteBase()}models/`;
}

let manifest: Promise<readonly PretrainedEntry[]> | undefined;

/** The manifest's entries, fetched once per page. */
export function pretrainedManifest(): Promise<readonly PretrainedEntry[]> {
  if (manifest === undefined) {
    const url = `${modelsBase()}manifest.json`;
    manifest = fetch(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}.`);
        const models = ((await response.json()) as { models?: PretrainedEntry[] }).models;
        if (!Array.isArray(models)) throw new Error(`${url} has no "models" list.`);
        return models;
      })
      .catch((error: unknown) => {
        // Network, HTTP or a damaged file: the reader sees "could not download", the console the detail.
        throw new AssetError('weights', `${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
    manifest.catch(() => (manifest = undefined));
  }
  return manifest;
}

/** The manifest entry called `name`; throws if there is none. */
export async function pretrainedEntry(name: string): Promise<PretrainedEntry> {
  const entry = (await pretrainedManifest()).find((candidate) => candidate.name === name);
  if (entry === undefined) throw new Error(`No pretrained model "${name}" in ${modelsBase()}manifest.json.`);
  return entry;
}

/** The shipped weights of `entry`. */
export function pretrainedCheckpoint(entry: Pick<PretrainedEntry, 'file'>): Promise<Checkpoint> {
  return fetchCheckpoint(`${modelsBase()}${entry.file}`);
}

/**
 * The pretrained model `name` of kind `kind` (a model kind, or 'classifier'), built in the page's
 * model worker with its shipped weights; also returns the entry and the checkpoint. The caller
 * disposes the model (`model.dispose()`).
 */
export async function loadPretrained(
  name: string,
  kind: ModelKind | 'classifier',
): Promise<{ entry: PretrainedEntry; model: RemoteModel; checkpoint: Checkpoint }> {
  const entry = await pretrainedEntry(name);
  if (entry.spec.kind !== kind) throw new Error(`Pretrained model "${name}" is a ${entry.spec.kind}, not a ${kind}.`);
  const [checkpoint] = await Promise.all([pretrainedCheckpoint(entry), pageBackend()]);
  const id = newModelId(name);
  const info = await modelHost().loadModel(id, entry.spec, entry.seed, checkpoint);
  return { entry, model: new RemoteModel(id, info), checkpoint };
}
