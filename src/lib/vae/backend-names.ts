/**
 * The backends' names, their preference order and the `?backend=` override of a page URL: the
 * part of `backend.ts` that needs no TensorFlow.js, so the page's main thread can read the
 * override and hand it to the model worker, and the key under which a page caches its measured
 * choice (`backend-measure.ts`).
 */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Preference order: fastest first where it works. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_ORDER as readonly string[]).includes(value);
}

/**
 * The override a page URL asks for with `?backend=wasm` (case-insensitive); undefined when the
 * parameter is absent or names no backend.
 */
export function backendOverrideFromUrl(search: string | URLSearchParams): BackendName | undefined {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const value = params.get('backend')?.trim().toLowerCase();
  return isBackendName(value) ? value : undefined;
}

/** The storage key of the cached choice (one entry per browser profile). */
export const CACHE_KEY = 'vae-book.backend-choice';
