import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Creates public/data/mnist/ (MNIST assets) when missing or stale; see scripts/prepare-data.ts.
    globalSetup: ['tests/unit/global-setup.ts'],
  },
});
