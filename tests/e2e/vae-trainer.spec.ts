/** Chapter 6, widget (a): the VAE trains in the page through its controls. */
import { expect, test } from '@playwright/test';
import { watchPage } from './helpers';
import { canvasPixels, openWidget, pauseStops, stepOf, trainFromScratch } from './training';

test('the VAE trainer: from scratch the loss falls, pause stops, reset restores the pretrained views, tensors flat', async ({ page }) => {
  test.setTimeout(180_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'vae-trainer');
  const reconstructions = widget.locator('[data-view="reconstructions"]');
  await expect(widget).toHaveAttribute('data-views', /\d+/);
  const pretrained = await canvasPixels(reconstructions);

  const { early, late } = await trainFromScratch(widget, 'reconstruction', 100);
  expect(late.value).toBeLessThan(early.value - 50);
  expect(late.tensors).toBe(early.tensors);
  await expect(widget.locator('[data-out="backend"]')).toContainText('WASM');
  await pauseStops(widget);
  expect(await canvasPixels(reconstructions)).not.toBe(pretrained);

  await widget.getByRole('button', { name: 'Back to the pretrained weights' }).click();
  await expect.poll(() => stepOf(widget)).toBe(0);
  await expect.poll(() => canvasPixels(reconstructions)).toBe(pretrained);
  watcher.expectClean();
});
