/**
 * `npm run bench`, Chromium part, figure (e): for each TensorFlow.js backend, the library's VAE
 * training step against the straightforward implementation (and the matmul floor, and decode
 * latency), measured side by side in one page per backend. Figure (i): WASM's multi-threaded
 * build (a cross-origin-isolated page) against the single-threaded one, on an idle page and with
 * main-thread work in every frame, as a training page has. Figure (h): the backend the book
 * chooses automatically (measured fastest, as on a first visit) against the fastest backend when
 * all train side by side in the same page (`window.vaeBench.choose`).
 *
 * How: Vite bundles bench/browser/ (this page and the model library, WASM binaries included)
 * into a temporary folder; Playwright opens it in Chromium at http://bench.localhost/, answering
 * every request from that folder and public/data/mnist/ through `page.route` — no server, nothing
 * added to the book's site. Backends that do not initialise are reported with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { build } from 'vite';
import type { Browser, Page } from '@playwright/test';
import type { BrowserBenchSettings } from './main.ts';
import { type ChromiumBench, ISOLATION_HEADERS, openPage, ROOT, runtimeOf, serveFiles } from './serve.ts';

const ORIGIN = 'http://bench.localhost';

/** Rounds and block sizes per backend, sized for a few seconds to a minute each on these machines. */
const SETTINGS: Record<string, BrowserBenchSettings> = {
  webgpu: { rounds: 6, libraryBlock: 5, straightforwardBlock: 3, matmulRepeats: 3, decodeRepeats: 20 },
  webgl: { rounds: 8, libraryBlock: 3, straightforwardBlock: 2, matmulRepeats: 2, decodeRepeats: 10 },
  wasm: { rounds: 8, libraryBlock: 6, straightforwardBlock: 2, matmulRepeats: 3, decodeRepeats: 30 },
  cpu: { rounds: 5, libraryBlock: 1, straightforwardBlock: 1, matmulRepeats: 1, decodeRepeats: 5 },
};

/** Bundles bench/browser/ (and the library) into a temporary folder, runs `work` on it, removes it. */
async function withBundle(minify: boolean, work: (site: string) => Promise<void>): Promise<void> {
  const site = mkdtempSync(join(tmpdir(), 'vae-bench-'));
  try {
    await build({
      root: join(ROOT, 'bench/browser'),
      base: './',
      logLevel: 'warn',
      configFile: false,
      build: { outDir: site, emptyOutDir: true, target: 'es2022', minify },
    });
    await work(site);
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

/**
 * Opens the bundled bench page in a fresh page (with `headers` on every response), waits for
 * `window.vaeBench`, runs `measure` in it and closes the page; returns the result and the page's
 * uncaught errors, without repeats.
 */
async function onBenchPage<T>(
  browser: Browser,
  site: string,
  measure: (page: Page) => Promise<T>,
  headers: Record<string, string> = {},
): Promise<{ result: T; pageErrors?: string[] }> {
  const { page, errors, close } = await openPage(browser);
  try {
    await serveFiles(page, ORIGIN, (path) => (path.startsWith('/data/mnist/') ? join(ROOT, 'public', normalize(path)) : join(site, normalize(path))), headers);
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => 'vaeBench' in window);
    const result = await measure(page);
    return { result, ...(errors.length > 0 ? { pageErrors: [...new Set(errors)] } : {}) };
  } finally {
    await close();
  }
}

/** Figures (e), one per backend, (h) and, when WASM is asked for, (i). */
export async function libraryFigures({ browser, backends, emit, progress }: ChromiumBench): Promise<void> {
  progress('bundling the bench page with Vite');
  await withBundle(true, async (site) => {
    for (const backend of backends) {
      progress(`(e) ${backend}`);
      const settings = SETTINGS[backend] ?? (SETTINGS['wasm'] as BrowserBenchSettings);
      const { result, pageErrors } = await onBenchPage(browser, site, (page) =>
        page.evaluate(([name, s]) => window.vaeBench.run(name as never, s), [backend, settings] as const),
      );
      emit({
        figure: 'e: training step in Chromium, library vs straightforward TensorFlow.js',
        runtime: runtimeOf(browser),
        ...result,
        ...(pageErrors ? { pageErrors } : {}),
      });
    }
    progress('(h) the automatic choice against the fastest backend');
    const { result, pageErrors } = await onBenchPage(browser, site, (page) => page.evaluate(() => window.vaeBench.choose({ rounds: 5, budgetMs: 400 })));
    emit({
      figure: 'h: automatically chosen backend vs the fastest, ms per training step (target chosenOverFastest ≤ 1.1)',
      runtime: runtimeOf(browser),
      ...result,
      ...(pageErrors ? { pageErrors } : {}),
    });
  });
  if (!backends.includes('wasm')) return;
  // Figure (i) needs a bundle without minification: TensorFlow.js starts the threaded build's
  // workers from the source text of a function, and a minifier's renamed identifiers break them
  // ("e is not defined"; tfjs issue #4539), which is what the book's minified bundle would do.
  progress('(i) bundling the bench page without minification');
  await withBundle(false, (site) => threadedWasm(browser, site, emit, progress));
}

/**
 * Figure (i): ms per library training step on WASM, cross-origin isolated (the multi-threaded
 * build, asked for two threads) or not, on an idle page and with 8 ms of main-thread work per
 * frame. A run that does not finish in two minutes is reported as hung.
 */
async function threadedWasm(browser: Browser, site: string, emit: ChromiumBench['emit'], progress: ChromiumBench['progress']): Promise<void> {
  const base = { ...(SETTINGS['wasm'] as BrowserBenchSettings), decodeRepeats: 5 };
  for (const uiLoadMs of [0, 8]) {
    const runs = [];
    for (const isolated of [false, true]) {
      progress(`(i) WASM ${isolated ? 'cross-origin isolated' : 'not isolated'}, ${uiLoadMs} ms of main-thread work per frame`);
      const settings = { ...base, uiLoadMs, ...(isolated ? { wasmThreads: 2 } : {}) };
      const hung = new Promise<{ hung: true }>((resolve) => setTimeout(() => resolve({ hung: true }), 120_000));
      const run = await onBenchPage(
        browser,
        site,
        (page) => Promise.race([page.evaluate((s) => window.vaeBench.run('wasm', s), settings), hung]),
        isolated ? ISOLATION_HEADERS : {},
      );
      const r = run.result as { hung?: true; wasm?: unknown; simdKernels?: boolean; step?: { libraryMs?: number } };
      runs.push({ isolated, hung: r.hung, wasm: r.wasm, simdKernels: r.simdKernels, libraryMs: r.step?.libraryMs, pageErrors: run.pageErrors });
    }
    const [single = Number.NaN, threaded = Number.NaN] = runs.map((run) => run.libraryMs ?? Number.NaN);
    emit({
      figure: 'i: WASM training step, multi-threaded (cross-origin isolated) vs single-threaded',
      runtime: runtimeOf(browser),
      uiLoadMsPerFrame: uiLoadMs,
      singleThreadMs: single,
      threadedMs: threaded,
      threadedOverSingle: Math.round((threaded / single) * 1000) / 1000,
      runs,
    });
  }
}
