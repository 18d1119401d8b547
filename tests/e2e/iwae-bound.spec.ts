/**
 * The IWAE chapter's figure, driven through its controls with the keyboard and the mouse. The
 * toy panel: moving the K slider raises the displayed bound towards the exact log p(x) and never
 * above it (beyond Monte Carlo error); the proposal and the model change the curve. The VAE
 * panel (the shipped 2-D VAE, on WASM): L_50 ≥ L_1, another digit changes the figures, the curve
 * rises with K, and the live tensor count stays flat while K and the digit change.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { indexOfK, K_STEPS } from '../../src/components/IwaeBound/state.ts';
import { watchPage } from './helpers.ts';
import { openWidget } from './training.ts';

const CHAPTER = '/importance-weighted-autoencoders/';

const open = (page: Page) => openWidget(page, CHAPTER, 'iwae-bound');

const numberAttr = async (locator: Locator, name: string) => Number(await locator.getAttribute(name));

/** Moves the K slider to `k` with the keyboard (Home, then arrow presses). */
async function setK(widget: Locator, k: number): Promise<void> {
  const slider = widget.getByRole('slider', { name: 'Importance samples K' });
  await slider.focus();
  await slider.press('Home');
  for (let i = 0; i < indexOfK(k); i++) await slider.press('ArrowRight');
  await expect(widget).toHaveAttribute('data-k', String(k));
}

test('toy panel: raising K lifts the bound from the ELBO towards the exact log p(x), never above it', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await open(page);
  const toy = widget.locator('[data-panel="toy"]');
  const readout = toy.locator('[data-out="bound"]');

  await expect(toy).toHaveAttribute('data-k', '1');
  const logPx = await numberAttr(toy, 'data-log-px');
  const elbo = await numberAttr(toy, 'data-elbo');
  expect(logPx).toBeCloseTo(-1.9305, 4);
  expect(elbo).toBeCloseTo(-6.7258, 4);
  await expect(toy.locator('[data-out="evidence"]')).toHaveText('-1.9305');
  const l1 = await numberAttr(toy, 'data-bound');
  const l1Text = await readout.textContent();
  // L_1 estimates the ELBO.
  expect(Math.abs(l1 - elbo)).toBeLessThan(4 * (await numberAttr(toy, 'data-se')));

  // Step K up through every slider position: the bound rises (up to MC error) and stays ≤ log p(x).
  const slider = widget.getByRole('slider', { name: 'Importance samples K' });
  await slider.focus();
  let previous = { mean: l1, se: await numberAttr(toy, 'data-se') };
  for (const k of K_STEPS.slice(1)) {
    await slider.press('ArrowRight');
    await expect(toy).toHaveAttribute('data-k', String(k));
    await expect(slider).toHaveAttribute('aria-valuetext', `K = ${k}`);
    const mean = await numberAttr(toy, 'data-bound');
    const se = await numberAttr(toy, 'data-se');
    expect(mean, `L_${k} ≥ previous`).toBeGreaterThanOrEqual(previous.mean - 3 * Math.hypot(se, previous.se));
    expect(mean, `L_${k} ≤ log p(x)`).toBeLessThanOrEqual(logPx + 3 * se);
    previous = { mean, se };
  }
  await expect(widget.locator('[data-out="k"]')).toHaveText('100');
  const l100 = await numberAttr(toy, 'data-bound');
  expect(l100 - l1).toBeGreaterThan(4);
  expect(logPx - l100).toBeLessThan(0.1);
  await expect(readout).not.toHaveText(l1Text ?? '');

  // Home returns to K = 1 and the ELBO-sized figure.
  await slider.press('Home');
  await expect(toy).toHaveAttribute('data-k', '1');
  expect(await numberAttr(toy, 'data-bound')).toBe(l1);

  // The best Gaussian is the exact posterior here: every L_K equals log p(x).
  await toy.getByLabel('Proposal q(z | x)').selectOption('best');
  await expect(async () => expect(Math.abs((await numberAttr(toy, 'data-bound')) - logPx)).toBeLessThan(1e-9)).toPass();
  await setK(widget, 50);
  expect(Math.abs((await numberAttr(toy, 'data-bound')) - logPx)).toBeLessThan(1e-9);

  // The squared model with the best Gaussian: one hump missed, a gap of about log 2 remains at K = 50.
  await toy.getByLabel('Model').selectOption('squared');
  await expect(toy.locator('[data-out="evidence"]')).toHaveText('-1.7252');
  const gap = (await numberAttr(toy, 'data-log-px')) - (await numberAttr(toy, 'data-bound'));
  expect(gap).toBeGreaterThan(0.65);
  expect(gap).toBeLessThan(0.75);

  // Moving x changes log p(x).
  const x = toy.getByRole('slider', { name: 'Observation x' });
  await x.focus();
  await x.press('ArrowLeft');
  await expect(toy.locator('[data-out="x"]')).toHaveText('1.45');
  await expect(toy.locator('[data-out="evidence"]')).not.toHaveText('-1.7252');

  expect((await widget.textContent()) ?? '').not.toMatch(/NaN|Infinity|undefined/);
  watcher.expectClean();
});

