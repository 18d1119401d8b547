import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The Node half of `npm run bench` (see scripts/bench.ts and README, "Benchmarks"): Vitest runs
 * bench/*.bench.ts because it resolves the model library's extension-less imports, which plain
 * `node` cannot. One file at a time, so that nothing else competes for the CPU while it measures.
 */
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['bench/*.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 0,
    hookTimeout: 0,
    // Creates public/data/mnist/ (MNIST assets) when missing or stale; see scripts/prepare-data.ts.
    globalSetup: ['tests/unit/global-setup.ts'],
  },
});
