/** Measures the backends once for the run and saves the browser state for every test (`MEASURED_STATE`). */
import { expect, test as setup } from '@playwright/test';
import { MEASURED_STATE } from './server.ts';

setup('measure the backends once for the whole run', async ({ page }) => {
  await page.goto('/diagnostics/');
  const check = page.locator('backend-check');
  await check.scrollIntoViewIfNeeded();
  await expect(check).toHaveAttribute('data-ready', 'true', { timeout: 25_000 });
  await expect(check).toHaveAttribute('data-reason', 'fastest');
  await page.context().storageState({ path: MEASURED_STATE });
});
