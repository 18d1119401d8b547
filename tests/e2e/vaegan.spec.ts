/** Chapter 10: the VAE and the VAE-GAN decode the same codes; the VAE-GAN trains in the page. */
import { expect, test, type Locator } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { canvasPixels, openWidget, pauseStops, stepOf, tensorsOf, trainFromScratch } from './training.ts';

const views = async (widget: Locator, side: 'vae' | 'vaegan') => Number(await widget.getAttribute(`data-views-${side}`));
const sharpness = async (widget: Locator, of: 'vae' | 'vaegan' | 'real') => Number(await widget.getAttribute(`data-sharpness-${of}`));

/** The tensor count once the redraw that follows a change has finished (no read-back in flight). */
async function settledTensors(widget: Locator, side: 'vae' | 'vaegan', before: number): Promise<number> {
  await expect.poll(() => views(widget, side), { timeout: 30_000 }).toBeGreaterThan(before);
  await widget.page().waitForTimeout(300);
  return tensorsOf(widget);
}

test('the VAE-GAN comparison: both grids drawn and different, new codes redraw both, training from scratch redraws only the VAE-GAN, pause stops, tensors flat', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/vae-gan/', 'vaegan-compare');
  const vaeSamples = widget.locator('[data-view="vae-samples"]');
  const vaeganSamples = widget.locator('[data-view="vaegan-samples"]');
  const vaeganReconstructions = widget.locator('[data-view="vaegan-reconstructions"]');

  // Both grids are drawn (24 images of 28 × 28 with 1-pixel gaps: 6 × 28 + 5 = 173 wide) and differ.
  await expect(vaeSamples).toHaveJSProperty('width', 173);
  await expect(vaeganSamples).toHaveJSProperty('width', 173);
  const firstVae = await canvasPixels(vaeSamples);
  const firstVaegan = await canvasPixels(vaeganSamples);
  expect(firstVae.split(':')[1]).not.toBe(firstVaegan.split(':')[1]);
  await expect(widget).toHaveAttribute('data-codes', '1');
  for (const of of ['vae', 'vaegan', 'real'] as const) expect(await sharpness(widget, of)).toBeGreaterThan(0);
  // Real digits are crisper than either model's samples.
  expect(await sharpness(widget, 'real')).toBeGreaterThan(await sharpness(widget, 'vae'));
  expect(await sharpness(widget, 'real')).toBeGreaterThan(await sharpness(widget, 'vaegan'));
  await expect(widget.locator('[data-out="vae-sharpness"]')).toHaveText(/^\d\.\d{3}$/);

  // New codes: both grids change, the tensor count does not.
  const idle = await tensorsOf(widget);
  const [vaeViews, vaeganViews] = [await views(widget, 'vae'), await views(widget, 'vaegan')];
  await widget.getByRole('button', { name: 'Draw new codes' }).click();
  await expect(widget).toHaveAttribute('data-codes', '2');
  await expect.poll(() => canvasPixels(vaeSamples)).not.toBe(firstVae);
  await expect.poll(() => canvasPixels(vaeganSamples)).not.toBe(firstVaegan);
  expect(await settledTensors(widget, 'vae', vaeViews)).toBe(idle);
  await settledTensors(widget, 'vaegan', vaeganViews);
  const vaeBefore = await canvasPixels(vaeSamples);
  const vaeganBefore = await canvasPixels(vaeganSamples);
  const reconstructionsBefore = await canvasPixels(vaeganReconstructions);

  // Train from scratch: the reconstruction term falls, the VAE-GAN side is redrawn, the VAE side is not.
  const { early, late } = await trainFromScratch(widget, 'reconstruction', 100);
  expect(late.value).toBeLessThan(early.value - 50);
  for (const key of ['kl', 'discriminator', 'generator']) expect(Number.isFinite(Number(await widget.getAttribute(`data-loss-${key}`)))).toBe(true);
  await expect(widget.locator('[data-out="backend"]')).toContainText('WASM');
  await expect.poll(() => canvasPixels(vaeganSamples)).not.toBe(vaeganBefore);
  await expect.poll(() => canvasPixels(vaeganReconstructions)).not.toBe(reconstructionsBefore);
  expect(await canvasPixels(vaeSamples)).toBe(vaeBefore);

  await pauseStops(widget); // (waits a second: the redraw that follows the pause is done)
  const afterTraining = await tensorsOf(widget);

  // Flat: more training and more redraws leave the count where it was.
  const steps = await stepOf(widget);
  await widget.getByRole('button', { name: 'Resume training' }).click();
  await expect.poll(() => stepOf(widget), { timeout: 60_000 }).toBeGreaterThanOrEqual(steps + 20);
  const resumedViews = await views(widget, 'vaegan');
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget).toHaveAttribute('data-state', 'paused');
  expect(await settledTensors(widget, 'vaegan', resumedViews)).toBe(afterTraining);
  const beforeCodes = await views(widget, 'vaegan');
  await widget.getByRole('button', { name: 'Draw new codes' }).click();
  await expect(widget).toHaveAttribute('data-codes', '3');
  expect(await settledTensors(widget, 'vaegan', beforeCodes)).toBe(afterTraining);
  expect(await canvasPixels(vaeSamples)).not.toBe(vaeBefore);
  watcher.expectClean();
});
