/**
 * The read-outs of `src/lib/vae/readout.ts` for models in the page's worker: the same names and
 * arguments, with a `RemoteModel` for the model (and for the classifier), and a split's name
 * ('train' or 'test' of the page's MNIST) for `encodeSplit`. Each is one round trip; the typed
 * arrays come back transferred. Each counts as the page's work in a run's turn with the page.
 *
 *   const pixels = await decodeCodes(opened.session.model, new Float32Array([0, 0]));
 */
import type { Codes } from '../../lib/vae/readout.ts';
import type { CodeStats } from '../../lib/vae/sampling.ts';
import type { ReadoutName } from '../../lib/worker/protocol.ts';
import { workerMnist } from '../page-services/page-resources.ts';
import { modelHost, noteTensorCount, pageTurns } from './client.ts';
import type { RemoteModel } from './remote-model.ts';

export { imagesOf } from '../../lib/vae/data.ts';
export type { Codes };

const call = async <T>(name: ReadoutName, model: RemoteModel, ...args: unknown[]): Promise<T> => {
  const { value, tensors } = await pageTurns.track(modelHost().readout(name, model.id, args));
  noteTensorCount(tensors);
  return value as T;
};
const ref = (model: RemoteModel | undefined) => (model === undefined ? undefined : { modelId: model.id });

export const decodeCodes = (model: RemoteModel, codes: ArrayLike<number>) => call<Float32Array>('decodeCodes', model, codes);

export const decodeWithLabels = (model: RemoteModel, codes: ArrayLike<number>, labels: readonly number[]) =>
  call<Float32Array>('decodeWithLabels', model, codes, labels);

export const decodeAndClassify = (
  model: RemoteModel,
  codes: ArrayLike<number>,
  labels: readonly number[],
  classifier: RemoteModel | undefined,
  classified: number,
) => call<{ images: Float32Array; classes: Int32Array | undefined }>('decodeAndClassify', model, codes, labels, ref(classifier), classified);

export const reconstructImages = (model: RemoteModel, images: ArrayLike<number>) => call<Float32Array>('reconstructImages', model, images);

export const denoiseImages = (model: RemoteModel, images: ArrayLike<number>, seed: number) =>
  call<{ corrupted: Float32Array; reconstructed: Float32Array }>('denoiseImages', model, images, seed);

export const encodeMeans = (model: RemoteModel, images: ArrayLike<number>, labels?: ArrayLike<number>) =>
  call<Float32Array>('encodeMeans', model, images, labels);

/** The codes of the first `count` images of the page's MNIST split `split` (sent to the worker first if need be), with their digits. */
export async function encodeSplit(model: RemoteModel, split: 'train' | 'test', count: number): Promise<Codes> {
  await workerMnist();
  return call<Codes>('encodeSplit', model, split, count);
}

export const klPerDimension = (model: RemoteModel, images: ArrayLike<number>) => call<Float32Array>('klPerDimension', model, images);

export const drawSamples = (model: RemoteModel, n: number, seed: number, codeStats?: CodeStats) => call<Float32Array>('drawSamples', model, n, seed, codeStats);

export const discriminate = (model: RemoteModel, points: ArrayLike<number>) => call<Float32Array>('discriminate', model, points);

export const classifyImages = (classifier: RemoteModel, images: ArrayLike<number>) => call<Int32Array>('classifyImages', classifier, images);

/** `repeats` independent estimates of the IWAE bound L_K of one image (see `src/lib/vae/iwae-estimate.ts`). */
export const iwaeDraws = (model: RemoteModel, image: ArrayLike<number>, k: number, repeats: number, seed: number) =>
  call<Float32Array>('iwaeDraws', model, image, k, repeats, seed);
