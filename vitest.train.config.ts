import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** `npm run train` (scripts/train.ts): the training script runs under Vitest, which resolves the library's extension-less imports. */
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['train/**/*.train.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 0,
    hookTimeout: 0,
    globalSetup: ['tests/unit/global-setup.ts'],
  },
});
