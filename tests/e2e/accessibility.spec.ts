/**
 * axe-core on every built page, English and Chinese (one page per test, so they run in
 * parallel): no violation of impact "serious" or "critical". The rule behind Starlight's search
 * button (`label-content-name-mismatch`, experimental in axe) is switched on explicitly.
 *
 * Two things keep this within the suite's time budget (about 10 s a page otherwise): KaTeX's
 * visual HTML (`.katex-html`) is left out, since it is `aria-hidden` and duplicates the MathML
 * that assistive technology reads; and of the lecture decks, which repeat their chapter's
 * content, one deck per locale is checked for the deck's own markup.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages } from './built-pages';

const DECKS_CHECKED = new Set(['/slides/kl-divergence/', '/zh/slides/kl-divergence/']);
const pages = builtPages().filter((path) => !/\/slides\//.test(path) || DECKS_CHECKED.has(path));

for (const path of pages) {
  test(`page ${path} has no serious or critical axe violation`, async ({ page }) => {
    await page.goto(path);
    await page.evaluate(() => document.fonts.ready);
    // @axe-core/playwright names Page from its own copy of playwright-core; the objects are the same.
    const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
      .exclude('.katex-html')
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    expect(serious).toEqual([]);
  });
}
