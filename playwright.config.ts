import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { BASE_URL, MEASURED_STATE, PORT } from './tests/e2e/server.ts';

/**
 * Browser tests run against the production build (`astro build`) served by `astro preview`.
 * Chromium: $CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if present, else
 * Playwright's own download (`npx playwright install chromium`, where the network allows it).
 */
const systemChromium = process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    // Keep headless Chromium from reaching for the network (these machines have none).
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  ...(process.env['CI'] ? { workers: 2 } : {}),
  retries: 0,
  forbidOnly: Boolean(process.env['CI']),
  reporter: [['list']],
  timeout: 30_000,
  // Two workers on two cores: a figure can take several seconds to start beside a busy worker.
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    // Tracing snapshots the DOM around every action, which on a chapter full of KaTeX costs
    // ~200 ms per action; turn it on when debugging: `npx playwright test --trace on`.
    trace: 'off',
    // The book registers a service worker (offline use). It would answer requests itself, out of
    // reach of `page.route`, and its background fetches would race the tests; only the offline
    // spec needs it, and allows it there.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'measure-backend', testMatch: /measured-backend\.setup\.ts/, use: chromium },
    { name: 'chromium', dependencies: ['measure-backend'], use: { ...chromium, storageState: MEASURED_STATE } },
  ],
  webServer: {
    // The tests' own preview on its own port (E2E_PORT, default 4329). `--ignore-lock`: Astro 7
    // refuses a second `astro preview` of a project while one runs (its lock file
    // .astro/preview.json), e.g. the reader's `npm start` on 4321; this one starts beside it and
    // leaves that lock alone.
    command: `astro preview --ignore-lock --host 127.0.0.1 --port ${PORT}`,
    url: `${BASE_URL}/`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
