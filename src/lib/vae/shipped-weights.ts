/**
 * Fetching the book's shipped weights over HTTP: a manifest `<name>.json` and its data blob
 * (`manifest.file`, else `<name>.bin`) from `public/models/`, both validated before a model sees
 * them. Node scripts read the same pair from disk with `checkpoint-node.ts`.
 *
 *   applyCheckpoint(model, await fetchCheckpoint(`${base}models/vae2.json`));
 */
import { AssetError } from './asset-error.ts';
import { decodeWeights } from './weight-codec.ts';
import { type Checkpoint, type CheckpointManifest, validateManifest } from './weights-manifest.ts';

/** The part of `fetch` that `fetchCheckpoint` uses (so tests can pass a fake). */
export type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'statusText' | 'text' | 'arrayBuffer'>>;

/**
 * Where the data blob of a manifest lives: `manifest.file` relative to the manifest, else the
 * manifest's own name with `.bin` for `.json` ("models/vae.json" → "models/vae.bin").
 */
export function dataUrlFor(manifestUrl: string, manifest: Pick<CheckpointManifest, 'file'>): string {
  const path = manifestUrl.replace(/[?#].*$/, '');
  const file = manifest.file ?? `${path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/i, '')}.bin`;
  if (/^[a-z][a-z\d+.-]*:/i.test(manifestUrl)) return new URL(file, manifestUrl).href;
  return path.slice(0, path.lastIndexOf('/') + 1) + file;
}

/**
 * Fetches a shipped checkpoint: the manifest JSON, then its sibling data blob; validates both.
 * Any failure is an `AssetError` ('weights') with the developer's detail as its message.
 */
export async function fetchCheckpoint(manifestUrl: string, fetchFn: FetchLike = (url) => fetch(url)): Promise<Checkpoint> {
  try {
    return await fetchCheckpointFiles(manifestUrl, fetchFn);
  } catch (error) {
    // Every failure here (network, HTTP status, not JSON, invalid manifest, wrong data size) is
    // a missing or damaged download: say so to the figure, keep the detail in the message.
    throw new AssetError('weights', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

async function fetchCheckpointFiles(manifestUrl: string, fetchFn: FetchLike): Promise<Checkpoint> {
  const get = async (url: string) => {
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await fetchFn(url);
    } catch (error) {
      throw new Error(`Could not download ${url}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
    return response;
  };
  const text = await (await get(manifestUrl)).text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${manifestUrl} is not JSON (is the path right?).`);
  }
  const manifest = validateManifest(json);
  const data = new Uint8Array(await (await get(dataUrlFor(manifestUrl, manifest))).arrayBuffer());
  decodeWeights(manifest, data); // fail now, with a clear message, rather than at first use
  return { manifest, data };
}
