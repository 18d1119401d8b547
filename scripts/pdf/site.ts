/**
 * The built book (`dist/`) served to a Playwright browser context without a server: every
 * request to http://book.localhost/ is answered from `dist/` through `context.route`, with
 * directory URLs mapped to their `index.html`. Service workers are blocked (a worker would
 * answer requests itself and bypass the routes), and nothing else is fetched from anywhere.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';

export const BOOK_ORIGIN = 'http://book.localhost';

/** A4 (210 mm) less print.css's 16 mm side margins, in CSS pixels (96 per inch): the printed text block. */
export const TEXT_BLOCK = { width: Math.floor(((210 - 2 * 16) / 25.4) * 96), height: 1000 };

/** The file under `dist` that answers `pathname`, or undefined when there is none. */
export function fileFor(dist: string, pathname: string): string | undefined {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  let path = join(dist, clean);
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  return existsSync(path) ? path : undefined;
}

/** A new context (viewport as wide as the printed text block) whose requests to BOOK_ORIGIN are served from `dist`. */
export async function openBook(browser: Browser, dist: string): Promise<BrowserContext> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: TEXT_BLOCK });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== BOOK_ORIGIN) return route.abort('blockedbyclient');
    const file = fileFor(dist, url.pathname);
    return file ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: 'not found' });
  });
  return context;
}
