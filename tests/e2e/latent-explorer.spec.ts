/** Chapter 6, widgets (b) and (c): the latent plane of the shipped 2-D VAE. */
import { expect, test } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { canvasPixels, openWidget, settledTensors } from './training.ts';

test('dragging in the latent plot decodes there; the keyboard works too; prior samples redraw; tensors flat', async ({ page }) => {
  test.setTimeout(90_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'latent-explorer');
  const scatter = widget.locator('[data-view="scatter"]');
  const decoded = widget.locator('[data-view="decoded"]');
  await expect(widget.locator('[data-view="manifold"]')).toHaveJSProperty('width', 15 * 28);
  const atOrigin = await canvasPixels(decoded);
  const tensors = await settledTensors(page);

  // Drag from the lower left to the upper right of the plane.
  await scatter.scrollIntoViewIfNeeded();
  const box = await scatter.boundingBox();
  if (box === null) throw new Error('scatter not laid out');
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.75);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.25 + 0.05 * i), box.y + box.height * (0.75 - 0.05 * i));
  await page.mouse.up();
  await expect.poll(async () => (await widget.getAttribute('data-z'))?.split(',').map(Number)[0] ?? 0).toBeGreaterThan(1);
  const [z1, z2] = ((await widget.getAttribute('data-z')) ?? '').split(',').map(Number);
  // The drag ended three quarters of the way up and right: z ≈ (1.6, 1.6) on the ±3.5 plane (margins aside).
  expect(z1).toBeGreaterThan(1);
  expect(z2).toBeGreaterThan(1);
  await expect.poll(() => canvasPixels(decoded)).not.toBe(atOrigin);

  // Keyboard: focus the plot and move the point.
  const before = await widget.getAttribute('data-z');
  await scatter.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => widget.getAttribute('data-z')).not.toBe(before);

  // Prior samples redraw on demand.
  const samples = widget.locator('[data-view="samples"]');
  const first = await canvasPixels(samples);
  await widget.getByRole('button', { name: /new samples from the prior/ }).click();
  await expect.poll(() => canvasPixels(samples)).not.toBe(first);
  expect(await settledTensors(page)).toBe(tensors);
  watcher.expectClean();
});
