import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Playwright configuration of the Chromium part of `npm run bench` (bench/browser/): one worker,
 * so that backends are measured one after another, never side by side; no web server (the spec
 * bundles its page with Vite and serves it through page.route). Chromium as in the e2e tests:
 * $CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own.
 */
const systemChromium = process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'browser',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['line']],
  timeout: 15 * 60_000,
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(systemChromium ? { executablePath: systemChromium } : {}),
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
});
