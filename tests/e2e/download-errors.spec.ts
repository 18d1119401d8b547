/**
 * Download failures speak to the reader: with the MNIST manifest missing, or the weights manifest
 * damaged, the VAE trainer says what could not be downloaded (no developer instructions, no
 * parser message), offers "Retry", logs the detail to the console, and Retry loads the figure
 * once the files are there again.
 */
import { expect, test, type Page } from '@playwright/test';

async function openFailing(page: Page, pattern: string, respond: Parameters<Page['route']>[1]) {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.route(pattern, respond);
  await page.goto('/variational-autoencoder/?backend=wasm');
  const widget = page.locator('vae-trainer').first();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  return { widget, consoleErrors };
}

test('a missing MNIST manifest: a reader-facing message and Retry, which then loads the figure', async ({ page }) => {
  test.setTimeout(120_000);
  const { widget, consoleErrors } = await openFailing(page, '**/data/mnist/manifest.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  const status = widget.locator('[data-training] [role="status"]').first();
  await expect(status).toContainText('The MNIST images this figure trains on could not be downloaded');
  await expect(status).not.toContainText('npm');
  expect(consoleErrors.join('\n')).toContain('prepare-data');
  const retry = widget.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();

  await page.unroute('**/data/mnist/manifest.json');
  await retry.click();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(retry).toBeHidden();
  await expect(status).not.toContainText('could not be downloaded');
});

test('a corrupt weights manifest: the reader is told the weights could not be loaded, not the parser message', async ({ page }) => {
  test.setTimeout(120_000);
  const { widget, consoleErrors } = await openFailing(page, '**/models/vae2.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: 'garbage{' }),
  );
  const status = widget.locator('[data-training] [role="status"]').first();
  await expect(status).toContainText('weights could not be downloaded, or arrived damaged');
  await expect(status).not.toContainText('JSON');
  expect(consoleErrors.join('\n')).toContain('vae2.json');
  await expect(widget.getByRole('button', { name: 'Retry' })).toBeVisible();
});
