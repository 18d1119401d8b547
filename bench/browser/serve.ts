/**
 * What the Chromium benchmarks share: the repository root, the browser (Debian's Chromium at
 * /usr/bin/chromium or $CHROMIUM_PATH, else Playwright's own, with the e2e tests' flags), how a
 * figure is reported, and a page whose requests to `origin` are answered from local files through
 * `route` (no server). A path naming a folder gets its index.html.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What every Chromium figure receives: the backends asked for, where figures and progress go. */
export interface ChromiumBench {
  readonly browser: Browser;
  /** Backends to try, in order (default webgpu,webgl,wasm,cpu). */
  readonly backends: readonly string[];
  readonly emit: (figure: Record<string, unknown>) => void;
  readonly progress: (message: string) => void;
}

/** Starts headless Chromium as the e2e tests do. */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** "chromium 141.0… (headless)": the runtime named in every Chromium figure. */
export const runtimeOf = (browser: Browser) => `chromium ${browser.version()} (headless)`;

/** Opens a fresh page (1280 × 720, its own context) and collects its uncaught errors. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors, close: () => context.close() };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

/**
 * The headers that make a page cross-origin isolated (`crossOriginIsolated`), which browsers
 * require before they give it SharedArrayBuffer, and so TensorFlow.js its multi-threaded WASM build.
 */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } as const;

/** Answers every request to `origin` with the file `fileFor(pathname)`, or 404 when there is none. */
export async function serveFiles(page: Page, origin: string, fileFor: (path: string) => string, headers: Record<string, string> = {}): Promise<void> {
  // The context's routes also answer the page's workers (the book's model worker).
  await page.context().route(`${origin}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    let file = fileFor(path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    try {
      await route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream', headers });
    } catch {
      await route.fulfill({ status: 404, body: `not found: ${path}` });
    }
  });
}
