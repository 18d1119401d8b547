/**
 * axe-core on every built page, English and Chinese (one page per test, so they run in
 * parallel): no violation of impact "serious" or "critical". The rule behind Starlight's search
 * button (`label-content-name-mismatch`, experimental in axe) is switched on explicitly.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages } from './built-pages';

for (const path of builtPages()) {
  test(`page ${path} has no serious or critical axe violation`, async ({ page }) => {
    await page.goto(path);
    await page.evaluate(() => document.fonts.ready);
    // @axe-core/playwright names Page from its own copy of playwright-core; the objects are the same.
    const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    expect(serious).toEqual([]);
  });
}
