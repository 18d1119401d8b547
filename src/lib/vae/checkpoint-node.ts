/**
 * Checkpoint files on disk, for Node scripts (training, benchmarks) and tests: a manifest
 * `<name>.json` and its data blob `<name>.bin` side by side — the same pair the browser fetches
 * with `fetchCheckpoint` (`shipped-weights.ts`). Never imported by the browser bundle.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dataUrlFor } from './shipped-weights.ts';
import { decodeWeights } from './weight-codec.ts';
import { type Checkpoint, validateManifest } from './weights-manifest.ts';

/** Reads and validates a checkpoint from its manifest path (the blob is found as `fetchCheckpoint` finds it). */
export async function loadCheckpointFile(manifestPath: string): Promise<Checkpoint> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read the weights manifest ${manifestPath}: ${(error as Error).message}`, { cause: error });
  }
  const manifest = validateManifest(json);
  const dataPath = join(dirname(manifestPath), dataUrlFor(manifestPath.replaceAll('\\', '/'), manifest).split('/').pop() ?? '');
  const buffer = await readFile(dataPath);
  const data = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  decodeWeights(manifest, data);
  return { manifest, data };
}

/**
 * Writes `<dir>/<name>.json` and `<dir>/<name>.bin` (creating `dir`), the manifest naming its
 * blob. Returns both paths.
 */
export async function saveCheckpointFiles(dir: string, name: string, checkpoint: Checkpoint): Promise<{ manifestPath: string; dataPath: string }> {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw new Error(`"${name}" is not a plain file name.`);
  const manifest = { ...validateManifest(checkpoint.manifest), file: `${name}.bin` };
  await mkdir(dir, { recursive: true });
  const manifestPath = join(dir, `${name}.json`);
  const dataPath = join(dir, `${name}.bin`);
  await writeFile(dataPath, checkpoint.data);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifestPath, dataPath };
}
