/** Chapter 7: the CVAE explorer — the label controls the class, z the style, and the model trains in the page. */
import { expect, test, type Locator } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { canvasPixels, metric, openWidget, pauseStops, tensorsOf, waitForStep } from './training.ts';

const viewsOf = async (widget: Locator) => Number(await widget.getAttribute('data-views'));
const zOf = async (widget: Locator) => JSON.parse((await widget.getAttribute('data-z')) ?? 'null') as [number, number];
const readingsOf = async (widget: Locator) => JSON.parse((await widget.getAttribute('data-classified')) ?? '[]') as number[];
const agreementOf = async (widget: Locator) => (await readingsOf(widget)).filter((reading, label) => reading === label).length;

/**
 * The live tensor counts seen over a second of training. Within a read-back window the trainer
 * holds one running sum per metric, so the count alternates between two values; a leak would
 * raise both, so compare the largest.
 */
async function tensorsWhileTraining(widget: Locator): Promise<number> {
  const seen: number[] = [];
  for (let i = 0; i < 10; i++) {
    seen.push(await tensorsOf(widget));
    await widget.page().waitForTimeout(100);
  }
  return Math.max(...seen);
}

/** Waits until the views were redrawn after `views` redraws (an interaction's redraw has landed). */
async function redrawnAfter(widget: Locator, views: number): Promise<void> {
  await expect.poll(() => viewsOf(widget)).toBeGreaterThan(views);
}

test('the CVAE explorer: the label picks the class the classifier reads and the sweep, z changes the image, tensors flat', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/conditional-vae/', 'cvae-explorer');
  const digit = widget.locator('[data-view="digit"]');
  const row = widget.locator('[data-view="labels"]');
  await expect(widget).toHaveAttribute('data-label', '3');
  expect(await zOf(widget)).toEqual([0, 0]);
  // The pretrained model: the classifier reads the requested digit in (nearly) every image of the row.
  await expect(widget).toHaveAttribute('data-classified', /^\[(\d,){9}\d\]$/);
  expect(await agreementOf(widget)).toBeGreaterThanOrEqual(8);
  await expect(widget.locator('[data-out="classified"]')).toContainText('of 10 as requested');
  const tensors = await tensorsOf(widget);

  // Changing the label changes the large digit and the sweep (the row of ten stays: same z).
  const sweep = widget.locator('[data-view="sweep"]');
  const three = await canvasPixels(digit);
  const sweepOfThree = await canvasPixels(sweep);
  const rowAtOrigin = await canvasPixels(row);
  let views = await viewsOf(widget);
  await widget.getByRole('radio', { name: '7' }).check();
  await expect(widget).toHaveAttribute('data-label', '7');
  await redrawnAfter(widget, views);
  const seven = await canvasPixels(digit);
  expect(seven).not.toBe(three);
  expect(await canvasPixels(sweep)).not.toBe(sweepOfThree);
  expect(await canvasPixels(row)).toBe(rowAtOrigin);
  // Keyboard: arrow keys move between the label buttons, digit keys choose a label directly.
  await widget.getByRole('radio', { name: '7' }).press('ArrowRight');
  await expect(widget).toHaveAttribute('data-label', '8');
  await page.keyboard.press('2');
  await expect(widget).toHaveAttribute('data-label', '2');
  await expect(widget.getByRole('radio', { name: '2' })).toBeChecked();

  // Moving z (arrow keys on the pad) changes the image and the whole row, not the sweep (it does
  // not depend on z); the labels still control the class.
  views = await viewsOf(widget);
  const beforeMove = await canvasPixels(digit);
  const sweepBeforeMove = await canvasPixels(sweep);
  const pad = widget.locator('[data-view="pad"]');
  await pad.focus();
  for (let i = 0; i < 4; i++) await pad.press('Shift+ArrowLeft');
  const [z1, z2] = await zOf(widget);
  expect(z1).toBeCloseTo(-2.4, 6);
  expect(z2).toBeCloseTo(0, 6);
  await redrawnAfter(widget, views);
  await expect.poll(() => canvasPixels(digit)).not.toBe(beforeMove);
  expect(await canvasPixels(row)).not.toBe(rowAtOrigin);
  expect(await canvasPixels(sweep)).toBe(sweepBeforeMove);
  await expect.poll(() => agreementOf(widget)).toBeGreaterThanOrEqual(8);

  // Pressing on the pad chooses the point under the pointer; "sample z" draws a new code.
  const box = await pad.boundingBox();
  if (box === null) throw new Error('the latent pad has no box');
  await page.mouse.click(box.x + 0.75 * box.width, box.y + 0.25 * box.height);
  const [p1, p2] = await zOf(widget);
  expect(p1).toBeGreaterThan(0.5);
  expect(p2).toBeGreaterThan(0.5);
  views = await viewsOf(widget);
  await widget.getByRole('button', { name: 'Sample z ~ N(0, I)' }).click();
  expect(await zOf(widget)).not.toEqual([p1, p2]);
  await redrawnAfter(widget, views);
  await widget.getByRole('button', { name: 'z = 0' }).click();
  expect(await zOf(widget)).toEqual([0, 0]);
  await widget.getByRole('checkbox', { name: 'Codes of the chosen digit only' }).check();
  await expect.poll(() => canvasPixels(row)).toBe(rowAtOrigin);
  await expect.poll(() => tensorsOf(widget)).toBe(tensors);
  watcher.expectClean();
});

test('the CVAE explorer trains from scratch: the reconstruction loss falls, the views (the sweep too) follow, pause stops', async ({ page }) => {
  test.setTimeout(180_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/conditional-vae/', 'cvae-explorer');
  const row = widget.locator('[data-view="labels"]');
  const sweep = widget.locator('[data-view="sweep"]');
  const pretrained = await canvasPixels(row);
  const pretrainedSweep = await canvasPixels(sweep);

  await widget.getByRole('button', { name: 'Train from scratch' }).click();
  await waitForStep(widget, 20);
  // The run's first read-back (steps 1–10), not whatever is showing by step 20.
  const early = { loss: await metric(widget, 'reconstruction', true), tensors: await tensorsWhileTraining(widget) };
  await waitForStep(widget, 120);
  const late = { loss: await metric(widget, 'reconstruction'), tensors: await tensorsWhileTraining(widget) };
  expect(late.loss).toBeLessThan(early.loss - 30);
  expect(late.tensors).toBe(early.tensors);
  await expect(widget.locator('[data-out="backend"]')).toContainText('WASM');
  await pauseStops(widget);
  await expect.poll(() => canvasPixels(row)).not.toBe(pretrained);
  await expect.poll(() => canvasPixels(sweep)).not.toBe(pretrainedSweep); // (the sweep follows the weights)
  await expect(widget).toHaveAttribute('data-classified', /^\[(\d,){9}\d\]$/);

  await widget.getByRole('button', { name: 'Back to the pretrained weights' }).click();
  await expect.poll(() => canvasPixels(row)).toBe(pretrained);
  await expect.poll(() => canvasPixels(sweep)).toBe(pretrainedSweep);
  expect(await agreementOf(widget)).toBeGreaterThanOrEqual(8);
  watcher.expectClean();
});
