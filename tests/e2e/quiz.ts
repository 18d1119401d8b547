/** What the question specs share: finding a chapter's questions, their Check button and feedback, and opening a figure with no stored progress. */
import { expect, type Locator, type Page } from '@playwright/test';

export const questions = (page: Page) => page.locator('vb-questions');
export const question = (page: Page, id: string) => questions(page).locator(`.vb-q[data-id="${id}"]`);
export const check = (q: Locator) => q.getByRole('button', { name: /^(Check|核对)/ });
export const feedback = (q: Locator) => q.locator('[data-feedback]');

/** Forgets the reader's answers (progress lives in localStorage) and reloads the page. */
export async function clearProgress(page: Page) {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
}

/**
 * Opens a chapter with no stored progress and waits for the figure `tag` to be ready. Model
 * figures (MNIST and shipped weights to load) pass `MODEL_FIGURE`: the WASM backend, no
 * measurement, and a longer wait.
 */
export async function openFigure(page: Page, path: string, tag: string, { query = '', timeout = 5_000 } = {}): Promise<Locator> {
  await page.goto(`${path}${query}`);
  await clearProgress(page);
  const widget = page.locator(tag);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout });
  return widget;
}

export const MODEL_FIGURE = { query: '?backend=wasm', timeout: 60_000 };
