/**
 * Choosing the backend that *measures* fastest, not the first in a fixed order.
 *
 * Why: no fixed order is right for everyone. Without a real GPU, Chromium offers WebGL through a
 * software renderer (SwiftShader, ≈ 1 GFLOP/s against ≈ 30 for single-threaded WASM), and
 * integrated or older GPUs can lose to WASM for networks as small as the book's; a strong GPU
 * wins easily. So every candidate that initialises and passes the correctness probe
 * (`tryBackend`) trains a few steps of the book's VAE (`timeTrainingSteps` in
 * `backend-workload.ts`), and the one with the lowest time per step wins.
 *
 * Cost: loading and warming up each candidate. Candidates are measured cheapest-and-steadiest
 * first (WASM), and a candidate whose mean step time is already `SLOWER_FACTOR` × the best so far
 * is stopped after its first timed step, so a software WebGL or the plain-JavaScript backend
 * costs about two of its steps. The result is cached per browser (`BackendCache`, localStorage
 * in a page) under a fingerprint of the user agent and the GPU's renderer string, so later pages
 * only load and probe the winner. `?backend=` still wins, even over a faster backend.
 *
 * Everything touching a real backend is injected (`tryBackend`, `timeWorkload`, `activate`), so
 * the selection logic runs in Node unit tests with made-up timings.
 */
import {
  type BackendAttempt,
  type BackendChoice,
  type BackendName,
  errorMessage,
  isBackendName,
  oneChoiceAtATime,
  tryBackend,
  withTimeout,
} from './backend.ts';
import { CACHE_KEY } from './backend-names.ts';
import * as tf from './tf.ts';

/** Bump when the workload or the rule changes: older cached results are then ignored. */
export const MEASUREMENT_VERSION = 1;

/** The order candidates are measured in: WASM first, so that its steady time caps the others. */
export const MEASURE_ORDER: readonly BackendName[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

/** A candidate whose mean step time exceeds this multiple of the best so far is stopped. */
export const SLOWER_FACTOR = 3;

export { CACHE_KEY } from './backend-names.ts';

/** What `timeWorkload` reports: mean milliseconds per step over `steps` timed steps. */
export interface StepTiming {
  msPerStep: number;
  steps: number;
  /** True when it stopped early because its mean exceeded `stopAboveMs`. */
  stopped: boolean;
}

/** Times the training workload on the active backend; stops once the mean exceeds `stopAboveMs`. */
export type TimeWorkload = (name: BackendName, limit: { stopAboveMs: number }) => Promise<StepTiming>;

/** The part of `Storage` the cache uses (localStorage in a page; a Map-backed stand-in in tests). */
export interface BackendCache {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface MeasureOptions {
  /** `?backend=`: tried first and kept if it works, however slow. */
  override?: BackendName | undefined;
  /** Candidates, measured in this order (default `MEASURE_ORDER`). */
  order?: readonly BackendName[];
  /** Loads, activates and probes one backend (default `tryBackend`). */
  tryBackend?: (name: BackendName) => Promise<void>;
  /** Times the workload on the active backend. Required: `timeTrainingSteps` in a page. */
  timeWorkload: TimeWorkload;
  /** Makes the winner active again after the others were measured (default `tf.setBackend`). */
  activate?: (name: BackendName) => Promise<void>;
  /** Give up on a backend's initialisation or workload after this long (default 15 000 ms). */
  timeoutMs?: number;
  /** Where the result is cached, and under which browser fingerprint. */
  cache?: { storage: BackendCache; fingerprint: string } | undefined;
  /** Measure even if a cached result exists ("Run the check"); the new result is cached. */
  ignoreCache?: boolean;
}

interface CacheEntry {
  version: number;
  fingerprint: string;
  name: BackendName;
  attempts: BackendAttempt[];
}

/**
 * The winner among measured attempts: the lowest `msPerStep` among those that work, with
 * `fastest` when it beat another measured backend and `only` when nothing else worked.
 * Undefined when no attempt worked. Pure.
 */
export function pickFastest(attempts: readonly BackendAttempt[]): { name: BackendName; reason: 'fastest' | 'only' } | undefined {
  const working = attempts.filter((attempt) => attempt.ok && attempt.msPerStep !== undefined && Number.isFinite(attempt.msPerStep));
  if (working.length === 0) return undefined;
  const best = working.reduce((a, b) => ((b.msPerStep ?? Infinity) < (a.msPerStep ?? Infinity) ? b : a));
  return { name: best.name, reason: working.length === 1 ? 'only' : 'fastest' };
}

function isAttempt(value: unknown): value is BackendAttempt {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  return (
    isBackendName(a['name']) &&
    typeof a['ok'] === 'boolean' &&
    typeof a['ms'] === 'number' &&
    (a['msPerStep'] === undefined || (typeof a['msPerStep'] === 'number' && a['msPerStep'] > 0)) &&
    (a['reason'] === undefined || typeof a['reason'] === 'string')
  );
}

/**
 * The cached choice for `fingerprint`, or undefined when there is none, it is from another
 * browser or measurement version, or it does not parse (a broken entry is ignored, never fatal).
 */
export function readCachedChoice(storage: BackendCache, fingerprint: string): CacheEntry | undefined {
  let entry: unknown;
  try {
    const text = storage.getItem(CACHE_KEY);
    if (text === null) return undefined;
    entry = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Partial<CacheEntry>;
  if (e.version !== MEASUREMENT_VERSION || e.fingerprint !== fingerprint || !isBackendName(e.name)) return undefined;
  if (!Array.isArray(e.attempts) || !e.attempts.every(isAttempt)) return undefined;
  if (!e.attempts.some((attempt) => attempt.name === e.name && attempt.ok)) return undefined;
  return e as CacheEntry;
}

/** Stores a measured choice (a full or unavailable storage is not an error: it just re-measures). */
export function writeCachedChoice(storage: BackendCache, fingerprint: string, choice: BackendChoice): void {
  const entry: CacheEntry = { version: MEASUREMENT_VERSION, fingerprint, name: choice.name, attempts: choice.attempts };
  try {
    storage.setItem(CACHE_KEY, JSON.stringify(entry));
  } catch {
    // Private browsing or quota: the next page measures again.
  }
}

/**
 * Measures every candidate in `order` and makes the fastest active. Each attempt records its
 * initialisation time (`ms`) and, when it works, its `msPerStep`; a workload that throws or
 * hangs makes the candidate fail. Rejects when none works.
 */
export async function measureBackends(options: MeasureOptions): Promise<BackendChoice> {
  const { order = MEASURE_ORDER, tryBackend: tryOne = (name) => tryBackend(name), timeWorkload, timeoutMs = 15_000 } = options;
  const activate = options.activate ?? activateBackend;
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    const start = performance.now();
    try {
      await withTimeout(tryOne(name), timeoutMs);
    } catch (error) {
      attempts.push({ name, ok: false, reason: errorMessage(error), ms: performance.now() - start });
      continue;
    }
    const ms = performance.now() - start;
    const best = Math.min(...attempts.map((attempt) => attempt.msPerStep ?? Infinity));
    try {
      const timing = await withTimeout(timeWorkload(name, { stopAboveMs: best * SLOWER_FACTOR }), timeoutMs);
      if (!(timing.msPerStep > 0 && Number.isFinite(timing.msPerStep))) throw new Error(`measured an impossible ${timing.msPerStep} ms per step`);
      attempts.push({ name, ok: true, ms, msPerStep: timing.msPerStep, ...(timing.stopped ? { stopped: true } : {}) });
    } catch (error) {
      attempts.push({ name, ok: false, reason: `a training step failed: ${errorMessage(error)}`, ms });
    }
  }
  const winner = pickFastest(attempts);
  if (winner === undefined) {
    const reasons = attempts.map((attempt) => `${attempt.name}: ${attempt.reason ?? ''}`).join('; ');
    throw new Error(`No TensorFlow.js backend works here (${reasons}).`);
  }
  await activate(winner.name);
  return { name: winner.name, attempts, overridden: false, reason: winner.reason };
}

async function activateBackend(name: BackendName): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`${name} could not be made active again`);
}

