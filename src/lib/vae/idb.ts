/**
 * A few promise wrappers over IndexedDB (no dependency). Each operation opens the database,
 * runs one transaction and closes it again, so an open connection never blocks a version
 * upgrade from another tab. Errors become Errors with messages a reader can act on: IndexedDB
 * is missing or disabled (some private-browsing modes), or the site's storage quota is full.
 */

export const DB_NAME = 'vae-book';
export const DB_VERSION = 1;
/** The object store of the reader's own saved checkpoints, keyed by a string of their choice. */
export const CHECKPOINT_STORE = 'checkpoints';

/** The factory to use: the one given, else the global `indexedDB`; throws if there is none. */
export function resolveFactory(idbFactory?: IDBFactory): IDBFactory {
  const factory = idbFactory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (factory === undefined || factory === null) {
    throw new Error('This browser does not offer IndexedDB (private browsing may disable it), so weights cannot be saved here.');
  }
  return factory;
}

function describe(error: DOMException | Error | null | undefined, action: string): Error {
  if (error?.name === 'QuotaExceededError') {
    return new Error(`Could not ${action}: the browser's storage for this site is full (delete saved weights or free space).`, { cause: error });
  }
  if (error?.name === 'InvalidStateError' || error?.name === 'SecurityError' || error?.name === 'UnknownError') {
    return new Error(`Could not ${action}: IndexedDB is unavailable (${error.name}; private browsing may disable it).`, { cause: error });
  }
  return new Error(`Could not ${action}: ${error?.name ?? 'Error'}${error?.message ? ` (${error.message})` : ''}.`, { cause: error });
}

function openDatabase(factory: IDBFactory, action: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(DB_NAME, DB_VERSION);
    } catch (error) {
      reject(describe(error as Error, action));
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(CHECKPOINT_STORE)) db.createObjectStore(CHECKPOINT_STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab wants a newer schema: let it have the database.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(describe(request.error, action));
    request.onblocked = () => reject(new Error(`Could not ${action}: another tab of this book holds the database open with an older version; close it and retry.`));
  });
}

/**
 * Runs `body` in one transaction on the checkpoint store and resolves with its result once the
 * transaction has committed (so a resolved save is durable). `body` returns a request whose
 * result is the value, or undefined.
 */
export async function withStore<T>(
  mode: IDBTransactionMode,
  action: string,
  body: (store: IDBObjectStore) => IDBRequest<T> | undefined,
  idbFactory?: IDBFactory,
): Promise<T | undefined> {
  const db = await openDatabase(resolveFactory(idbFactory), action);
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      let transaction: IDBTransaction;
      let request: IDBRequest<T> | undefined;
      try {
        transaction = db.transaction(CHECKPOINT_STORE, mode);
        request = body(transaction.objectStore(CHECKPOINT_STORE));
      } catch (error) {
        reject(describe(error as Error, action));
        return;
      }
      transaction.oncomplete = () => resolve(request?.result);
      transaction.onerror = () => reject(describe(transaction.error ?? request?.error, action));
      transaction.onabort = () => reject(describe(transaction.error ?? request?.error, action));
    });
  } finally {
    db.close();
  }
}

/**
 * Visits every record of the checkpoint store in key order with a cursor, calling `visit` with
 * the key and value; resolves when done.
 */
export async function forEachRecord(action: string, visit: (key: IDBValidKey, value: unknown) => void, idbFactory?: IDBFactory): Promise<void> {
  await withStore<IDBCursorWithValue | null>(
    'readonly',
    action,
    (store) => {
      const request = store.openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (cursor === null) return;
        visit(cursor.key, cursor.value);
        cursor.continue();
      };
      return request;
    },
    idbFactory,
  );
}
