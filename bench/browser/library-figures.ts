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

/** Figures (e), one per backend, and (h). */
export async function libraryFigures({ browser, backends, emit, progress }: ChromiumBench): Promise<void> {
  const site = mkdtempSync(join(tmpdir(), 'vae-bench-'));
  try {
    progress('bundling the bench page with Vite');
    await build({
      root: join(ROOT, 'bench/browser'),
      base: './',
      logLevel: 'warn',
      configFile: false,
      build: { outDir: site, emptyOutDir: true, target: 'es2022' },
    });
    for (const backend of backends) {
      progress(`(e) ${backend}`);
      const { page, errors, close } = await openPage(browser);
      try {
        await serveFiles(page, ORIGIN, (path) => (path.startsWith('/data/mnist/') ? join(ROOT, 'public', normalize(path)) : join(site, normalize(path))));
        await page.goto(`${ORIGIN}/index.html`);
        await page.waitForFunction(() => 'vaeBench' in window);
        const settings = SETTINGS[backend] ?? (SETTINGS['wasm'] as BrowserBenchSettings);
        const result = await page.evaluate(([name, s]) => window.vaeBench.run(name as never, s), [backend, settings] as const);
        emit({
          figure: 'e: training step in Chromium, library vs straightforward TensorFlow.js',
          runtime: runtimeOf(browser),
          ...result,
          ...(errors.length > 0 ? { pageErrors: errors } : {}),
        });
      } finally {
        await close();
      }
    }

    progress('(h) the automatic choice against the fastest backend');
    const { page, errors, close } = await openPage(browser);
    try {
      await serveFiles(page, ORIGIN, (path) => join(site, normalize(path)));
      await page.goto(`${ORIGIN}/index.html`);
      await page.waitForFunction(() => 'vaeBench' in window);
      const result = await page.evaluate(() => window.vaeBench.choose({ rounds: 5, budgetMs: 400 }));
      emit({
        figure: 'h: automatically chosen backend vs the fastest, ms per training step (target chosenOverFastest ≤ 1.1)',
        runtime: runtimeOf(browser),
        ...result,
        ...(errors.length > 0 ? { pageErrors: errors } : {}),
      });
    } finally {
      await close();
    }
    if (backends.includes('wasm')) await threadedWasm(browser, emit, progress);
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

/**
 * Figure (i): ms per library training step on WASM, cross-origin isolated (the multi-threaded
 * build, asked for two threads) or not. The page is bundled without minification: TensorFlow.js
 * starts the threaded build's workers from the source text of a function, and a minifier's renamed
 * identifiers then break them ("e is not defined"; tfjs issue #4539), which is what the book's
 * minified bundle would do. A run that does not finish in two minutes is reported as such.
 */
async function threadedWasm(browser: ChromiumBench['browser'], emit: ChromiumBench['emit'], progress: ChromiumBench['progress']): Promise<void> {
  const site = mkdtempSync(join(tmpdir(), 'vae-bench-plain-'));
  try {
    progress('(i) bundling the bench page without minification');
    await build({
      root: join(ROOT, 'bench/browser'),
      base: './',
      logLevel: 'warn',
      configFile: false,
      build: { outDir: site, emptyOutDir: true, target: 'es2022', minify: false },
    });
    await threadedRuns(browser, site, emit, progress);
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

async function threadedRuns(browser: ChromiumBench['browser'], site: string, emit: ChromiumBench['emit'], progress: ChromiumBench['progress']): Promise<void> {
  const base = { ...(SETTINGS['wasm'] as BrowserBenchSettings), decodeRepeats: 5 };
  for (const uiLoadMs of [0, 8]) {
    const runs: Record<string, unknown>[] = [];
    for (const isolated of [false, true]) {
      progress(`(i) WASM ${isolated ? 'cross-origin isolated' : 'not isolated'}, ${uiLoadMs} ms of main-thread work per frame`);
      const { page, errors, close } = await openPage(browser);
      try {
        const fileFor = (path: string) => (path.startsWith('/data/mnist/') ? join(ROOT, 'public', normalize(path)) : join(site, normalize(path)));
        await serveFiles(page, ORIGIN, fileFor, isolated ? ISOLATION_HEADERS : {});
        await page.goto(`${ORIGIN}/index.html`);
        await page.waitForFunction(() => 'vaeBench' in window);
        const settings = { ...base, uiLoadMs, ...(isolated ? { wasmThreads: 2 } : {}) };
        const hung = new Promise<{ hung: true }>((resolve) => setTimeout(() => resolve({ hung: true }), 120_000));
        const result = await Promise.race([page.evaluate((s) => window.vaeBench.run('wasm', s), settings), hung]);
        runs.push({ isolated, ...result, ...(errors.length > 0 ? { pageErrors: [...new Set(errors)] } : {}) });
      } finally {
        await close();
      }
    }
    const ms = runs.map((run) => (run['step'] as { libraryMs?: number } | undefined)?.libraryMs ?? Number.NaN);
    emit({
      figure: 'i: WASM training step, multi-threaded (cross-origin isolated) vs single-threaded',
      runtime: runtimeOf(browser),
      uiLoadMsPerFrame: uiLoadMs,
      singleThreadMs: ms[0],
      threadedMs: ms[1],
      threadedOverSingle: Math.round(((ms[1] ?? Number.NaN) / (ms[0] ?? Number.NaN)) * 1000) / 1000,
      runs: runs.map((run) => ({
        isolated: run['isolated'],
        hung: run['hung'],
        wasm: run['wasm'],
        simdKernels: run['simdKernels'],
        libraryMs: (run['step'] as { libraryMs?: number } | undefined)?.libraryMs,
        pageErrors: run['pageErrors'],
      })),
    });
  }
}
