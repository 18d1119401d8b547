/**
 * Download failures speak to the reader: with the MNIST manifest missing, or the weights manifest
 * damaged, the VAE trainer says what could not be downloaded (no developer instructions, no
 * parser message), offers "Retry", logs the detail to the console, and Retry loads the figure
 * once the files are there again. The model widgets outside the training panel (here the latent
 * explorer and the model gallery) do the same through `showLoadFailure`.
 */
import { expect, test, type Page } from '@playwright/test';

/** Collects the page's console errors (the deliberate failures log there, so no `watchPage`). */
function consoleErrorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Opens `path` with requests matching `pattern` answered by `respond`, and brings the widget `tag` into view. */
async function openWithFailure(page: Page, pattern: string, respond: Parameters<Page['route']>[1], path: string, tag: string) {
  const consoleErrors = consoleErrorsOf(page);
  await page.route(pattern, respond);
  await page.goto(path);
  const widget = page.locator(tag).first();
  await widget.scrollIntoViewIfNeeded();
  return { widget, consoleErrors };
}

/** The VAE trainer of chapter 6 with a failing download, once it reports the failure. */
async function openFailing(page: Page, pattern: string, respond: Parameters<Page['route']>[1]) {
  const opened = await openWithFailure(page, pattern, respond, '/variational-autoencoder/?backend=wasm', 'vae-trainer');
  await expect(opened.widget).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  return opened;
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

test('the latent explorer: missing weights get the reader message and Retry, which then loads it', async ({ page }) => {
  test.setTimeout(120_000);
  const { widget, consoleErrors } = await openWithFailure(
    page,
    '**/models/vae2.json',
    (route) => route.fulfill({ status: 404, body: 'Not found' }),
    '/variational-autoencoder/?backend=wasm',
    'latent-explorer',
  );
  const status = widget.locator('[data-out="status"]');
  await expect(status).toContainText('weights could not be downloaded, or arrived damaged', { timeout: 60_000 });
  await expect(status).not.toContainText('404');
  expect(consoleErrors.join('\n')).toContain('Latent explorer: could not load weights');
  const retry = widget.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();

  await page.unroute('**/models/vae2.json');
  await retry.click();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(retry).toHaveCount(0);
  await expect(status).not.toContainText('could not be downloaded');
});

test('the model gallery (中文): a damaged models manifest gets the Chinese reader message and 重试', async ({ page }) => {
  test.setTimeout(120_000);
  const { widget, consoleErrors } = await openWithFailure(
    page,
    '**/models/manifest.json',
    (route) => route.fulfill({ status: 200, contentType: 'application/json', body: 'garbage{' }),
    '/zh/comparing-generative-models/?backend=wasm',
    'model-gallery',
  );
  const status = widget.locator('[data-out="status"]');
  await expect(status).toContainText('无法下载训练好的模型权重', { timeout: 60_000 });
  await expect(status).not.toContainText('JSON');
  expect(consoleErrors.join('\n')).toContain('Model gallery: could not load weights');
  await expect(widget.getByRole('button', { name: '重试' })).toBeVisible();
});
