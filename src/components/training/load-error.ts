/**
 * What a training panel tells the reader when its figure fails, and what it logs for the
 * developer. A missing or damaged download (`AssetError`: the MNIST subset or the shipped
 * weights) gets a sentence in the reader's terms with the way out ("Retry"); the technical detail
 * (file, HTTP status, parser message, how to rebuild the assets) goes to the console only. Any
 * other failure keeps its reason, since it is not something a retry is known to fix.
 */
import { isAssetError } from '~/lib/vae/asset-error';

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
