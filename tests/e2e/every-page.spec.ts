/**
 * Every built page, English and Chinese, in one visit each (a chapter costs seconds to load and
 * start, so the checks share the visit):
 *
 * - it loads cleanly: no console error, no failed request, nothing fetched from another host,
 *   and its interactive figures start without errors once scrolled into view;
 * - its maths is typeset: no raw TeX or citation key left, no KaTeX error;
 * - at 1280 × 800, no display equation is wider than the text column or runs into its number;
 * - axe-core finds no violation of impact "serious" or "critical", on the page as the reader has
 *   it once its figures have started. The rule behind Starlight's search button
 *   (`label-content-name-mismatch`, experimental in axe) is switched on explicitly.
 *
 * Two things keep axe within the suite's time budget (10–35 s a page otherwise). Typeset maths is
 * left out: KaTeX's visual HTML (`.katex-html`, thousands of nodes on a chapter) is `aria-hidden`
 * and is removed before axe runs, as axe would build its tree of it only to skip it; the MathML
 * beside it is KaTeX's; the display equations' own focusable, named wrappers are still checked.
 * And of the lecture decks, which repeat their chapter's content, one deck per locale is checked
 * for the deck's own markup (tests/e2e/slides.spec.ts checks that no slide overflows).
 */
import { createRequire } from 'node:module';
import { expect, type Page, test } from '@playwright/test';
import { builtPages } from './built-pages.ts';
import { watchPage } from './helpers.ts';

const pages = builtPages();
const isDeck = (path: string) => path.includes('/slides/');
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DECKS_AXE_CHECKED = new Set(['/slides/kl-divergence/', '/zh/slides/kl-divergence/']);

test('the build has the book pages', () => {
  expect(pages).toEqual(expect.arrayContaining(['/', '/kl-divergence/', '/notation/', '/zh/kl-divergence/']));
});

/** Display equations that need sideways scrolling (overflow in px) or touch their number (gap in px). */
function wideEquations(page: Page) {
  return page.$$eval('.katex-display', (displays) =>
    displays.flatMap((display) => {
      const where = {
        equation: display.closest('.equation')?.id ?? '(unlabelled)',
        tex: (display.querySelector('annotation')?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 70),
      };
      const overflow = display.scrollWidth - display.clientWidth;
      // KaTeX's own stylesheet places the number absolutely at the right edge, where a formula
      // that is too wide runs under it without overflowing, so the gap to the number's text is
      // checked too (at least 12 px; textbook.css keeps 1em).
      const tag = display.querySelector('.katex-tag > .mord')?.getBoundingClientRect();
      const formulaRight = Math.max(...[...display.querySelectorAll('.katex-html > .katex-base')].map((b) => b.getBoundingClientRect().right));
      const gap = tag === undefined ? Infinity : Math.round(tag.left - formulaRight);
      return overflow > 1 || gap < 12 ? [{ ...where, overflow, gap }] : [];
    }),
  );
}

/** Text in the page that looks like TeX or a citation key that was not typeset. */
function rawTex(page: Page) {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.parentElement?.closest('.katex, script, style, code, pre')) continue;
      const text = node.textContent ?? '';
      if (/\$\$|\\(frac|label|mathrm|begin|sigma|mu)\b|\[@\w/.test(text)) found.push(text.trim().slice(0, 80));
    }
    return found;
  });
}

/**
 * axe-core's own `axe.run` in the page. Not `@axe-core/playwright`: its `analyze()` runs axe per
 * frame and merges the results in a second, blank page, which cost 8–13 s a chapter here against
 * 3.5 s for `axe.run` with the same violations (the book has no frames).
 */
async function seriousAxeViolations(page: Page) {
  await page.evaluate(() => document.querySelectorAll('.katex-html').forEach((html) => html.remove()));
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const results = await axe.run({ exclude: ['.katex'] }, { rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.targets.length, first: v.targets.slice(0, 3) }));
}

test.describe('at 1280 × 800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const path of pages) {
    test(`page ${path}: loads cleanly, maths typeset and fitting, no serious axe violation`, async ({ page }) => {
      test.setTimeout(60_000);
      const watcher = watchPage(page);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await page.evaluate(() => document.fonts.ready);
      // A deck lays out one slide at a time at a fixed 1280 × 720 and scales a slide that does not fit.
      if (!isDeck(path)) expect(await wideEquations(page), 'display equations too wide for the column or touching their number').toEqual([]);

      // Bring every figure into view so that lazily started widgets run too (a deck shows only
      // the slide on screen; its figures are checked in slides.spec.ts).
      for (const figure of await page.locator('figure:visible').all()) {
        await figure.scrollIntoViewIfNeeded();
      }
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.katex-error')).toHaveCount(0);
      expect(await rawTex(page), 'untypeset TeX or citation in the page text').toEqual([]);
      watcher.expectClean();

      if (!isDeck(path) || DECKS_AXE_CHECKED.has(path)) expect(await seriousAxeViolations(page)).toEqual([]);
    });
  }
});
