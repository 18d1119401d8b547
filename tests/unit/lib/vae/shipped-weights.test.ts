/**
 * The shipped weights' files: over HTTP (`shipped-weights.ts`, with a fake fetch) and on disk
 * (`checkpoint-node.ts`, in a temporary folder), both finding the blob next to the manifest and
 * failing with a message that names the file and the problem.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { loadCheckpointFile, saveCheckpointFiles } from '../../../../src/lib/vae/checkpoint-node.ts';
import { dataUrlFor, type FetchLike, fetchCheckpoint } from '../../../../src/lib/vae/shipped-weights.ts';
import { decodeWeights, encodeWeights } from '../../../../src/lib/vae/weight-codec.ts';

/** Seeded weights: two tensors, [3, 4] and [4]. */
function sampleWeights() {
  const random = mulberry32(1);
  return {
    weights: new Map([
      ['enc.w', Float32Array.from({ length: 12 }, () => (random() - 0.5) * 4)],
      ['enc.b', Float32Array.from({ length: 4 }, () => (random() - 0.5) * 0.02)],
    ]),
    shapes: new Map([
      ['enc.w', [3, 4]],
      ['enc.b', [4]],
    ]),
  };
}

describe('shipped files', () => {
  const { weights, shapes } = sampleWeights();
  const checkpoint = encodeWeights(weights, shapes, 'float16', { model: 'tiny' });

  /** A fake fetch serving `files` by URL and recording what was asked for. */
  function fakeFetch(files: Record<string, string | Uint8Array>) {
    const requested: string[] = [];
    const fetchFn: FetchLike = async (url) => {
      requested.push(url);
      const body = files[url];
      if (body === undefined) return new Response('not found', { status: 404, statusText: 'Not Found' });
      return new Response(typeof body === 'string' ? body : new Blob([body.slice()]));
    };
    return { requested, fetchFn };
  }

  test('dataUrlFor(manifestUrl, manifest) finds the sibling blob of absolute and relative URLs', () => {
    expect(dataUrlFor('https://book.test/models/vae.json', {})).toBe('https://book.test/models/vae.bin');
    expect(dataUrlFor('/models/vae.json?v=3', {})).toBe('/models/vae.bin');
    expect(dataUrlFor('models/vae.json', { file: 'vae-weights.bin' })).toBe('models/vae-weights.bin');
    expect(dataUrlFor('vae.json', {})).toBe('vae.bin');
  });

  test('fetchCheckpoint(url, fetch) downloads the manifest and its sibling blob, and decodes them', async () => {
    const { requested, fetchFn } = fakeFetch({
      '/models/vae.json': JSON.stringify(checkpoint.manifest),
      '/models/vae.bin': checkpoint.data,
    });
    const loaded = await fetchCheckpoint('/models/vae.json', fetchFn);
    expect(requested).toEqual(['/models/vae.json', '/models/vae.bin']);
    expect(loaded.manifest).toEqual(checkpoint.manifest);
    expect(loaded.data).toEqual(checkpoint.data);
  });

  test('fetchCheckpoint() reports HTTP errors, non-JSON manifests and truncated blobs clearly', async () => {
    await expect(fetchCheckpoint('/models/none.json', fakeFetch({}).fetchFn)).rejects.toThrow('Could not download /models/none.json: HTTP 404 Not Found.');
    await expect(fetchCheckpoint('/models/none.json', fakeFetch({}).fetchFn)).rejects.toHaveProperty('asset', 'weights');
    await expect(fetchCheckpoint('/m.json', fakeFetch({ '/m.json': '<!doctype html>' }).fetchFn)).rejects.toThrow('/m.json is not JSON');
    const truncated = fakeFetch({ '/m.json': JSON.stringify(checkpoint.manifest), '/m.bin': checkpoint.data.subarray(0, 10) });
    await expect(fetchCheckpoint('/m.json', truncated.fetchFn)).rejects.toThrow(/truncated/);
    const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(fetchCheckpoint('/m.json', offline)).rejects.toThrow('Could not download /m.json: Failed to fetch');
  });

  describe('on disk', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'vae-book-checkpoint-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    test('saveCheckpointFiles(dir, name, checkpoint) writes <name>.json naming <name>.bin; loadCheckpointFile reads them back', async () => {
      const { manifestPath, dataPath } = await saveCheckpointFiles(join(dir, 'models'), 'tiny-vae', checkpoint);
      expect(manifestPath).toBe(join(dir, 'models', 'tiny-vae.json'));
      expect(JSON.parse(await readFile(manifestPath, 'utf8'))).toMatchObject({ file: 'tiny-vae.bin', dtype: 'float16' });
      expect(new Uint8Array(await readFile(dataPath))).toEqual(checkpoint.data);
      const loaded = await loadCheckpointFile(manifestPath);
      expect(loaded.manifest).toEqual({ ...checkpoint.manifest, file: 'tiny-vae.bin' });
      expect(decodeWeights(loaded.manifest, loaded.data)).toEqual(decodeWeights(checkpoint.manifest, checkpoint.data));
    });

    test('loadCheckpointFile() fails clearly on a missing or invalid manifest', async () => {
      await expect(loadCheckpointFile(join(dir, 'absent.json'))).rejects.toThrow(/Could not read the weights manifest .*absent\.json/);
      await writeFile(join(dir, 'bad.json'), JSON.stringify({ format: 'vae-book-weights', version: 9 }));
      await expect(loadCheckpointFile(join(dir, 'bad.json'))).rejects.toThrow(/version 9 is not supported/);
      await expect(saveCheckpointFiles(dir, '../escape', checkpoint)).rejects.toThrow(/not a plain file name/);
    });
  });
});
