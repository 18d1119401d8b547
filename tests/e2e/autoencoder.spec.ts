/**
 * Chapter 5's autoencoder lab, driven through its controls: the PCA of the test digits with its
 * explained variance, decoding the code under the cross (pointer drag and arrow keys), random
 * codes, the denoising toggle and noise slider, and the shared training checks (from scratch the
 * loss falls, pause stops, reset restores the pretrained views, the tensor count stays flat).
 */
import { expect, test, type Locator } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { canvasPixels, openWidget, pauseStops, stepOf, tensorsFlatAcrossSteps, tensorsOf, trainFromScratch } from './training.ts';

/** The canvas's pixels once they have stopped changing (views redraw asynchronously). */
async function settledPixels(canvas: Locator): Promise<string> {
  let previous = await canvasPixels(canvas);
  for (;;) {
    await canvas.page().waitForTimeout(300);
    const next = await canvasPixels(canvas);
    if (next === previous) return next;
    previous = next;
  }
}

test('the autoencoder lab: PCA beside the codes, decoding a point, random codes, denoising, and training from scratch', async ({ page }) => {
  test.setTimeout(240_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/autoencoders/', 'autoencoder-lab');
  const codes = widget.locator('[data-view="codes"]');
  const reconstructions = widget.locator('[data-view="reconstructions"]');
  const decoded = widget.locator('[data-view="decoded"]');
  await expect(widget).toHaveAttribute('data-codes', /\d+/);
  const pretrainedViews = await settledPixels(reconstructions);
  const initialTensors = await tensorsOf(widget);

  // PCA of the same test digits, computed in the page: the first two components explain
  // 9.73 % and 7.50 % of the variance of the 5,000 test images (as the chapter says).
  await expect(widget).toHaveAttribute('data-pca-variance', /,/, { timeout: 60_000 });
  const [first, second] = ((await widget.getAttribute('data-pca-variance')) ?? '').split(',').map(Number);
  expect(first).toBeCloseTo(0.0973, 3);
  expect(second).toBeCloseTo(0.075, 3);
  await expect(widget.locator('[data-out="pca-variance"]')).toContainText('9.73 %');
  const pca = widget.locator('[data-view="pca"]');
  const blank = await pca.evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i + 3] ?? 0) > 0) coloured++;
    return coloured;
  });
  expect(blank).toBeGreaterThan(1000); // thousands of dots, not an empty frame
  // Pressing the PCA plot shows the mean image plus the chosen multiples of the two directions.
  await pca.scrollIntoViewIfNeeded();
  const pcaBox = await pca.boundingBox();
  if (pcaBox === null) throw new Error('PCA plot not laid out');
  await page.mouse.click(pcaBox.x + 0.6 * pcaBox.width, pcaBox.y + 0.4 * pcaBox.height);
  await expect(widget).toHaveAttribute('data-pca-decoded-z', /,/);
  await expect(widget.locator('[data-out="pca-decoded"]')).toContainText('z = (');

  // Hovering the code plot shows the nearest test digit.
  await codes.scrollIntoViewIfNeeded();
  const box = await codes.boundingBox();
  if (box === null) throw new Error('code plot not laid out');
  for (const [fx, fy] of [
    [0.5, 0.5],
    [0.4, 0.6],
    [0.6, 0.4],
    [0.5, 0.3],
    [0.3, 0.5],
  ] as const) {
    await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
    if ((await widget.getAttribute('data-hovered')) !== null) break;
  }
  await expect(widget).toHaveAttribute('data-hovered', /\d+/);

  // Pressing and dragging in the code plot decodes the code under the cross.
  await page.mouse.move(box.x + 0.3 * box.width, box.y + 0.3 * box.height);
  await page.mouse.down();
  await expect(widget).toHaveAttribute('data-decoded', /\d+/);
  const pressed = await settledPixels(decoded);
  const pressedZ = await widget.getAttribute('data-decoded-z');
  await page.mouse.move(box.x + 0.7 * box.width, box.y + 0.7 * box.height, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => widget.getAttribute('data-decoded-z')).not.toBe(pressedZ);
  const dragged = await settledPixels(decoded);
  expect(dragged).not.toBe(pressed);

  // The arrow keys move the cross too.
  await codes.focus();
  const draggedZ = await widget.getAttribute('data-decoded-z');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(() => widget.getAttribute('data-decoded-z')).not.toBe(draggedZ);
  expect(await settledPixels(decoded)).not.toBe(dragged);

  // Random codes: eight are decoded, and the widget counts those in holes.
  await widget.getByRole('button', { name: 'Decode random codes' }).click();
  await expect(widget).toHaveAttribute('data-random-holes', /\d+/);
  await expect(widget.locator('[data-out="random"]')).toContainText('of 8 random codes fall in a hole');
  await widget.getByRole('button', { name: 'Decode codes from N(0, I)' }).click();
  await expect(widget).toHaveAttribute('data-random-source', 'normal');
  await expect(widget.locator('[data-out="random"]')).toContainText('Drawn from N(0, I)');

  // Denoising: ticking the box corrupts the input row; the slider changes the noise level.
  const denoise = widget.getByLabel('Denoising: train on noisy inputs');
  const slider = widget.locator('[data-setting="noise"]');
  await expect(slider).toBeDisabled();
  await denoise.check();
  await expect(widget).toHaveAttribute('data-noise', '0.4');
  const noisy = await settledPixels(reconstructions);
  expect(noisy).not.toBe(pretrainedViews);
  await slider.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect(widget).toHaveAttribute('data-noise', '0.7');
  await expect(widget.locator('[data-out="noise"]')).toHaveText('0.7');
  const noisier = await settledPixels(reconstructions);
  expect(noisier).not.toBe(noisy);
  await denoise.uncheck();
  await expect(widget).toHaveAttribute('data-noise', '0');
  await expect.poll(() => canvasPixels(reconstructions)).toBe(pretrainedViews);
  const pretrainedCodes = await settledPixels(codes);

  // Training from scratch: the loss falls, the tensor count stays flat; pause stops the steps.
  const { early, late } = await trainFromScratch(widget, 'loss', 300);
  // From random weights the loss starts near 784 ln 2 ≈ 543 nats and falls steeply: the 'early'
  // read-back (the group of steps 1–10, or a later one) is 400 or ~220, step 300 gives ~175.
  expect(late.value).toBeLessThan(early.value - 20);
  await expect(widget.locator('[data-out="backend"]')).toContainText('WASM');
  await pauseStops(widget);
  // Flat across 50 more steps.
  await tensorsFlatAcrossSteps(page, widget, 50);
  expect(await settledPixels(reconstructions)).not.toBe(pretrainedViews);
  expect(await settledPixels(codes)).not.toBe(pretrainedCodes);

  // Back to the pretrained weights: the same codes and reconstructions as at the start.
  await widget.getByRole('button', { name: 'Back to the pretrained weights' }).click();
  await expect.poll(() => stepOf(widget)).toBe(0);
  await expect.poll(() => canvasPixels(reconstructions)).toBe(pretrainedViews);
  await expect.poll(() => canvasPixels(codes)).toBe(pretrainedCodes);
  // Everything the session made (optimiser state, sums, views, decodings) has been freed.
  await expect.poll(() => tensorsOf(widget)).toBe(initialTensors);
  watcher.expectClean();
});
