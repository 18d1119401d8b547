/**
 * Puts an open chapter into the state it is printed in, and measures it:
 *
 * - every figure is scrolled into view once, so that its widget starts and draws its initial
 *   state (a model figure loads its shipped weights); then we wait until the network is idle
 *   and no widget says `data-state="loading"`;
 * - the instructor's edition opens every exercise solution (`<details class="vb-solution">`);
 *   the student's edition leaves them collapsed, as the page shows them;
 * - links to other pages of the book point at the published site (`siteUrl`), so they stay
 *   valid, clickable links in the PDF;
 * - print media is emulated and any display equation still wider than the text block is scaled
 *   down to fit (print.css makes display maths visible instead of a clipping scroll box).
 *
 * `overflowingEquations` is what the PDF test checks: display equations wider than their box.
 */
import type { Page } from '@playwright/test';

export interface PrepareOptions {
  /** Open every exercise solution (instructor's edition). */
  solutions: boolean;
  /** The published site, e.g. "https://vae-book.example.org": the base of internal links. */
  siteUrl: string;
  /** Longest wait for the figures to settle, in ms. */
  settleMs?: number;
}

/** Starts the page's figures, opens solutions if asked, and fits wide equations (print media). */
export async function prepareForPrint(page: Page, options: PrepareOptions): Promise<void> {
  const settleMs = options.settleMs ?? 30_000;
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  for (const figure of await page.locator('figure').all()) {
    await figure.scrollIntoViewIfNeeded();
  }
  await page.waitForLoadState('networkidle', { timeout: settleMs }).catch(() => undefined);
  await page.waitForFunction(() => document.querySelector('[data-state="loading"]') === null, undefined, { timeout: settleMs }).catch(() => undefined);
  await page.evaluate(
    ({ solutions, siteUrl }) => {
      if (solutions) for (const details of document.querySelectorAll('details.vb-solution')) details.setAttribute('open', '');
      for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
        const url = new URL(a.href);
        if (url.origin !== location.origin) continue;
        a.href = new URL(url.pathname + url.search + url.hash, siteUrl).href;
        a.dataset['printInternal'] = ''; // print.css prints addresses of external links only
      }
      window.scrollTo(0, 0);
    },
    { solutions: options.solutions, siteUrl: options.siteUrl },
  );
  await page.emulateMedia({ media: 'print' });
  await fitEquations(page);
}

/**
 * Scales each display equation wider than its box down to the box's width. Font size and width
 * are not exactly proportional (the equation number keeps its place), so it measures again and
 * shrinks a little more, at most four times.
 */
export async function fitEquations(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scaled = new Set<HTMLElement>();
    for (let round = 0; round < 4; round += 1) {
      for (const display of document.querySelectorAll<HTMLElement>('.katex-display')) {
        const overflow = display.scrollWidth / display.clientWidth;
        if (display.clientWidth === 0 || overflow <= 1.001) continue;
        const current = parseFloat(display.style.fontSize || '100');
        display.style.fontSize = `${Math.floor((current / overflow) * 0.98 * 10) / 10}%`;
        scaled.add(display);
      }
    }
    return scaled.size;
  });
}

/** Display equations whose content is wider than their box (text of the first 60 characters). */
export async function overflowingEquations(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.katex-display')]
      .filter((display) => display.scrollWidth > display.clientWidth + 1)
      .map((display) => (display.querySelector('annotation')?.textContent ?? display.textContent ?? '').trim().slice(0, 60)),
  );
}
