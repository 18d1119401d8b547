/**
 * Typesetting of the built book (that display equations fit the desktop column on every page is
 * checked in every-page.spec.ts): equation numbers sit at the right margin; on a phone (390 px)
 * inline maths never breaks inside an expression and a display that is wider than the screen is a
 * focusable, named scroll box; search excerpts show each formula once, without TeX source.
 */
import { expect, test } from '@playwright/test';

test.describe('at 1280 × 800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('equation numbers sit at the right margin of the text column', async ({ page }) => {
    await page.goto('/kl-divergence/');
    await page.evaluate(() => document.fonts.ready);
    const column = await page
      .locator('.sl-markdown-content')
      .first()
      .evaluate((c) => c.getBoundingClientRect().right);
    const tags = await page.$$eval('.sl-markdown-content > .equation .katex-tag', (spans) => spans.map((t) => t.getBoundingClientRect().right));
    expect(tags.length).toBeGreaterThan(5);
    for (const right of tags) expect(Math.abs(column - right)).toBeLessThan(4);
  });
});

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const path of ['/variational-autoencoder/', '/evidence-lower-bound/']) {
    test(`page ${path}: short inline formulas stay on one line and the page does not scroll sideways`, async ({ page }) => {
      await page.goto(path);
      await page.evaluate(() => document.fonts.ready);
      // Long ones (class vb-math-long, src/markdown/katex-output.ts) may break after a relation.
      const inline = '.sl-markdown-content .katex:not(.katex-display .katex)';
      const broken = await page.$$eval(`${inline}:not(.vb-math-long)`, (spans) =>
        spans.filter((span) => span.getClientRects().length > 1).map((span) => span.querySelector('annotation')?.textContent),
      );
      expect(await page.locator(inline).count()).toBeGreaterThan(100);
      expect(broken, 'short inline formulas broken over two lines').toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  }

  test('a display equation wider than the screen is a named scroll box that arrow keys scroll', async ({ page }) => {
    await page.goto('/vae-gan/');
    await page.evaluate(() => document.fonts.ready);
    const wide = page.locator('.katex-display').filter({ has: page.locator('.katex-tag') });
    const index = await wide.evaluateAll((displays) => displays.findIndex((d) => d.scrollWidth > d.clientWidth + 20));
    expect(index).toBeGreaterThanOrEqual(0);
    const display = wide.nth(index);
    await expect(display).toHaveAttribute('tabindex', '0');
    await expect(display).toHaveAttribute('aria-label', /^Equation \(\w+\.\d+\)$/);
    await display.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => display.evaluate((d) => d.scrollLeft)).toBeGreaterThan(0);
  });
});

test('search excerpts show each formula once, without TeX source', async ({ page }) => {
  await page.goto('/');
  const excerpts = await page.evaluate(async () => {
    const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
    const search = await pagefind.search('reparameterisation');
    const data = await Promise.all(search.results.slice(0, 8).map((r: { data: () => Promise<{ content: string }> }) => r.data()));
    return data.map((d) => d.content);
  });
  expect(excerpts.length).toBeGreaterThan(0);
  for (const content of excerpts) {
    expect(content).not.toMatch(/\\(mathbf|mathcal|frac|mathrm|sigma|mu|log)\b/);
    expect(content).not.toMatch(/(\d+\.\d+)\1/); // "25.9925.99": a number written twice in a row
  }
});
