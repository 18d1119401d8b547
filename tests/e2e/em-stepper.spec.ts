/**
 * The EM stepper of chapter 2, driven through its buttons, its select and its points with the
 * mouse and with the keyboard. The expected numbers are replayed here with the same pure
 * transitions the widget uses (`state.ts`, which calls `src/lib/math/mixture`) on the same inputs.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { formatNumber } from '../../src/components/format.ts';
import { applyEStep, applyMStep, type EMState, initEM, parseSettings, withPoints } from '../../src/components/EMStepper/state.ts';
import { watchPage } from './helpers.ts';

const CHAPTER = '/em-and-gaussian-mixtures/';

async function openWidget(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${CHAPTER}${query}`);
  const widget = page.locator('em-stepper');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true');
  return widget;
}

const text = async (widget: Locator, name: string) => (await widget.locator(`[data-out="${name}"]`).textContent()) ?? '';
const dataPoints = (widget: Locator) => widget.getByRole('slider', { name: /^Data point \d+$/ });
const pointValues = (widget: Locator) => dataPoints(widget).evaluateAll((els) => els.map((el) => Number(el.getAttribute('aria-valuenow'))));

/** The displayed numbers equal those of `expected`'s last history entry, digit for digit. */
async function expectShown(widget: Locator, expected: EMState) {
  const last = expected.history.at(-1);
  await expect(widget.locator('[data-out="loglik"]')).toHaveText(formatNumber(last?.logLikelihood ?? Number.NaN));
  await expect(widget.locator('[data-out="elbo"]')).toHaveText(formatNumber(last?.elbo ?? Number.NaN));
  await expect(widget.locator('[data-out="steps"]')).toHaveText(String(last?.step));
  for (const [k, c] of expected.mixture.entries()) {
    await expect(widget.locator(`[data-out="mu-${k + 1}"]`)).toHaveText(formatNumber(c.mu, 3));
  }
}

test('mouse: E-steps make the ELBO equal the log-likelihood and M-steps never lower it, as the library computes', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openWidget(page);
  let expected = initEM(parseSettings(new URLSearchParams()));
  await expectShown(widget, expected);
  expect(Number(await text(widget, 'elbo'))).toBeLessThan(Number(await text(widget, 'loglik')));

  let previous = Number(await text(widget, 'loglik'));
  for (let i = 0; i < 3; i++) {
    await widget.getByRole('button', { name: 'E-step' }).click();
    expected = applyEStep(expected);
    await expectShown(widget, expected);
    expect(await text(widget, 'elbo')).toBe(await text(widget, 'loglik'));
    await expect(widget.locator('[data-out="gap"]')).toHaveText('0.0000');
    await expect(widget.locator('[data-out="status"]')).toContainText('ELBO equals the log-likelihood');

    await widget.getByRole('button', { name: 'M-step' }).click();
    expected = applyMStep(expected);
    await expectShown(widget, expected);
    const now = Number(await text(widget, 'loglik'));
    expect(now).toBeGreaterThanOrEqual(previous);
    expect(Number(await text(widget, 'elbo'))).toBeLessThanOrEqual(now);
    previous = now;
  }
  // One history mark per objective per entry: start + 6 half steps.
  await expect(widget.locator('svg[data-history] .dot.series-loglik')).toHaveCount(7);

  // Run to convergence: the log-likelihood only rises, and the bound ends tight.
  await widget.getByRole('button', { name: 'Run to convergence' }).click();
  await expect(widget.locator('[data-out="status"]')).toContainText('Converged', { timeout: 10_000 });
  expect(Number(await text(widget, 'loglik'))).toBeGreaterThanOrEqual(previous);
  expect(await text(widget, 'elbo')).toBe(await text(widget, 'loglik'));
  watcher.expectClean();
});

