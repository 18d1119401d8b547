/**
 * The self-check questions at the end of a chapter, used as a reader would: by keyboard and
 * mouse, in both locales; progress kept across a reload and reset; figure tasks graded from a
 * figure's state after the reader changes it through the figure's own controls.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { watchPage } from './helpers';

const questions = (page: Page) => page.locator('vb-questions');
const question = (page: Page, id: string) => questions(page).locator(`.vb-q[data-id="${id}"]`);
const check = (q: Locator) => q.getByRole('button', { name: /^(Check|核对)/ });
const feedback = (q: Locator) => q.locator('[data-feedback]');

async function clearProgress(page: Page) {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
}

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
