/**
 * Figure tasks on trained models (chapter 5's autoencoder lab, chapter 9's toy GAN), done as a
 * reader would: the task's Check button first reports what is missing, then the task is done
 * through the figure's own controls (arrow keys in the code plot, the training button), and the
 * next Check grades it correct. The grading itself is tested in quiz-figure-checks-models.test.ts.
 */
import { expect, type Locator, test } from '@playwright/test';
import { GAN_MODES_GOAL } from '../../src/lib/quiz/figure-checks-models.ts';
import { watchPage } from './helpers.ts';
import { check, feedback, MODEL_FIGURE, openFigure, question } from './quiz.ts';

/** Presses the task's Check button until it grades the task correct (the figure may still be redrawing). */
async function expectCorrect(task: Locator, timeout: number) {
  await expect(async () => {
    await check(task).click();
    // On failure, the message says what the grader found missing.
    await expect(task, (await feedback(task).textContent()) ?? '').toHaveAttribute('data-verdict', 'correct', { timeout: 250 });
  }).toPass({ timeout, intervals: [250] });
  await expect(feedback(task)).toContainText('Done');
}

test("figure task (chapter 5): the cross moved by keyboard into a hole of the autoencoder's code plot", async ({ page }) => {
  test.setTimeout(90_000);
  const watcher = watchPage(page);
  const widget = await openFigure(page, '/autoencoders/', 'autoencoder-lab', MODEL_FIGURE);
  await expect(widget).toHaveAttribute('data-codes', /\d+/);
  const task = question(page, 'code-hole');

  // No cross yet: the task says so.
  await check(task).click();
  await expect(task).toHaveAttribute('data-verdict', 'incorrect');
  await expect(feedback(task)).toContainText('Not yet: place the cross');

  // The upper right of the pretrained model's code plot holds no codes (the chapter's caption).
  const codes = widget.locator('[data-view="codes"]');
  await codes.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowUp');
  await expect(widget.locator('[data-out="decoded"]')).toContainText('z = (');
  await expectCorrect(task, 10_000);
  await expect(feedback(task)).toContainText('look at what it makes');
  await expect(task.locator('.vb-q-explanation')).toBeVisible();
  watcher.expectClean();
});

test("figure task (chapter 9): the toy GAN, trained with its controls, reaches the ring's modes", async ({ page }) => {
  test.setTimeout(90_000);
  const watcher = watchPage(page);
  const widget = await openFigure(page, '/generative-adversarial-networks/', 'toy-gan', MODEL_FIGURE);
  await expect(widget).toHaveAttribute('data-distribution', 'ring');
  const task = question(page, 'ring-modes');

  // Untrained: the generated points reach too few modes, and the message says how many.
  await expect(widget).toHaveAttribute('data-modes-covered', /\d/);
  await check(task).click();
  await expect(task).toHaveAttribute('data-verdict', 'incorrect');
  await expect(feedback(task)).toContainText(/^Not yet after 0 steps: \d of 8 modes/);

  // The page's first run (weights of seed 1) tends to stay on five modes, as the prompt warns;
  // "Train from scratch" draws other weights and starts training. Training runs only while the
  // figure is in view, so, as a reader would, watch the table until it counts enough modes, then
  // scroll to the task and check (the figure pauses meanwhile); if the count fell again, repeat.
  await widget.getByRole('button', { name: 'Train from scratch' }).click();
  const started = Date.now();
  const covered = async () => Number(await widget.getAttribute('data-modes-covered'));
  await expect(async () => {
    await widget.locator('[data-view="plane"]').scrollIntoViewIfNeeded();
    await expect.poll(covered, { timeout: 10_000 }).toBeGreaterThanOrEqual(GAN_MODES_GOAL);
    await check(task).click();
    await expect(task, (await feedback(task).textContent()) ?? '').toHaveAttribute('data-verdict', 'correct', { timeout: 500 });
  }).toPass({ timeout: 40_000 });
  await expect(feedback(task)).toContainText(/^Done after \d+ steps: [6-8] of 8 modes/);
  test.info().annotations.push({ type: 'trained', description: `${Date.now() - started} ms to step ${await widget.getAttribute('data-step')}` });
  await widget.scrollIntoViewIfNeeded();
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget).toHaveAttribute('data-state', 'paused');
  watcher.expectClean();
});