test('mouse: dragging a point changes the log-likelihood and opens a gap that the next E-step closes', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openWidget(page);
  await widget.getByRole('button', { name: 'E-step' }).click();
  await expect(widget.locator('[data-out="gap"]')).toHaveText('0.0000');
  const before = await text(widget, 'loglik');

  const point = dataPoints(widget).nth(7);
  await point.scrollIntoViewIfNeeded();
  const box = await point.boundingBox();
  if (box === null) throw new Error('point not laid out');
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 40, cy, { steps: 4 });
  await page.mouse.move(cx + 80, cy, { steps: 4 });
  await page.mouse.up();
  await expect(widget.locator('[data-out="loglik"]')).not.toHaveText(before);
  await expect(widget.locator('[data-out="status"]')).toContainText('The data changed');
  expect(Number(await text(widget, 'gap'))).toBeGreaterThan(0);
  expect(Number(await text(widget, 'elbo'))).toBeLessThan(Number(await text(widget, 'loglik')));

  // Replaying on the displayed points: θ unchanged, q kept; the E-step then closes the gap.
  await widget.getByRole('button', { name: 'E-step' }).click();
  await expect(widget.locator('[data-out="gap"]')).toHaveText('0.0000');
  expect(await text(widget, 'elbo')).toBe(await text(widget, 'loglik'));
  const start = applyEStep(initEM(parseSettings(new URLSearchParams())));
  const moved = withPoints(start, await pointValues(widget), { kind: 'move', index: 7, done: true });
  await expectShown(widget, applyEStep(moved));
  await expect(page).toHaveURL(/x=/);
  watcher.expectClean();
});

test('keyboard: buttons, the K select and the points work without a mouse', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openWidget(page, '?k=3&seed=4');
  let expected = initEM(parseSettings(new URLSearchParams('k=3&seed=4')));
  await expectShown(widget, expected);
  await expect(widget.locator('tr[data-component="3"]')).toBeVisible();

  await widget.getByRole('button', { name: 'E-step' }).focus();
  await page.keyboard.press('Enter');
  expected = applyEStep(expected);
  await expectShown(widget, expected);
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'M-step' })).toBeFocused();
  await page.keyboard.press(' ');
  expected = applyMStep(expected);
  await expectShown(widget, expected);

  // Re-seed from the keyboard: a new start from seed 5, recorded in the URL.
  await widget.getByRole('button', { name: 'Re-seed' }).focus();
  await page.keyboard.press('Enter');
  await expectShown(widget, initEM(parseSettings(new URLSearchParams('k=3&seed=5'))));
  await expect(page).toHaveURL(/seed=5/);

  // K = 2 through the select.
  await widget.getByRole('combobox', { name: 'Components K' }).focus();
  await widget.getByRole('combobox', { name: 'Components K' }).selectOption('2');
  await expectShown(widget, initEM(parseSettings(new URLSearchParams('k=2&seed=5'))));
  await expect(widget.locator('tr[data-component="3"]')).toBeHidden();

  // A point moves with the arrow keys (visible focus ring) and Delete removes it.
  const first = dataPoints(widget).first();
  await first.focus();
  await expect(widget.locator('.dp-focus-ring')).toHaveAttribute('visibility', 'visible');
  await page.keyboard.press('ArrowLeft');
  await expect(first).toHaveAttribute('aria-valuenow', '-3.45');
  await expect(widget.locator('[data-out="status"]')).toContainText('The data changed');
  await page.keyboard.press('Delete');
  await expect(dataPoints(widget)).toHaveCount(13);
  await expect(dataPoints(widget).first()).toBeFocused();
  expect(await widget.textContent()).not.toMatch(/NaN|Infinity|undefined/);
  watcher.expectClean();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the figure description and the noscript note stand in for the widget', async ({ page }) => {
    await page.goto(CHAPTER);
    const description = page.locator('[id="fig:em-stepper-description"]');
    await expect(description).toBeVisible();
    expect((await description.innerText()).length).toBeGreaterThan(200);
    await expect(page.locator('.em-noscript')).toBeVisible();
    await expect(page.locator('em-stepper [data-ui]')).toBeHidden();
  });
});
