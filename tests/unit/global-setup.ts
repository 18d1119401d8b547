/**
 * Vitest global setup: make sure the prepared MNIST assets exist (and are current) before any
 * test file runs, so `npx vitest run` works on a fresh clone without `npm run prepare-data`.
 * A no-op costing a few stat calls when the assets are up to date.
 */
import { prepareData } from '../../scripts/prepare-data.ts';

export default async function setup(): Promise<void> {
  await prepareData();
}
