/**
 * Download failures speak to the reader: the library marks a missing or damaged MNIST subset or
 * weights file as an AssetError (src/lib/vae/asset-error.ts), and the training panel turns it into
 * a sentence with "Retry" (src/components/training/load-error.ts), keeping the detail for the console.
 */
import { describe, expect, it } from 'vitest';
import { failureText } from '../../../../src/components/training/load-error.ts';
import { en } from '../../../../src/i18n/en.ts';
import { formatString } from '../../../../src/i18n/index.ts';
import { AssetError, isAssetError } from '../../../../src/lib/vae/asset-error.ts';
import { fetchCheckpoint } from '../../../../src/lib/vae/shipped-weights.ts';
import { loadMnist } from '../../../../src/lib/vae/data.ts';
import { fsSource } from '../../../../src/lib/vae/data-node.ts';

const s = (key: string, values?: Record<string, string | number>) => formatString((en as Record<string, string>)[`training.${key}`], values);
const textResponse = (body: string, status = 200) => ({
  ok: status === 200,
  status,
  statusText: '',
  text: async () => body,
  arrayBuffer: async () => new ArrayBuffer(0),
});

describe('AssetError', () => {
  it('a missing MNIST manifest is an AssetError("mnist") whose message keeps the developer detail', async () => {
    const error: unknown = await loadMnist(fsSource('/nonexistent/mnist')).catch((e: unknown) => e);
    expect(isAssetError(error) && error.asset).toBe('mnist');
    expect((error as Error).message).toMatch(/npm run prepare-data/);
  });

  it('a corrupt weights manifest is an AssetError("weights") whose message names the file', async () => {
    const fetchFn = async () => textResponse('garbage{');
    const error: unknown = await fetchCheckpoint('/models/vae2.json', fetchFn as never).catch((e: unknown) => e);
    expect(isAssetError(error) && error.asset).toBe('weights');
    expect((error as Error).message).toContain('/models/vae2.json is not JSON');
  });

  it('isAssetError is false for other errors', () => {
    expect(isAssetError(new Error('x'))).toBe(false);
    expect(isAssetError('text')).toBe(false);
    expect(isAssetError(new AssetError('weights', 'm'))).toBe(true);
  });
});

describe('failureText(error, s)', () => {
  it('tells the reader what could not be downloaded and to press Retry, without the developer detail', () => {
    const mnist = failureText(new AssetError('mnist', 'run `npm run prepare-data`'), s);
    expect(mnist).toBe(en['training.loadMnist']);
    expect(mnist).toContain('Retry');
    expect(mnist).not.toContain('npm');
    const weights = failureText(new AssetError('weights', 'Unexpected token \'g\', "garbage{" is not valid JSON'), s);
    expect(weights).toBe(en['training.loadWeights']);
    expect(weights).not.toContain('JSON');
  });

  it('keeps the reason of any other failure', () => {
    expect(failureText(new Error('no backend works'), s)).toBe('Training failed: no backend works');
  });
});
