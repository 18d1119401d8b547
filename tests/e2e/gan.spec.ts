/** Chapter 9: the toy GAN and the MNIST GAN train in the page through their controls. */
import { expect, type Locator, test } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { canvasPixels, metric, openWidget, pauseStops, stepOf, tensorsOf, trainFromScratch, waitForStep } from './training.ts';

const PAGE = '/generative-adversarial-networks/';
const numberOf = async (widget: Locator, name: string) => Number(await widget.getAttribute(name));

/**
 * Tensor counts are compared once training is paused (read after `pauseStops`, which waits a
 * second, so the redraw after the pause is done): they must be equal.
 */

test('the toy GAN: training moves the samples onto the ring, the loss choice and the distribution switch take effect, pause stops, tensors flat', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, PAGE, 'toy-gan');
  const plane = widget.locator('[data-view="plane"]');
  await expect(widget).toHaveAttribute('data-distribution', 'ring');
  await expect(widget).toHaveAttribute('data-modes', '8');
  const before = await numberOf(widget, 'data-mode-distance');
  expect(before).toBeGreaterThan(0.5);
  const untrained = await canvasPixels(plane);

  await widget.getByRole('button', { name: 'Start training' }).click();
  await waitForStep(widget, 30);
  await pauseStops(widget);
  const early = await tensorsOf(widget);
  expect(Number.isFinite(await metric(widget, 'discriminator'))).toBe(true);
  expect(await metric(widget, 'generator')).toBeGreaterThan(0); // −log D(G(z)) by default

  // Training moves the generated points onto the modes.
  await widget.getByRole('button', { name: 'Resume training' }).click();
  await expect.poll(() => numberOf(widget, 'data-mode-distance'), { timeout: 150_000, intervals: [1000] }).toBeLessThan(0.6 * before);
  await pauseStops(widget);
  expect(await canvasPixels(plane)).not.toBe(untrained);
  expect(await tensorsOf(widget)).toBe(early);

  // The saturating loss log(1 − D(G(z))) is negative: the choice reaches the model at once.
  await widget.getByRole('combobox', { name: 'Generator loss' }).selectOption('minimax');
  await widget.getByRole('combobox', { name: 'Discriminator steps k per generator step' }).selectOption('2');
  const switchedAt = await stepOf(widget);
  await widget.getByRole('button', { name: 'Resume training' }).click();
  await waitForStep(widget, switchedAt + 30);
  await expect.poll(() => metric(widget, 'generator')).toBeLessThan(0);
  await pauseStops(widget);

  // Another distribution: new real samples, a fresh run from random weights.
  const ring = await canvasPixels(plane);
  await widget.getByRole('combobox', { name: 'Real data' }).selectOption('grid');
  await expect(widget).toHaveAttribute('data-distribution', 'grid');
  await expect(widget).toHaveAttribute('data-modes', '25');
  await expect.poll(() => stepOf(widget)).toBe(0);
  await expect(widget.locator('[data-out="note"]')).toContainText('New real data');
  await expect.poll(() => canvasPixels(plane)).not.toBe(ring);
  await widget.getByRole('button', { name: 'Start training' }).click();
  await waitForStep(widget, 20);
  await pauseStops(widget);
  await expect(widget.locator('[data-out="modesCovered"]')).toContainText('of 25');
  watcher.expectClean();
});

test('the MNIST GAN: pretrained samples, new samples, training from scratch updates losses and samples, pause stops, tensors flat', async ({ page }) => {
  test.setTimeout(240_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, PAGE, 'mnist-gan');
  const samples = widget.locator('[data-view="samples"]');
  await expect(widget).toHaveAttribute('data-views', /\d+/);
  const pretrained = await canvasPixels(samples);
  expect(pretrained).toMatch(/^231x115:/); // 4 rows of 8 digits, 1-pixel gaps

  await widget.getByRole('button', { name: 'New samples' }).click();
  await expect(widget).toHaveAttribute('data-sample-seed', '8');
  await expect.poll(() => canvasPixels(samples)).not.toBe(pretrained);
  const redrawn = await canvasPixels(samples);

  const { early, late } = await trainFromScratch(widget, 'discriminator', 30);
  // The losses update: by step 30 the latest read-back is another window than the first.
  expect(late.step).toBeGreaterThanOrEqual(30);
  expect(late.value).not.toBe(early.value);
  for (const key of ['discriminator', 'generator', 'dReal', 'dFake']) expect(Number.isFinite(await metric(widget, key))).toBe(true);
  await expect(widget.locator('[data-metric="dFake"]')).not.toHaveText('–');
  await pauseStops(widget);
  expect(await canvasPixels(samples)).not.toBe(redrawn);
  const first = { tensors: await tensorsOf(widget), loss: await metric(widget, 'discriminator'), pixels: await canvasPixels(samples) };

  await widget.getByRole('button', { name: 'Resume training' }).click();
  await waitForStep(widget, (await stepOf(widget)) + 30);
  await pauseStops(widget);
  expect(await metric(widget, 'discriminator')).not.toBe(first.loss);
  expect(await canvasPixels(samples)).not.toBe(first.pixels);
  expect(await tensorsOf(widget)).toBe(first.tensors);
  watcher.expectClean();
});
