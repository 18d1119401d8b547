/**
 * The self-check questions at the end of a chapter, used as a reader would: by keyboard and
 * mouse, in both locales; progress kept across a reload and reset; figure tasks graded from a
 * figure's state after the reader changes it through the figure's own controls.
 */
import { expect, type Page, test } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { check, clearProgress, feedback, MODEL_FIGURE, openFigure, question, questions } from './quiz.ts';

test('multiple choice, numeric answers and progress on the KL chapter', async ({ page }) => {
  const watcher = watchPage(page);
  await page.goto('/kl-divergence/');
  await clearProgress(page);
  await expect(page.getByRole('heading', { name: 'Check your understanding' })).toBeVisible();

  // Nothing chosen: the live region asks for an answer and nothing is recorded.
  const asym = question(page, 'asymmetry');
  await check(asym).click();
  await expect(feedback(asym)).toHaveText('Choose an answer first.');
  await expect(feedback(asym)).toHaveAttribute('aria-live', 'polite');

  // A wrong choice by keyboard: explanations appear for every option, with a link to the equation.
  await asym.getByRole('checkbox').first().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // "It equals KL(q‖p)": wrong
  await check(asym).focus();
  await page.keyboard.press('Enter');
  await expect(asym).toHaveAttribute('data-verdict', 'incorrect');
  await expect(asym.locator('.vb-q-why').first()).toBeVisible();
  await expect(asym.getByRole('link', { name: 'Equation (A.4)' }).first()).toHaveAttribute('href', '#eq:kl-nonneg');

  // The right set: options 1 and 3.
  await asym.getByRole('checkbox').nth(1).uncheck();
  await asym.getByRole('checkbox').nth(2).check();
  await check(asym).click();
  await expect(asym).toHaveAttribute('data-verdict', 'correct');
  await expect(feedback(asym)).toHaveText('Correct.');

  // Numeric: garbage, wrong, right (typographic minus and comma accepted elsewhere; here a plain number).
  const gauss = question(page, 'gauss-numeric');
  const box = gauss.getByRole('textbox', { name: 'Your answer' });
  await box.fill('abc');
  await box.press('Enter');
  await expect(feedback(gauss)).toHaveText('Type a number, e.g. 0.25.');
  await box.fill('0.5');
  await box.press('Enter');
  await expect(gauss).toHaveAttribute('data-verdict', 'incorrect');
  await box.fill('0.82');
  await box.press('Enter');
  await expect(gauss).toHaveAttribute('data-verdict', 'correct');
  await expect(gauss.locator('.vb-q-explanation')).toContainText('The answer is 0.82.');

  const progress = questions(page).locator('[data-progress]');
  await expect(progress).toHaveText('2 of 7 answered, 2 correct.');

  // Survives a reload, shown on the progress page too; then reset.
  await page.reload();
  await expect(progress).toHaveText('2 of 7 answered, 2 correct.');
  await page.goto('/progress/');
  const row = page.locator('tr[data-chapter="kl-divergence"]');
  await expect(row.locator('[data-answered]')).toHaveText('2 / 7');
  await expect(row.locator('[data-correct]')).toHaveText('2');
  await expect(row.getByRole('link')).toHaveAttribute('href', '/kl-divergence/#check-your-understanding');
  await page.goto('/zh/progress/');
  await expect(page.locator('tr[data-chapter="kl-divergence"] [data-answered]')).toHaveText('2 / 7');
  await page.goto('/kl-divergence/');
  await questions(page).getByRole('button', { name: 'Reset this chapter’s progress' }).click();
  await expect(progress).toContainText('0 of 7 answered, 0 correct.');
  await page.reload();
  await expect(progress).toHaveText('0 of 7 answered, 0 correct.');
  watcher.expectClean();
});

test('the Chinese edition asks the same questions in Chinese', async ({ page }) => {
  await page.goto('/zh/kl-divergence/');
  await clearProgress(page);
  await expect(page.getByRole('heading', { name: '自测题' })).toBeVisible();
  const gauss = question(page, 'gauss-numeric');
  await gauss.getByRole('textbox', { name: '你的答案' }).fill('0.818');
  await check(gauss).click();
  await expect(feedback(gauss)).toHaveText('正确。');
  await expect(questions(page).locator('[data-progress]')).toHaveText('已答 1/7 题，答对 1 题。');
});

test('figure task (chapter A): fails for the initial KL explorer, passes after q is narrowed with its controls', async ({ page }) => {
  await page.goto('/kl-divergence/');
  await clearProgress(page);
  const task = question(page, 'kl-explorer-task');
  const widget = page.locator('kl-explorer');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true');
  await check(task).click();
  await expect(task).toHaveAttribute('data-verdict', 'incorrect');
  await expect(feedback(task)).toContainText('Not yet: KL(p‖q) = 0.350');

  const sigma2 = widget.getByRole('spinbutton', { name: 'Standard deviation σ₂ of q' });
  await sigma2.fill('0.5');
  await sigma2.press('Enter');
  await check(task).click();
  await expect(task).toHaveAttribute('data-verdict', 'correct');
  await expect(feedback(task)).toContainText('Done:');
});