/**
 * The page's backend: `?backend=` if it works; else the cached winner for this browser if it
 * still passes the probe; else a fresh measurement (cached afterwards). A failed override's
 * attempt stays first in the list, so the reader sees why it was not used.
 */
export function chooseMeasuredBackend(options: MeasureOptions): Promise<BackendChoice> {
  return oneChoiceAtATime(() => chooseMeasuredNow(options));
}

async function chooseMeasuredNow(options: MeasureOptions): Promise<BackendChoice> {
  const { override, cache, ignoreCache = false, tryBackend: tryOne = (name) => tryBackend(name) } = options;
  const order = options.order ?? MEASURE_ORDER;
  const before: BackendAttempt[] = [];
  if (override !== undefined) {
    const start = performance.now();
    try {
      await withTimeout(tryOne(override), options.timeoutMs ?? 15_000);
      return { name: override, attempts: [{ name: override, ok: true, ms: performance.now() - start }], overridden: true, reason: 'override' };
    } catch (error) {
      before.push({ name: override, ok: false, reason: errorMessage(error), ms: performance.now() - start });
    }
  }
  const cached = cache !== undefined && !ignoreCache ? readCachedChoice(cache.storage, cache.fingerprint) : undefined;
  if (cached !== undefined && cached.name !== override) {
    try {
      await withTimeout(tryOne(cached.name), options.timeoutMs ?? 15_000);
      return { name: cached.name, attempts: [...before, ...cached.attempts], overridden: false, reason: 'cached' };
    } catch {
      // The cached winner no longer works here (a new driver, a blocklist): measure again.
    }
  }
  const measured = await measureBackends({ ...options, order: order.filter((name) => name !== override), tryBackend: tryOne });
  if (cache !== undefined) writeCachedChoice(cache.storage, cache.fingerprint, measured);
  return { ...measured, attempts: [...before, ...measured.attempts] };
}
