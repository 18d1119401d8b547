/**
 * The reader's own weights in IndexedDB (`saved-weights.ts`, idb-keyval over fake-indexeddb):
 * round trips, replacing, records written by the book's earlier hand-written IndexedDB code, and
 * the messages a reader gets when IndexedDB is missing, refused or full.
 */
import { IDBFactory } from 'fake-indexeddb';
import { createStore, set, type UseStore } from 'idb-keyval';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { CHECKPOINT_STORE, DB_NAME, loadFromIndexedDB, saveToIndexedDB } from '../../../../src/lib/vae/saved-weights.ts';
import { decodeWeights, encodeWeights } from '../../../../src/lib/vae/weight-codec.ts';
import type { Checkpoint, CheckpointManifest } from '../../../../src/lib/vae/weights-manifest.ts';

const random = mulberry32(9);
const weights = new Map([
  ['enc.w', Float32Array.from({ length: 12 }, () => (random() - 0.5) * 4)],
  ['enc.b', Float32Array.from({ length: 4 }, () => (random() - 0.5) * 0.02)],
]);
const shapes = new Map([
  ['enc.w', [3, 4]],
  ['enc.b', [4]],
]);
const small: Checkpoint = encodeWeights(weights, shapes, 'float32', { steps: 100, loss: 104.2 });

/**
 * The book's store in a fresh, empty fake IndexedDB. idb-keyval opens the database through the
 * global `indexedDB` on first use, so the fake stands in for it until the test ends.
 */
function freshStore(factory: unknown = new IDBFactory()): UseStore {
  vi.stubGlobal('indexedDB', factory);
  return createStore(DB_NAME, CHECKPOINT_STORE);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('saveToIndexedDB / loadFromIndexedDB', () => {
  test('saveToIndexedDB(key, checkpoint) then loadFromIndexedDB(key) gives back the checkpoint and its save date', async () => {
    const store = freshStore();
    const before = Date.now();
    await saveToIndexedDB('my-vae', small, store);
    const loaded = await loadFromIndexedDB('my-vae', store);
    expect(loaded?.key).toBe('my-vae');
    expect(loaded?.manifest).toEqual(small.manifest);
    expect(loaded?.data).toEqual(small.data);
    expect(loaded?.savedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(loaded?.savedAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(decodeWeights(loaded?.manifest as CheckpointManifest, loaded?.data as Uint8Array).get('enc.w')?.values).toEqual(weights.get('enc.w'));
  });

  test('without a store they use the global IndexedDB (the browser case)', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    await saveToIndexedDB('default', small);
    expect((await loadFromIndexedDB('default'))?.data).toEqual(small.data);
  });

  test('loadFromIndexedDB(key) is undefined for a key never saved', async () => {
    expect(await loadFromIndexedDB('nothing', freshStore())).toBeUndefined();
  });

  test('saveToIndexedDB() stores only the bytes of a view into a larger buffer, and replaces an earlier save', async () => {
    const store = freshStore();
    const padded = new Uint8Array(small.data.byteLength + 100);
    padded.set(small.data, 50);
    await saveToIndexedDB('k', { manifest: small.manifest, data: padded.subarray(50, 50 + small.data.byteLength) }, store);
    const saved = await loadFromIndexedDB('k', store);
    expect(saved?.data.buffer.byteLength).toBe(small.data.byteLength);
    expect(saved?.data).toEqual(small.data);
    await saveToIndexedDB('k', encodeWeights(weights, shapes, 'uint8'), store);
    expect((await loadFromIndexedDB('k', store))?.manifest.dtype).toBe('uint8');
  });

  test('loadFromIndexedDB() reads a record saved by the earlier hand-written code (database version 1)', async () => {
    const factory = new IDBFactory();
    const savedAt = Date.UTC(2026, 10, 1);
    await new Promise<void>((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(CHECKPOINT_STORE);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const transaction = db.transaction(CHECKPOINT_STORE, 'readwrite');
        transaction.objectStore(CHECKPOINT_STORE).put({ manifest: small.manifest, data: small.data, savedAt }, 'training-check');
        transaction.oncomplete = () => {
          db.close();
          resolve();
        };
        transaction.onerror = () => reject(transaction.error);
      };
    });
    const loaded = await loadFromIndexedDB('training-check', freshStore(factory));
    expect(loaded?.savedAt).toEqual(new Date(savedAt));
    expect(loaded?.data).toEqual(small.data);
  });

  test('loadFromIndexedDB() refuses a record that is not a checkpoint, naming its key', async () => {
    const store = freshStore();
    await set('odd', { data: 'not bytes' }, store);
    await expect(loadFromIndexedDB('odd', store)).rejects.toThrow('The saved checkpoint "odd" is not in a format this book reads.');
  });

  test('saveToIndexedDB() refuses an empty key and an invalid manifest before touching the database', async () => {
    const store = freshStore();
    await expect(saveToIndexedDB('', small, store)).rejects.toThrow(/non-empty string key/);
    const future = { manifest: { ...small.manifest, version: 3 } as unknown as CheckpointManifest, data: small.data };
    await expect(saveToIndexedDB('k', future, store)).rejects.toThrow(/version 3 is not supported/);
    expect(await loadFromIndexedDB('k', store)).toBeUndefined();
  });
});

describe('what a reader is told when IndexedDB fails', () => {
  test('no IndexedDB at all (Node here; some private-browsing modes)', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expect(loadFromIndexedDB('k')).rejects.toThrow(
      'This browser does not offer IndexedDB (private browsing may disable it), so weights cannot be saved here.',
    );
  });

  test('IndexedDB refuses to open (SecurityError)', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    await expect(saveToIndexedDB('k', small, freshStore(refusing))).rejects.toThrow(
      'Could not save the weights "k": IndexedDB is unavailable (SecurityError; private browsing may disable it).',
    );
  });

  test("the site's storage quota is full (QuotaExceededError)", async () => {
    // fake-indexeddb has no quota: a store whose transaction fails as a full browser's would.
    const full: UseStore = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await expect(saveToIndexedDB('k', small, full)).rejects.toThrow(
      `Could not save the weights "k": the browser's storage for this site is full (free disk space or clear this site's data).`,
    );
  });

  test('any other failure keeps its name and message', async () => {
    const broken: UseStore = () => Promise.reject(new DOMException('Version change transaction was aborted.', 'AbortError'));
    await expect(loadFromIndexedDB('k', broken)).rejects.toThrow('Could not load the weights "k": AbortError (Version change transaction was aborted.).');
  });
});
