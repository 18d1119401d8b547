/**
 * `npm run bench`, Chromium part, figure (e): for each TensorFlow.js backend, the library's VAE
 * training step against the straightforward implementation (and the matmul floor, and decode
 * latency), measured side by side in one page per backend. Figure (h): the backend the book
 * chooses automatically (measured fastest, as on a first visit) against the fastest backend when
 * all train side by side in the same page (`window.vaeBench.choose`).
 *
 * How: Vite bundles bench/browser/ (this page and the model library, WASM binaries included)
 * into a temporary folder; Playwright opens it in /usr/bin/chromium (or $CHROMIUM_PATH) at
 * http://bench.localhost/, answering every request from that folder and public/data/mnist/
 * through `page.route` — no server, nothing added to the book's site. Each backend's result is
 * one JSON line appended to $VAE_BENCH_OUT (or printed). Backends to try: $VAE_BENCH_BACKENDS
 * (default webgpu,webgl,wasm,cpu); those that do not initialise are reported with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { test } from '@playwright/test';
import { build } from 'vite';
import { emit } from '../report.ts';
import type { BrowserBenchSettings } from './main.ts';
import { BENCH_BACKENDS, ROOT, serveFiles } from './serve.ts';

const ORIGIN = 'http://bench.localhost';

/** Rounds and block sizes per backend, sized for a few seconds to a minute each on these machines. */
const SETTINGS: Record<string, BrowserBenchSettings> = {
  webgpu: { rounds: 6, libraryBlock: 5, straightforwardBlock: 3, matmulRepeats: 3, decodeRepeats: 20 },
  webgl: { rounds: 8, libraryBlock: 3, straightforwardBlock: 2, matmulRepeats: 2, decodeRepeats: 10 },
  wasm: { rounds: 8, libraryBlock: 6, straightforwardBlock: 2, matmulRepeats: 3, decodeRepeats: 30 },
  cpu: { rounds: 5, libraryBlock: 1, straightforwardBlock: 1, matmulRepeats: 1, decodeRepeats: 5 },
};

let site: string;

test.beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'vae-bench-'));
  await build({
    root: join(ROOT, 'bench/browser'),
    base: './',
    logLevel: 'warn',
    configFile: false,
    build: { outDir: site, emptyOutDir: true, target: 'es2022' },
  });
});

test.afterAll(() => {
  if (site) rmSync(site, { recursive: true, force: true });
});

for (const backend of BENCH_BACKENDS) {
  test(`bench in Chromium: ${backend}`, async ({ page, browserName, browser }) => {
    test.setTimeout(15 * 60_000);
    await serveFiles(page, ORIGIN, (path) => (path.startsWith('/data/mnist/') ? join(ROOT, 'public', normalize(path)) : join(site, normalize(path))));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => 'vaeBench' in window);
    const settings = SETTINGS[backend] ?? (SETTINGS['wasm'] as BrowserBenchSettings);
    const result = await page.evaluate(([name, s]) => window.vaeBench.run(name as never, s), [backend, settings] as const);
    emit({
      figure: 'e: training step in Chromium, library vs straightforward TensorFlow.js',
      runtime: `${browserName} ${browser.version()} (headless)`,
      ...result,
      ...(errors.length > 0 ? { pageErrors: errors } : {}),
    });
  });
}

test('bench in Chromium: (h) the automatic choice against the fastest backend', async ({ page, browserName, browser }) => {
  test.setTimeout(10 * 60_000);
  await serveFiles(page, ORIGIN, (path) => join(site, normalize(path)));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => 'vaeBench' in window);
  const result = await page.evaluate(() => window.vaeBench.choose({ rounds: 5, budgetMs: 400 }));
  emit({
    figure: 'h: automatically chosen backend vs the fastest, ms per training step (target chosenOverFastest ≤ 1.1)',
    runtime: `${browserName} ${browser.version()} (headless)`,
    ...result,
    ...(errors.length > 0 ? { pageErrors: errors } : {}),
  });
});
