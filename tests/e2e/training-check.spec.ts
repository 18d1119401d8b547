/**
 * The model library in a real browser, through the "Train a small VAE here" check on the
 * diagnostics page: MNIST downloads within budget with progress, a VAE trains with falling loss
 * and a flat tensor count, a run on software WebGL takes turns with the page's frames, and a lost
 * WebGL context is survived on another backend.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { isSoftwareRenderer } from '../../src/lib/worker/page-turns.ts';
import { watchPage } from './helpers.ts';
import { openWidget, pauseStops } from './training.ts';

const PAGE = '/diagnostics/';

const open = (page: Page, query: string) => openWidget(page, PAGE, 'training-check', query);

const number = async (locator: Locator) => Number(await locator.textContent());
/** The loss shown, once one is (while training the panel's texts follow at most every 250 ms, so they can trail data-step). */
const shownLoss = async (widget: Locator) => {
  const loss = widget.locator('[data-out="loss"]');
  await expect.poll(() => number(loss), { timeout: 30_000 }).toBeGreaterThan(0);
  return number(loss);
};

test('a VAE trains on MNIST in the page: data within 3 MB, loss falls, tensor count flat', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const dataBytes: number[] = [];
  page.on('response', async (response) => {
    // Bytes on the wire: some servers send the .gz files with Content-Encoding: gzip, so the
    // decoded body would overstate what was transferred.
    if (response.url().includes('/data/mnist/')) dataBytes.push((await response.request().sizes()).responseBodySize);
  });
  const widget = await open(page, '?backend=wasm');
  await widget.getByRole('button', { name: 'Train a small VAE here' }).click();
  await expect(widget.locator('[data-out="download"]')).toHaveJSProperty('value', 1, { timeout: 30_000 });
  await expect(widget).toHaveAttribute('data-backend', 'wasm', { timeout: 30_000 });

  await expect.poll(async () => Number(await widget.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
  const early = { loss: await shownLoss(widget), tensors: await number(widget.locator('[data-out="tensors"]')) };

  // Pause stops the steps and Resume continues them. Paused early: the whole run is 300 steps,
  // which a fast machine trains in two seconds, after which there is nothing left to pause.
  // (The count shown at the click can be one progress read behind the worker, which trains on
  // until the stop reaches it and its step in flight is done; `pauseStops` reads the count once
  // the paused state is shown, final, and checks that it stays.)
  await pauseStops(widget);
  await widget.getByRole('button', { name: 'Resume' }).click();

  await expect.poll(async () => Number(await widget.getAttribute('data-step')), { timeout: 90_000 }).toBeGreaterThanOrEqual(120);
  const late = { loss: await shownLoss(widget), tensors: await number(widget.locator('[data-out="tensors"]')) };

  // Seeded: on WASM the first records read ≈ 530, 420, 310 nats and the loss is ≈ 200 by step 120.
  expect(late.loss).toBeLessThan(early.loss);
  expect(late.loss).toBeLessThan(230);
  expect(late.tensors).toBe(early.tensors);
  const total = dataBytes.reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(1_000_000);
  expect(total).toBeLessThanOrEqual(3_000_000);
  watcher.expectClean();
});

test('after a lost WebGL context, training resumes on another backend from the last good weights', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await open(page, '?backend=webgl');
  await widget.getByRole('button', { name: 'Train a small VAE here' }).click();
  await expect(widget).toHaveAttribute('data-backend', 'webgl', { timeout: 60_000 });
  await expect.poll(async () => Number(await widget.getAttribute('data-step')), { timeout: 90_000 }).toBeGreaterThanOrEqual(30);

  expect(await widget.evaluate((el) => (el as HTMLElement & { app: { loseContextForTest(): boolean } }).app.loseContextForTest())).toBe(true);
  // The check trains only while it can be seen; the figures above it grow as they load.
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-recovered', 'true', { timeout: 30_000 });
  await expect(widget.locator('[data-out="status"]')).toContainText('context was lost');
  const backend = await widget.getAttribute('data-backend');
  expect(backend === 'wasm' || backend === 'cpu').toBe(true);

  const resumedAt = Number(await widget.getAttribute('data-step'));
  await expect.poll(async () => Number(await widget.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThan(resumedAt + 10);
  const loss = await shownLoss(widget);
  expect(Number.isFinite(loss)).toBe(true);
  expect(loss).toBeLessThan(400);
  watcher.expectClean();
});

test('on software WebGL a run waits after each read-back until the page has drawn, and Pause stops it', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  // The steps of the page's hand-backs of its turn (its calls to the worker's handBack).
  await page.addInitScript(() => {
    const handed: number[] = [];
    (window as unknown as { handBacks: number[] }).handBacks = handed;
    const send = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [StructuredSerializeOptions?]) {
      const call = message as { method?: string; args?: unknown[] } | null;
      if (call?.method === 'handBack') handed.push(Number(call.args?.[1]));
      return send.call(this, message, ...rest);
    } as Worker['postMessage'];
  });
  const widget = await open(page, '?backend=webgl');
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return String((info ? gl?.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl?.getParameter(WebGL2RenderingContext.RENDERER)) ?? '');
  });
  test.skip(!isSoftwareRenderer(renderer), `WebGL runs on a GPU here (${renderer}), so runs take no turns`);
  await widget.getByRole('button', { name: 'Train a small VAE here' }).click();
  await expect(widget).toHaveAttribute('data-backend', 'webgl', { timeout: 60_000 });
  // A turn is the page's after a read-back (every 5 steps here), and turns go back in order. (A
  // turn the page is too slow for ends by itself, so on a busy machine some pass unheard.)
  const handBacks = () => page.evaluate(() => (window as unknown as { handBacks: number[] }).handBacks);
  await expect.poll(async () => new Set(await handBacks()).size, { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  const handed = await handBacks();
  expect(handed.every((step) => step > 0 && step % 5 === 0)).toBe(true);
  expect(handed).toEqual([...handed].sort((a, b) => a - b));
  await pauseStops(widget);
  expect(Number.isFinite(await shownLoss(widget))).toBe(true);
  watcher.expectClean();
});

test("the reader's weights are saved in IndexedDB and training continues from them after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  let widget = await open(page, '?backend=wasm');
  await widget.getByRole('button', { name: 'Train a small VAE here' }).click();
  // Saving needs a stopped run; the check's 300 steps take seconds, so let it finish.
  await expect(widget.locator('[data-out="status"]')).toContainText('Done: 300 steps', { timeout: 90_000 });
  const save = widget.getByRole('button', { name: 'Save the weights in this browser' });
  await expect(save).toBeEnabled();
  await save.click();
  await expect(widget.locator('[data-out="status"]')).toContainText('Saved the weights after');

  await page.reload();
  widget = await open(page, '?backend=wasm');
  const restore = widget.getByRole('button', { name: /Continue from your saved weights/ });
  await expect(restore).toBeVisible();
  await restore.click();
  await expect(widget).toHaveAttribute('data-restored', 'true', { timeout: 30_000 });
  await widget.getByRole('button', { name: 'Train a small VAE here' }).click();
  // A fresh model starts near 530 nats; the saved one is far below that from its first steps.
  await expect.poll(async () => Number(await widget.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
  expect(await shownLoss(widget)).toBeLessThan(300);
  watcher.expectClean();
});