/** Checks the task: first it must not be met, then `perform` (through the figure's controls) meets it. */
async function expectTaskFailsThenPasses(page: Page, id: string, perform: () => Promise<void>) {
  const task = question(page, id);
  await check(task).click();
  await expect(task).toHaveAttribute('data-verdict', 'incorrect');
  await expect(feedback(task)).toContainText(/Not yet|first/);
  await perform();
  await expect(async () => {
    await check(task).click();
    await expect(task).toHaveAttribute('data-verdict', 'correct', { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(feedback(task)).toContainText('Done:');
}

test('figure task (chapter 1): the density fit reaches the maximum likelihood when μ and σ are typed in', async ({ page }) => {
  const widget = await openFigure(page, '/generative-models/', 'density-fit');
  const points = [-3.1, -2.6, -2.3, -2.0, -1.7, -1.2, 0.6, 1.1, 1.4, 1.7, 1.9, 2.3, 2.8, 3.6];
  const mean = points.reduce((a, b) => a + b, 0) / points.length;
  const sd = Math.sqrt(points.reduce((a, b) => a + (b - mean) ** 2, 0) / points.length);
  await expectTaskFailsThenPasses(page, 'density-fit-task', async () => {
    for (const [name, value] of [
      ['Mean μ', mean],
      ['Standard deviation σ', sd],
    ] as const) {
      const field = widget.getByRole('spinbutton', { name, exact: true });
      await field.fill(value.toFixed(2));
      await field.press('Enter');
    }
  });
});

test('figure task (chapter 2): the EM stepper converges after "Run to convergence"', async ({ page }) => {
  const widget = await openFigure(page, '/em-and-gaussian-mixtures/', 'em-stepper');
  await expectTaskFailsThenPasses(page, 'em-stepper-task', async () => {
    await widget.getByRole('button', { name: 'Run to convergence' }).click();
    await expect(widget.locator('[data-out="status"]')).toContainText(/converged/i, { timeout: 15_000 });
  });
});

test('figure task (chapter 3): the ELBO gap closes when q is moved onto the posterior', async ({ page }) => {
  const widget = await openFigure(page, '/evidence-lower-bound/', 'elbo-gap');
  await expectTaskFailsThenPasses(page, 'elbo-gap-task', async () => {
    // The posterior at x = 1.5 is N(1.2, 0.4472²).
    for (const [name, value] of [
      ['Mean m of q', '1.2'],
      ['Standard deviation s of q', '0.45'],
    ] as const) {
      const field = widget.getByRole('spinbutton', { name });
      await field.fill(value);
      await field.press('Enter');
    }
  });
});

test('figure task (chapter 4): N = 16 is the smallest sample count that matches one pathwise sample', async ({ page }) => {
  const widget = await openFigure(page, '/reparameterisation-trick/', 'gradient-estimators');
  const n = widget.getByRole('combobox', { name: 'Samples per estimate N' });
  await expectTaskFailsThenPasses(page, 'gradient-estimators-task', async () => {
    // 64 is enough but not the smallest: the check says so.
    await n.selectOption('64');
    const task = question(page, 'gradient-estimators-task');
    await check(task).click();
    await expect(feedback(task)).toContainText('not the smallest');
    await n.focus();
    await page.keyboard.press('ArrowUp'); // 64 → 16 by keyboard
  });
});

test('figure task (chapter 8): the smallest K within 0.05 nats, found with the K slider by keyboard', async ({ page }) => {
  const widget = await openFigure(page, '/importance-weighted-autoencoders/', 'iwae-bound');
  const k = widget.getByRole('slider', { name: 'Importance samples K' });
  await expectTaskFailsThenPasses(page, 'iwae-bound-task', async () => {
    await k.focus();
    await page.keyboard.press('End'); // K = 100: close enough, but not the smallest
    const task = question(page, 'iwae-bound-task');
    await check(task).click();
    await expect(feedback(task)).toContainText('not the smallest');
    await k.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft'); // 100 → 80 → 60 → 50 → 40
    await expect(k).toHaveAttribute('aria-valuetext', /40/);
  });
});

test("figure task (chapter 7): a 7 read as 7 at a code far from the origin, with a digit key and the pad's arrow keys", async ({ page }) => {
  test.setTimeout(120_000);
  const widget = await openFigure(page, '/conditional-vae/', 'cvae-explorer', MODEL_FIGURE);
  await expect(widget).toHaveAttribute('data-classified', /^\[(\d,){9}\d\]$/);
  await expectTaskFailsThenPasses(page, 'cvae-explorer-task', async () => {
    const pad = widget.locator('[data-view="pad"]');
    await pad.focus();
    await page.keyboard.press('7'); // the label y = 7
    await expect(widget).toHaveAttribute('data-label', '7');
    const task = question(page, 'cvae-explorer-task');
    await check(task).click();
    await expect(feedback(task)).toContainText('‖z‖ = 0.00');
    await pad.focus();
    for (let i = 0; i < 4; i++) await pad.press('Shift+ArrowLeft'); // z = (−2.4, 0)
    await expect(widget).toHaveAttribute('data-classified-z', /^\[-2\.[34]\d*,0\]$/);
  });
});

test('figure task (chapter 6): the spherical path, switched on by keyboard, gives a midpoint of typical length', async ({ page }) => {
  test.setTimeout(120_000);
  const widget = await openFigure(page, '/variational-autoencoder/', 'latent-interpolation', MODEL_FIGURE);
  await expectTaskFailsThenPasses(page, 'interpolation-task', async () => {
    const spherical = widget.locator('[data-setting="spherical"]');
    await spherical.focus();
    await page.keyboard.press('Space');
    await expect(spherical).toBeChecked();
    await expect(widget).toHaveAttribute('data-path', 'spherical');
  });
});
