/** The reading shell: search, navigation, and what a page makes the reader download. */
import { expect, test } from '@playwright/test';
import { watchPage } from './helpers.ts';

test('Pagefind search finds the KL chapter', async ({ page }) => {
  const watcher = watchPage(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Search' }).fill('Jensen');
  await expect(dialog.locator('a[href*="/kl-divergence/"]').first()).toBeVisible({ timeout: 10_000 });
  watcher.expectClean();
});

test('previous/next links follow the reading order', async ({ page }) => {
  await page.goto('/kl-divergence/');
  await page.getByRole('link', { name: /Next.*Generative models/s }).click();
  await expect(page).toHaveURL(/\/generative-models\/$/);
  await expect(page.getByRole('link', { name: /Previous.*KL divergence/s })).toBeVisible();
  await page.getByRole('link', { name: /Next.*EM and Gaussian mixtures/s }).click();
  await page.getByRole('link', { name: /Next.*evidence lower bound/is }).click();
  await expect(page).toHaveURL(/\/evidence-lower-bound\/$/);
});

test('static math sends no math script; a widget loads its code only when scrolled to', async ({ page }) => {
  const watcher = watchPage(page);
  await page.goto('/notation/');
  await page.waitForLoadState('networkidle');
  expect(await page.locator('.katex').count()).toBeGreaterThan(5);
  expect(watcher.requested.filter((url) => /katex[^/]*\.js|-figure[^/]*\.js/i.test(url))).toEqual([]);

  await page.goto('/kl-divergence/');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('kl-explorer')).not.toHaveAttribute('data-ready');
  const before = watcher.requested.length;
  await page.locator('kl-explorer').scrollIntoViewIfNeeded();
  await expect(page.locator('kl-explorer')).toHaveAttribute('data-ready', 'true');
  expect(watcher.requested.slice(before).some((url) => url.endsWith('.js'))).toBe(true);
  watcher.expectClean();
});

test('on a phone-sized screen the sidebar opens from the menu button', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/kl-divergence/');
  const sidebarLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notation', exact: true });
  await expect(sidebarLink).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(sidebarLink).toBeVisible();
  // The page behind the open menu does not scroll (the menu's toggle event sets a class on the
  // body: no `body:has(…)` rule, which made every change of text recalculate the body's style).
  const bodyOverflow = () => page.evaluate(() => getComputedStyle(document.body).overflow);
  await expect.poll(bodyOverflow).toBe('hidden');
  expect(await page.evaluate(() => [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.includes('body:has('))))).toBe(
    false,
  );
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(sidebarLink).toBeHidden();
  await expect.poll(bodyOverflow).not.toBe('hidden');
});

test('the footer states the reuse terms and its links serve the licence and citation files', async ({ page, request }) => {
  for (const [path, text] of [
    ['/kl-divergence/', /Text and figures: CC BY-SA 4\.0\. Code: MIT\./],
    ['/zh/kl-divergence/', /正文与图：CC BY-SA 4\.0。代码：MIT。/],
  ] as const) {
    await page.goto(path);
    const footer = page.locator('.vb-licence');
    await expect(footer).toHaveText(text);
    for (const href of await footer.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
      const response = await request.get(href);
      expect(response.status(), href).toBe(200);
      expect(await response.text()).toMatch(/MIT License|CC BY-SA 4\.0|cff-version/);
    }
  }
});