test('VAE panel: L_50 ≥ L_1, another digit changes the figures, the curve rises, tensors stay flat', async ({ page }) => {
  test.setTimeout(180_000);
  const watcher = watchPage(page);
  const widget = await open(page);
  const vae = widget.locator('[data-panel="vae"]');
  await expect(vae).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  const idle = () => expect(vae).not.toHaveAttribute('data-busy', 'true', { timeout: 60_000 });
  const radios = vae.getByRole('radio');
  await expect(radios).toHaveCount(10);
  await expect(radios.first()).toBeChecked();
  const firstDigit = await vae.getAttribute('data-digit');

  // K = 1: the bound is an estimate of the ELBO.
  await idle();
  await expect(vae).toHaveAttribute('data-k', '1');
  const elbo = await numberAttr(vae, 'data-elbo');
  const elboSe = await numberAttr(vae, 'data-elbo-se');
  const l1 = await numberAttr(vae, 'data-bound');
  const l1Se = await numberAttr(vae, 'data-se');
  expect(Math.abs(l1 - elbo)).toBeLessThan(4 * Math.hypot(l1Se, elboSe) + 0.05);

  // K = 50: at least L_1, up to Monte Carlo error.
  await setK(widget, 50);
  await expect(vae).toHaveAttribute('data-k', '50', { timeout: 60_000 });
  await idle();
  const l50 = await numberAttr(vae, 'data-bound');
  const l50Se = await numberAttr(vae, 'data-se');
  expect(l50).toBeGreaterThanOrEqual(l1 - 3 * Math.hypot(l1Se, l50Se) - 0.05);
  expect(l50).toBeGreaterThanOrEqual(elbo - 3 * Math.hypot(elboSe, l50Se) - 0.05);
  await expect(vae.locator('[data-out="vae-bound"]')).toContainText('±');
  await expect(vae.locator('[data-out="test-set"]')).toContainText('152.92');
  await expect(vae.locator('[data-out="test-set"]')).toContainText('150.35');

  // The curve on demand (for the first digit, a 0): K = 1 … 100, non-decreasing up to Monte Carlo error.
  await expect(vae.getByRole('radio', { name: /a 0$/ })).toBeChecked();
  await vae.getByRole('button', { name: 'Compute L_K for K = 1 … 100' }).click();
  await expect(vae).toHaveAttribute('data-curve', /.+/, { timeout: 60_000 });
  const curve = JSON.parse((await vae.getAttribute('data-curve')) ?? '[]') as Array<{ k: number; mean: number; se: number }>;
  expect(curve.map((p) => p.k)).toEqual([1, 2, 5, 10, 20, 50, 100]);
  for (let i = 1; i < curve.length; i++) {
    expect(curve[i]!.mean).toBeGreaterThanOrEqual(curve[i - 1]!.mean - 3 * Math.hypot(curve[i]!.se, curve[i - 1]!.se) - 0.05);
  }
  expect(curve.at(-1)!.mean).toBeGreaterThan(curve[0]!.mean);
  expect(curve.find((p) => p.k === 50)?.mean).toBe(l50);
  await expect(vae.locator('[data-plot="vae"] .curve')).toHaveAttribute('d', /M/);
  await expect(vae.locator('[data-plot="vae"]')).toBeVisible();

  // Pick the digit 7 with the mouse: new figures, and the curve (of the 0) is gone.
  await vae.getByRole('radio', { name: /a 7$/ }).check();
  await expect(vae).not.toHaveAttribute('data-digit', firstDigit ?? '');
  await idle();
  await expect(vae).toHaveAttribute('data-k', '50');
  expect(await numberAttr(vae, 'data-bound')).not.toBe(l50);
  expect(await numberAttr(vae, 'data-elbo')).not.toBe(elbo);
  await expect(vae).not.toHaveAttribute('data-curve', /.+/);
  await expect(vae.locator('[data-plot="vae"]')).toBeHidden();

  // The live tensor count is the same after rounds of K changes on two digits (new estimates each time).
  const round = async (ks: number[]) => {
    for (const k of ks) {
      await setK(widget, k);
      await expect(vae).toHaveAttribute('data-k', String(k), { timeout: 60_000 });
    }
    await idle();
    return numberAttr(vae, 'data-tensors');
  };
  const base = await round([3, 8, 25, 100]);
  expect(base).toBeGreaterThan(0);
  // The digit 8, chosen from the keyboard: arrow keys move within the radio group.
  await vae.getByRole('radio', { name: /a 7$/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(vae.getByRole('radio', { name: /a 8$/ })).toBeChecked();
  await idle();
  expect(await round([3, 8, 25, 100])).toBe(base);
  expect(await round([4, 12, 60, 1])).toBe(base);

  expect((await widget.textContent()) ?? '').not.toMatch(/NaN|Infinity|undefined/);
  watcher.expectClean();
});
