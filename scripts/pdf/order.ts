/**
 * The book's reading order, read from the sidebar of the built front page. The sidebar is
 * rendered from `astro.config.ts`, so that stays the one place that orders the chapters; the
 * PDF follows it, part by part. Pages listed in EXCLUDED are tools, not chapters.
 */
import type { Page } from '@playwright/test';

/** One page of the book in reading order. `part` is its sidebar group's label. */
export interface BookPage {
  part: string;
  title: string;
  /** Path on the site, e.g. "/kl-divergence/" or "/zh/kl-divergence/". */
  path: string;
}

/** Sidebar pages that are not printed: the browser check only makes sense in a browser. */
export const EXCLUDED = ['diagnostics'];

/** The sidebar of the page already open in `page`, in order, without EXCLUDED pages. */
export async function readingOrder(page: Page): Promise<BookPage[]> {
  const entries = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('#starlight__sidebar a[href]')].map((a) => ({
      part: a.closest('details')?.querySelector('summary')?.textContent?.trim() ?? '',
      title: a.textContent?.trim() ?? '',
      path: new URL(a.href).pathname,
    })),
  );
  return entries.filter((entry) => !EXCLUDED.some((slug) => entry.path.replace(/\/$/, '').endsWith(`/${slug}`)));
}
