/**
 * What the Chromium benchmarks share: the repository root, the backends asked for in
 * $VAE_BENCH_BACKENDS, and a page whose requests to `origin` are answered from local files through
 * `page.route` (no server). A path naming a folder gets its index.html.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The backends of $VAE_BENCH_BACKENDS (default: all four), in order. */
export const BENCH_BACKENDS = (process.env['VAE_BENCH_BACKENDS'] ?? 'webgpu,webgl,wasm,cpu').split(',').filter(Boolean);

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

/** Answers every request to `origin` with the file `fileFor(pathname)`, or 404 when there is none. */
export async function serveFiles(page: Page, origin: string, fileFor: (path: string) => string): Promise<void> {
  await page.route(`${origin}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    let file = fileFor(path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    try {
      await route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404, body: `not found: ${path}` });
    }
  });
}
