/**
 * Every built page: loads cleanly (no console error, no failed request, nothing fetched from
 * another host), its math is typeset (no raw TeX left, no KaTeX error), and its interactive
 * figures start without errors once scrolled into view.
 */
import { expect, test } from '@playwright/test';
import { builtPages } from './built-pages';
import { watchPage } from './helpers';

const pages = builtPages();

test('the build has the book pages', () => {
  expect(pages).toEqual(expect.arrayContaining(['/', '/kl-divergence/', '/notation/', '/zh/kl-divergence/']));
});

for (const path of pages) {
  test(`page ${path} loads cleanly and its math is typeset`, async ({ page }) => {
    const watcher = watchPage(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);

    // Bring every figure into view so that lazily started widgets run too (a deck shows only
    // the slide on screen; its figures are checked in slides.spec.ts).
    for (const figure of await page.locator('figure:visible').all()) {
      await figure.scrollIntoViewIfNeeded();
    }
    await page.waitForLoadState('networkidle');

    await expect(page.locator('.katex-error')).toHaveCount(0);
    const rawTex = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if (node.parentElement?.closest('.katex, script, style, code, pre')) continue;
        const text = node.textContent ?? '';
        if (/\$\$|\\(frac|label|mathrm|begin|sigma|mu)\b|\[@\w/.test(text)) found.push(text.trim().slice(0, 80));
      }
      return found;
    });
    expect(rawTex, 'untypeset TeX or citation in the page text').toEqual([]);
    watcher.expectClean();
  });
}
