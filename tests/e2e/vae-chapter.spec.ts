/**
 * Chapter 6's own widgets: (d) latent interpolation — picking two other test digits (by mouse
 * and by keyboard) redraws the decoded path, and the spherical path and the 2-D model draw
 * other strips; (e) β and posterior collapse — at β = 8 a short run of training cuts the KL
 * summed over the latent dimensions, with a flat tensor count.
 */
import { expect, test, type Locator } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { canvasPixels, openWidget, tensorsFlatAcrossSteps, waitForStep } from './training.ts';

const klPerDim = async (widget: Locator): Promise<number[]> => JSON.parse((await widget.getAttribute('data-kl-per-dim')) ?? '[]') as number[];
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

test('latent interpolation: other digits, the spherical path and the 2-D model redraw the strip', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'latent-interpolation');
  const strip = widget.locator('[data-view="path"]');
  const views = async () => Number(await widget.getAttribute('data-views'));
  const initial = { a: await widget.getAttribute('data-a'), b: await widget.getAttribute('data-b'), pixels: await canvasPixels(strip) };
  expect(initial.a).not.toBe(initial.b);
  await expect(widget.locator('[data-out="norms"]')).toContainText('√20');

  // Mouse: click the thumbnails of the 0 (as A) and the 8 (as B).
  const radios = (pick: 'a' | 'b') => widget.locator(`[data-pick="${pick}"] input[type="radio"]`);
  const thumbs = (pick: 'a' | 'b') => widget.locator(`[data-pick="${pick}"] canvas[data-thumb]`);
  await thumbs('a').nth(0).click();
  await thumbs('b').nth(8).click();
  await expect(radios('a').nth(0)).toBeChecked();
  await expect(radios('b').nth(8)).toBeChecked();
  await expect(widget).not.toHaveAttribute('data-a', initial.a ?? '');
  await expect(widget).not.toHaveAttribute('data-b', initial.b ?? '');
  await expect.poll(() => canvasPixels(strip)).not.toBe(initial.pixels);
  const mouse = await canvasPixels(strip);
  await expect(radios('a').nth(0)).toHaveAccessibleName(/a 0$/);

  // Keyboard: the arrow key moves A to the next image of the strip.
  const before = await widget.getAttribute('data-a');
  await radios('a').nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await expect(radios('a').nth(1)).toBeChecked();
  await expect(widget).not.toHaveAttribute('data-a', before ?? '');
  await expect.poll(() => canvasPixels(strip)).not.toBe(mouse);

  // The spherical path and the 2-D model draw other images.
  const straight = await canvasPixels(strip);
  let count = await views();
  await widget.getByRole('checkbox', { name: /Spherical path/ }).check();
  await expect(widget).toHaveAttribute('data-path', 'spherical');
  await expect.poll(views).toBeGreaterThan(count);
  expect(await canvasPixels(strip)).not.toBe(straight);
  count = await views();
  await widget.getByLabel('Model').selectOption('vae2');
  await expect(widget).toHaveAttribute('data-model', 'vae2');
  await expect.poll(views).toBeGreaterThan(count);
  await expect(widget.locator('[data-out="norms"]')).toContainText('√2 ');
  watcher.expectClean();
});

test('β collapse: at β = 8 a short run cuts the KL per dimension, the bars and counts follow, tensors flat', async ({ page }) => {
  test.setTimeout(180_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'beta-collapse');
  const start = await klPerDim(widget);
  expect(start).toHaveLength(20);
  expect(Number(await widget.getAttribute('data-active-units'))).toBe(20);
  expect(sum(start)).toBeGreaterThan(15);
  await expect(widget.locator('rect.bar')).toHaveCount(20);

  await widget.locator('[data-setting="beta"]').fill('8');
  await expect(widget.locator('[data-out="beta"]')).toHaveText('8');
  await widget.getByRole('button', { name: 'Start training' }).click();
  await waitForStep(widget, 40);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget).toHaveAttribute('data-state', 'paused');
  // The page's tensor count is the same after 40 more steps (a leak of one tensor per step would add 40).
  await tensorsFlatAcrossSteps(page, widget, 40);

  // After the pause the bars are redrawn from the final weights.
  await expect.poll(async () => sum(await klPerDim(widget)), { timeout: 30_000 }).toBeLessThan(0.6 * sum(start));
  const after = await klPerDim(widget);
  expect(Math.max(...after)).toBeLessThan(Math.max(...start));
  expect(Number(await widget.getAttribute('data-active-units'))).toBeLessThanOrEqual(20);

  // Sorting reorders the bars by KL without changing the values.
  await widget.getByLabel('Sort the dimensions by their KL').check();
  const heights = await widget.locator('rect.bar').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
  const xs = await widget.locator('rect.bar').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('x'))));
  const byX = heights
    .map((h, i) => [xs[i] ?? 0, h] as const)
    .sort((p, q) => p[0] - q[0])
    .map(([, h]) => h);
  for (let i = 1; i < byX.length; i++) expect(byX[i]).toBeLessThanOrEqual((byX[i - 1] ?? 0) + 1e-6);
  watcher.expectClean();
});
