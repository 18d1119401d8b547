/**
 * Offline use (scripts/offline.ts, src/components/offline/): a first visit registers the
 * runtime-caching worker and downloads nothing beyond the page; "Save the whole book for
 * offline use" shows the book's size and progress and precaches it; then, with the browser
 * offline, two chapters open from the service worker and the VAE trainer trains.
 */
import { expect, test } from '@playwright/test';
import { openWidget, trainFromScratch } from './training.ts';

// The configuration blocks service workers for every other spec; this one is about them.
test.use({ serviceWorkers: 'allow' });

test('a saved book opens two chapters and trains a figure offline', async ({ page, context }) => {
  test.setTimeout(240_000);
  const listRequests: string[] = [];
  page.on('request', (request) => request.url().endsWith('/offline.json') && listRequests.push(request.url()));
  await page.goto('/kl-divergence/');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The list of files (and the size on the button) is fetched only when the footer is near.
  expect(listRequests).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const offline = page.locator('vb-offline-save');
  const save = offline.getByRole('button', { name: /Save the whole book for offline use \(\d+\.\d MB\)/ });
  await expect(save).toBeVisible({ timeout: 20_000 });
  const sizeMb = Number(/\((\d+\.\d) MB\)/.exec((await save.textContent()) ?? '')?.[1]);
  expect(sizeMb).toBeGreaterThan(20);

  // First visit: the worker runs, but nothing has been precached.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const precached = () => page.evaluate(async () => (await caches.keys()).filter((key) => key.includes('precache')).length);
  expect(await precached()).toBe(0);

  await save.click();
  await expect(offline.getByRole('status')).toContainText(/Saving the book|saved in this browser/, { timeout: 20_000 });
  await expect(offline).toHaveAttribute('data-saved', 'true', { timeout: 180_000 });
  await expect(offline.getByRole('status')).toContainText(`saved in this browser (${sizeMb.toFixed(1)} MB)`);
  expect(await precached()).toBe(1);

  await context.setOffline(true);
  // Really offline, service worker included: a file neither precached nor opened is unreachable.
  expect(
    await page.evaluate(() =>
      fetch('/sitemap-index.xml').then(
        (r) => r.ok,
        () => false,
      ),
    ),
  ).toBe(false);
  const fromWorker: string[] = [];
  page.on('response', (response) => {
    if (response.fromServiceWorker()) fromWorker.push(new URL(response.url()).pathname);
  });
  for (const path of ['/evidence-lower-bound/', '/generative-models/']) {
    const response = await page.goto(path);
    expect(response?.fromServiceWorker(), `${path} from the service worker`).toBe(true);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('.katex').first()).toBeVisible();
  }

  const widget = await openWidget(page, '/variational-autoencoder/', 'vae-trainer');
  const { early, late } = await trainFromScratch(widget, 'reconstruction', 40);
  expect(late.value).toBeLessThan(early.value);
  expect(fromWorker.some((path) => path.startsWith('/data/mnist/'))).toBe(true);
  expect(fromWorker.some((path) => path.endsWith('.wasm'))).toBe(true);
});
