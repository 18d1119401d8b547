/**
 * The reader's own weights, saved in this browser's IndexedDB (they never leave the machine),
 * through idb-keyval: database "vae-book", object store "checkpoints", one record
 * { manifest, data, savedAt } per key. Records saved by earlier versions of the book (which
 * opened the same database at version 1 by hand) read back unchanged.
 *
 * Failures become Errors a reader can act on: IndexedDB missing or disabled (some private
 * browsing modes), or the site's storage quota full. idb-keyval opens the database without a
 * version number, so it never upgrades it and another tab can never block the opening.
 *
 *   await saveToIndexedDB('training-check', await checkpointFromModel(model, 'float32'));
 *   const saved = await loadFromIndexedDB('training-check'); // undefined if never saved
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { type Checkpoint, isObject, validateManifest } from './weights-manifest.ts';

export const DB_NAME = 'vae-book';
/** The object store of the reader's own saved checkpoints, keyed by a string of their choice. */
export const CHECKPOINT_STORE = 'checkpoints';

/** A checkpoint saved in this browser. */
export interface SavedCheckpoint extends Checkpoint {
  key: string;
  savedAt: Date;
}

interface StoredRecord extends Checkpoint {
  savedAt: number;
}

let shared: UseStore | undefined;

/** The checkpoint store, opened on first use and then kept open (idb-keyval's way). */
function checkpointStore(): UseStore {
  if ((globalThis as { indexedDB?: IDBFactory | null }).indexedDB == null) {
    throw new Error('This browser does not offer IndexedDB (private browsing may disable it), so weights cannot be saved here.');
  }
  shared ??= createStore(DB_NAME, CHECKPOINT_STORE);
  return shared;
}

/** `error` (usually a DOMException from IndexedDB) as an Error that says what to do. */
function describe(error: unknown, action: string): Error {
  const { name, message } = Object(error) as Partial<Error>; // a DOMException has both
  if (name === 'QuotaExceededError') {
    return new Error(`Could not ${action}: the browser's storage for this site is full (free disk space or clear this site's data).`, { cause: error });
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return new Error(`Could not ${action}: IndexedDB is unavailable (${name}; private browsing may disable it).`, { cause: error });
  }
  return new Error(`Could not ${action}: ${name ?? 'Error'}${message ? ` (${message})` : ''}.`, { cause: error });
}

/** Runs one idb-keyval operation, turning its failure into `describe`'s message. */
async function attempt<T>(action: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw describe(error, action);
  }
}

function checkKey(key: string): void {
  if (!key) throw new Error('A saved checkpoint needs a non-empty string key.');
}

/**
 * Saves (or replaces) a checkpoint under `key`; resolves once the transaction has committed, so
 * a resolved save is durable. `store` is for tests (default: the book's own store).
 */
export async function saveToIndexedDB(key: string, checkpoint: Checkpoint, store?: UseStore): Promise<void> {
  checkKey(key);
  const manifest = validateManifest(checkpoint.manifest);
  const { data } = checkpoint;
  // Store exactly the bytes of the view (a view of a larger buffer would clone all of it).
  const compact = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
  const record: StoredRecord = { manifest, data: compact, savedAt: Date.now() };
  const target = store ?? checkpointStore();
  // idb-keyval's `set`/`get`, written out with its `promisifyRequest`: importing them bundles their
  // default store too (never used here); measured on the diagnostics page against the old wrapper,
  // +6 bytes gzipped with them, −43 without.
  await attempt(`save the weights "${key}"`, () =>
    target('readwrite', (objects) => {
      objects.put(record, key);
      return promisifyRequest(objects.transaction);
    }),
  );
}

/** The checkpoint saved under `key`, or undefined if there is none. */
export async function loadFromIndexedDB(key: string, store?: UseStore): Promise<SavedCheckpoint | undefined> {
  checkKey(key);
  const target = store ?? checkpointStore();
  const value: unknown = await attempt(`load the weights "${key}"`, () => target('readonly', (objects) => promisifyRequest(objects.get(key))));
  if (value === undefined) return undefined;
  if (!isObject(value) || !(value['data'] instanceof Uint8Array) || typeof value['savedAt'] !== 'number') {
    throw new Error(`The saved checkpoint "${key}" is not in a format this book reads.`);
  }
  return { key, manifest: validateManifest(value['manifest']), data: value['data'], savedAt: new Date(value['savedAt']) };
}
