/**
 * The figure tasks of chapters 10 (VAE-GAN) and 11 (comparing generative models), done as a
 * reader does them: open the chapter, press the task's Check button and read what is missing,
 * then use the figure's own buttons (mouse and keyboard) until Check grades the task correct.
 * Both figures load MNIST and shipped weights, so they run on the WASM backend.
 */
import { expect, type Locator, test } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { check, feedback, MODEL_FIGURE, openFigure, question } from './quiz.ts';

/** Presses Check and expects the task not done yet, with a message that says what is missing. */
async function expectNotYet(task: Locator, missing: RegExp) {
  await check(task).click();
  await expect(task).toHaveAttribute('data-verdict', 'incorrect');
  await expect(feedback(task)).toContainText(/^Not yet: /);
  await expect(feedback(task)).toContainText(missing);
}

test('figure task (chapter 10): an untrained VAE-GAN beats real digits on sharpness, reached with "Train from scratch" and Pause', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await openFigure(page, '/vae-gan/', 'vaegan-compare', MODEL_FIGURE);
  const task = question(page, 'vaegan-compare-task');
  await expectNotYet(task, /must score above the real digits/);

  const views = Number(await widget.getAttribute('data-views-vaegan'));
  await widget.getByRole('button', { name: 'Train from scratch' }).click();
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget).toHaveAttribute('data-state', 'paused');
  await expect.poll(async () => Number(await widget.getAttribute('data-views-vaegan'))).toBeGreaterThan(views);
  await expect(async () => {
    await check(task).click();
    await expect(task).toHaveAttribute('data-verdict', 'correct', { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(feedback(task)).toContainText(/^Done: .* times as grey/);
  await expect(task.locator('.vb-q-explanation')).toBeVisible();
  watcher.expectClean();
});

test('figure task (chapter 11): new samples drawn by keyboard until the VAE-GAN out-scores the 20-D VAE on sharpness', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await openFigure(page, '/comparing-generative-models/', 'model-gallery', MODEL_FIGURE);
  const task = question(page, 'model-gallery-task');
  await expectNotYet(task, /Draw new samples until/);

  const redraw = widget.getByRole('button', { name: 'Draw new samples' });
  for (let draws = 0; draws < 40 && (await task.getAttribute('data-verdict')) !== 'correct'; draws++) {
    const seed = Number(await widget.getAttribute('data-seed'));
    await redraw.focus();
    await page.keyboard.press('Enter');
    await expect(widget).toHaveAttribute('data-seed', String(seed + 1));
    await check(task).click();
    await expect(feedback(task)).toContainText(`with seed ${seed + 1} `);
  }
  await expect(task).toHaveAttribute('data-verdict', 'correct');
  await expect(feedback(task)).toContainText(/^Done: with seed \d+ the VAE-GAN's samples score/);
  watcher.expectClean();
});
