/**
 * The error the library throws when a downloaded asset is missing or damaged: the MNIST subset
 * (`data.ts`) or shipped weights (`checkpoint.ts`, the models' manifest). Its message is for the
 * developer (which file, what was wrong, how to rebuild it); `asset` lets a figure tell the
 * reader, in the reader's terms, what could not be loaded and offer to try again.
 *
 *   throw new AssetError('mnist', `MNIST asset ${file} could not be loaded (…)`, { cause });
 *   if (isAssetError(error)) show(strings[error.asset === 'mnist' ? 'loadMnist' : 'loadWeights']);
 */
export type AssetKind = 'mnist' | 'weights';

export class AssetError extends Error {
  override readonly name = 'AssetError';
  readonly asset: AssetKind;
  constructor(asset: AssetKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.asset = asset;
  }
}

/** Whether `error` is an {@link AssetError} (also one made by another copy of this module). */
export function isAssetError(error: unknown): error is AssetError {
  return error instanceof Error && error.name === 'AssetError' && ((error as AssetError).asset === 'mnist' || (error as AssetError).asset === 'weights');
}
