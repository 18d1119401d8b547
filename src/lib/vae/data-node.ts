/**
 * MNIST in Node (unit tests, training and benchmark scripts): a {@link ByteSource} over the
 * prepared asset folder on disk. Never imported by browser code (it uses `node:` modules).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMnist } from './data.ts';
import type { ByteSource, LoadOptions, MnistData } from './data.ts';

/** <repo>/public/data/mnist, found from this file's location (src/lib/vae/). */
export function defaultAssetDir(): string {
  return fileURLToPath(new URL('../../../public/data/mnist/', import.meta.url));
}

/**
 * Reads asset files from `dir` (default {@link defaultAssetDir}); reports each file's size once
 * it has been read. Errors are Node's (ENOENT with the path), which loadMnist wraps.
 */
export function fsSource(dir: string = defaultAssetDir()): ByteSource {
  return async (file, onBytes) => {
    const buffer = await readFile(join(dir, file));
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    onBytes?.(bytes.byteLength);
    return bytes;
  };
}

/** {@link loadMnist} from the asset folder on disk; unlike in the browser, the FULL set by default. */
export function loadMnistNode(options: LoadOptions = {}): Promise<MnistData> {
  return loadMnist(fsSource(), { trainCount: 'all', testCount: 'all', ...options });
}
