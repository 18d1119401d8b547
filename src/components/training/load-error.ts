/**
 * What a training panel tells the reader when its figure fails, and what it logs for the
 * developer. A missing or damaged download (`AssetError`: the MNIST subset or the shipped
 * weights) gets a sentence in the reader's terms with the way out ("Retry"); the technical detail
 * (file, HTTP status, parser message, how to rebuild the assets) goes to the console only. Any
 * other failure keeps its reason, since it is not something a retry is known to fix.
 * `showLoadFailure` does both for a widget outside the training panel and adds its "Retry" button.
 */
import { isAssetError } from '../../lib/vae/asset-error.ts';

/** `s(key, values)` looks up a `training.*` string by its short key ('loadMnist'). */
export type StringLookup = (key: string, values?: Record<string, string | number>) => string;

/** The status line for a failed load or run. */
export function failureText(error: unknown, s: StringLookup): string {
  if (isAssetError(error)) return s(error.asset === 'mnist' ? 'loadMnist' : 'loadWeights');
  return s('failed', { reason: error instanceof Error ? error.message : String(error) });
}

/** Logs the developer's detail of a failure (the full error, with its cause chain). */
export function logFailure(label: string, error: unknown): void {
  console.error(`${label}: ${isAssetError(error) ? `could not load ${error.asset}` : 'failed'}`, error);
}

/**
 * The keys of the strings `showLoadFailure` reads; a widget that uses it renders them into its
 * `data-strings` (`stringsWithPrefixes(t, ..., ...LOAD_FAILURE_KEYS)`).
 */
export const LOAD_FAILURE_KEYS = ['training.loadMnist', 'training.loadWeights', 'training.retry'] as const;

export interface LoadFailureOptions {
  /** The widget's name in the console line ('Latent explorer'). */
  readonly label: string;
  /** The widget's strings, with `LOAD_FAILURE_KEYS` among them. */
  readonly strings: Readonly<Record<string, string>>;
  /** The widget's own status line for a failure that is not a download (it keeps the reason). */
  readonly failed: (reason: string) => string;
  /** What "Retry" does: run the widget's load again. Without it no button is offered. */
  readonly retry?: (() => void) | undefined;
}

/**
 * A widget's failed load, shown in its status line (`failureText`) with a "Retry" button right
 * after it; the detail goes to the console (`logFailure`). Pressing Retry removes the button and
 * calls `options.retry`; a new failure shows (and offers Retry) again.
 */
export function showLoadFailure(status: HTMLElement, error: unknown, options: LoadFailureOptions): void {
  logFailure(options.label, error);
  const s: StringLookup = (key, values) => (key === 'failed' ? options.failed(String(values?.['reason'] ?? '')) : (options.strings[`training.${key}`] ?? key));
  status.textContent = failureText(error, s);
  const previous = status.nextElementSibling;
  if (previous instanceof HTMLButtonElement && previous.dataset['action'] === 'retry-load') previous.remove();
  const retry = options.retry;
  if (retry === undefined) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset['action'] = 'retry-load';
  button.textContent = options.strings['training.retry'] ?? 'Retry';
  button.addEventListener('click', () => {
    button.remove();
    retry();
  });
  status.after(button);
}

export interface RetryingLoadOptions extends Omit<LoadFailureOptions, 'retry'> {
  /** True once the widget is torn down: a failure then shows nothing. */
  readonly closed: () => boolean;
  /** Undoes a partial load before "Retry" runs it again (frees models, clears rows). */
  readonly reset?: () => void;
  /** Runs on every failure, before the closed check (e.g. to release a busy flag). */
  readonly onFailure?: () => void;
}

/**
 * The failure handler of a widget whose `load` may fail: `load().catch(handler)`. It shows the
 * failure (`showLoadFailure`) with a "Retry" that resets the widget and runs `load` again, whose
 * own failure comes back here — the loop every downloading widget needs, written once.
 */
export function retryingLoadFailure(status: HTMLElement, load: () => Promise<void>, options: RetryingLoadOptions): (error: unknown) => void {
  const handle = (error: unknown): void => {
    options.onFailure?.();
    if (options.closed()) return;
    showLoadFailure(status, error, {
      ...options,
      retry: () => {
        options.reset?.();
        load().catch(handle);
      },
    });
  };
  return handle;
}
