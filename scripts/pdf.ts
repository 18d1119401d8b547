/**
 * `npm run pdf`: the book as PDF files, printed from the built site by Chromium.
 *
 *   npm run pdf                        dist/vae-book.pdf (student edition: solutions collapsed),
 *                                      and dist/vae-book-zh.pdf when Chinese chapters exist
 *   npm run pdf -- --instructor        dist/vae-book-instructor.pdf (every solution printed open)
 *   npm run pdf -- --only kl-divergence,evidence-lower-bound --out /tmp/two.pdf
 *   npm run pdf -- --locale zh         only the Chinese edition
 *
 * The site is built first (`npm run build`) when `dist/` is missing or older than the sources.
 * Chromium: $CHROMIUM_PATH, else /usr/bin/chromium when present, else Playwright's own.
 * How a PDF is made: `scripts/pdf/book.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { type Locale, printBook } from './pdf/book.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');

const { values } = parseArgs({
  options: {
    instructor: { type: 'boolean', default: false },
    only: { type: 'string' },
    locale: { type: 'string' },
    out: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

/** Newest modification time under `path` (files only), in ms. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const builtAt = existsSync(join(DIST, 'index.html')) ? statSync(join(DIST, 'index.html')).mtimeMs : 0;
const sourcesAt = Math.max(...['src', 'public', 'astro.config.ts', 'package.json'].map((p) => newest(join(ROOT, p))));
if (!values['no-build'] && builtAt < sourcesAt) {
  console.error(builtAt === 0 ? 'dist/ is missing: building the site first.' : 'dist/ is older than the sources: rebuilding.');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** Slugs of translated chapters: the Chinese PDF is made only from pages that have a source. */
const zhSlugs = (() => {
  const dir = join(ROOT, 'src/content/docs/zh');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => name.replace(/\.mdx?$/, ''));
})();
const locales: Locale[] = values.locale ? [values.locale as Locale] : zhSlugs.some((slug) => slug !== 'index') ? ['root', 'zh'] : ['root'];
const only = values.only?.split(',').map((slug) => slug.trim());
const slugOf = (path: string) => path.replace(/^\/(zh\/)?/, '').replace(/\/$/, '') || 'index';

const systemChromium = process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  ...(systemChromium ? { executablePath: systemChromium } : {}),
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const locale of locales) {
    const started = Date.now();
    const book = await printBook(browser, {
      dist: DIST,
      locale,
      instructor: values.instructor,
      include: (page) => (!only || only.includes(slugOf(page.path))) && (locale === 'root' || zhSlugs.includes(slugOf(page.path))),
      log: (message) => console.error(message),
    });
    const name = `vae-book${locale === 'root' ? '' : `-${locale}`}${values.instructor ? '-instructor' : ''}.pdf`;
    const out = values.out && locales.length === 1 ? values.out : join(DIST, name);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, book.pdf);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.error(`${out}: ${book.chapters.length} chapters, ${(book.pdf.length / 1e6).toFixed(1)} MB, ${seconds} s`);
  }
} finally {
  await browser.close();
}
