/**
 * The density-fit widget of chapter 1, driven through its controls with the mouse and with the
 * keyboard. Expected values come from the math library (`src/lib/math/mixture`) applied to the
 * numbers the widget displays, or, for the single Gaussian, from the closed form written out here.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { averageLogLikelihood, type Mixture1D } from '../../src/lib/math/mixture.ts';
import { watchPage } from './helpers.ts';

const CHAPTER = '/generative-models/';

async function openWidget(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${CHAPTER}${query}`);
  const widget = page.locator('density-fit');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true');
  return widget;
}

const field = (widget: Locator, name: string) => widget.getByRole('spinbutton', { name, exact: true });
const slider = (widget: Locator, name: string) => widget.getByRole('slider', { name, exact: true });
const dataPoints = (widget: Locator) => widget.getByRole('slider', { name: /^Data point \d+$/ });
const shown = async (widget: Locator, name: string) => Number(await widget.locator(`[data-out="${name}"]`).textContent());

/** The points as the widget exposes them to assistive technology (aria-valuenow). */
async function pointValues(widget: Locator): Promise<number[]> {
  return dataPoints(widget).evaluateAll((els) => els.map((el) => Number(el.getAttribute('aria-valuenow'))));
}

/** The density the displayed parameters describe, for the selected model. */
async function displayedMixture(widget: Locator): Promise<Mixture1D> {
  const read = async (name: string) => Number(await field(widget, name).inputValue());
  if (await widget.getByRole('radio', { name: 'One Gaussian' }).isChecked()) {
    return [{ weight: 1, mu: await read('Mean μ'), sigma: await read('Standard deviation σ') }];
  }
  const pi = await read('Weight π of component 1');
  return [
    { weight: pi, mu: await read('Mean μ₁ of component 1'), sigma: await read('Standard deviation σ₁ of component 1') },
    { weight: 1 - pi, mu: await read('Mean μ₂ of component 2'), sigma: await read('Standard deviation σ₂ of component 2') },
  ];
}

/** The displayed average log-likelihood equals the library's value for the displayed points and parameters. */
async function expectLogLikelihoodShown(widget: Locator) {
  await expect(async () => {
    const expected = averageLogLikelihood(await pointValues(widget), await displayedMixture(widget));
    expect(await shown(widget, 'loglik')).toBeCloseTo(expected, 4);
  }).toPass({ timeout: 5000 });
}

test('mouse: dragging, adding and fitting update the log-likelihood, which matches the library', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openWidget(page);
  await expectLogLikelihoodShown(widget);
  await expect(widget.locator('svg[data-plot] .series-model path.line')).toHaveCount(1);

  // Drag the first point 100 px to the right.
  const before = await shown(widget, 'loglik');
  const first = dataPoints(widget).first();
  await first.scrollIntoViewIfNeeded();
  const box = await first.boundingBox();
  if (box === null) throw new Error('point not laid out');
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const x0 = (await pointValues(widget))[0];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 50, cy, { steps: 4 });
  await page.mouse.move(cx + 100, cy, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await pointValues(widget))[0]).toBeGreaterThan((x0 ?? 0) + 0.5);
  await expect.poll(() => shown(widget, 'loglik')).not.toBe(before);
  await expectLogLikelihoodShown(widget);

  // A click on empty space in the chart adds a point there.
  await widget.locator('svg[data-plot]').scrollIntoViewIfNeeded();
  const plot = await widget.locator('svg[data-plot]').boundingBox();
  if (plot === null) throw new Error('plot not laid out');
  await page.mouse.click(plot.x + plot.width * 0.9, plot.y + plot.height * 0.3);
  await expect(widget.locator('[data-out="n"]')).toHaveText('15');
  await expectLogLikelihoodShown(widget);

  // The fit button gives the closed-form MLE (mean, and root mean squared deviation over N).
  const unfitted = await shown(widget, 'loglik');
  await widget.getByRole('button', { name: 'Fit by maximum likelihood' }).click();
  const xs = await pointValues(widget);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  await expect(field(widget, 'Mean μ')).toHaveValue(mean.toFixed(2));
  await expect(field(widget, 'Standard deviation σ')).toHaveValue(sd.toFixed(2));
  expect(await shown(widget, 'loglik')).toBeGreaterThan(unfitted);
  expect(await shown(widget, 'loglik')).toBe(await shown(widget, 'loglik-fit'));
  await expectLogLikelihoodShown(widget);
  watcher.expectClean();
});

test('keyboard: points, sliders, the model choice and the fit button all work without a mouse', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openWidget(page);

  // Fit the Gaussian from the keyboard, then move away from the MLE with a slider: the value falls.
  await widget.getByRole('button', { name: 'Fit by maximum likelihood' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => shown(widget, 'loglik')).toBe(await shown(widget, 'loglik-fit'));
  const atMle = await shown(widget, 'loglik');
  const mu = slider(widget, 'Mean μ');
  await mu.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => shown(widget, 'loglik')).toBeLessThan(atMle);
  await expectLogLikelihoodShown(widget);

  // A focused point moves with the arrow keys, shows a focus ring, and Delete removes it.
  const third = dataPoints(widget).nth(2);
  await third.focus();
  await expect(widget.locator('.dp-focus-ring')).toHaveAttribute('visibility', 'visible');
  const x2 = Number(await third.getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(third).toHaveAttribute('aria-valuenow', String(Number((x2 + 0.55).toFixed(2))));
  await expectLogLikelihoodShown(widget);
  await page.keyboard.press('Delete');
  await expect(widget.locator('[data-out="n"]')).toHaveText('13');
  await expect(dataPoints(widget).nth(2)).toBeFocused();
  await expectLogLikelihoodShown(widget);

  // Switch to the mixture with the arrow keys in the radio group, then fit it with the Space key.
  await widget.getByRole('radio', { name: 'One Gaussian' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.getByRole('radio', { name: 'Mixture of two Gaussians' })).toBeChecked();
  await expect(field(widget, 'Weight π of component 1')).toBeVisible();
  await expect(field(widget, 'Mean μ')).toBeHidden();
  await expectLogLikelihoodShown(widget);
  const gaussianBest = atMle;
  await widget.getByRole('button', { name: 'Fit by maximum likelihood' }).focus();
  await page.keyboard.press(' ');
  await expect.poll(() => shown(widget, 'loglik')).toBe(await shown(widget, 'loglik-fit'));
  await expectLogLikelihoodShown(widget);
  // Two clusters: the mixture fits far better than the best single Gaussian did.
  expect(await shown(widget, 'loglik')).toBeGreaterThan(gaussianBest + 0.2);

  // The state is in the URL and survives a reload.
  await expect(page).toHaveURL(/model=mixture/);
  const url = new URL(page.url());
  const reloaded = await openWidget(page, url.search);
  await expect(reloaded.getByRole('radio', { name: 'Mixture of two Gaussians' })).toBeChecked();
  await expect(reloaded.locator('[data-out="n"]')).toHaveText('13');
  await expectLogLikelihoodShown(reloaded);
  watcher.expectClean();
});

test('turning a phone draws the chart again at its new width, the points where they were and the focused one still focused', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const widget = await openWidget(page);
  const chart = widget.locator('svg[data-plot]');
  const widths = () =>
    chart.evaluate((svg: SVGSVGElement) => ({ viewBox: svg.viewBox.baseVal.width, shown: Math.min(640, Math.round(svg.getBoundingClientRect().width)) }));
  const upright = await widths();
  expect(upright.viewBox).toBe(upright.shown);
  const point2 = dataPoints(widget).nth(1);
  await point2.focus();
  await page.keyboard.press('ArrowRight');
  const before = await pointValues(widget);

  await page.setViewportSize({ width: 844, height: 390 });
  await expect.poll(async () => (await widths()).shown).toBeGreaterThan(upright.shown);
  await expect.poll(async () => (await widths()).viewBox).toBe((await widths()).shown);
  expect(await pointValues(widget)).toEqual(before);
  await expect(point2).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await pointValues(widget))[1]).toBeGreaterThan(before[1] ?? Number.POSITIVE_INFINITY);
  await expectLogLikelihoodShown(widget);
});

test('a bad URL gives valid, clamped values and never NaN or Infinity', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openWidget(page, '?model=mixture&pi=7&sigma1=-1&mu2=1e999&sigma2=abc&x=3,3,3,nope,99');
  await expect(field(widget, 'Weight π of component 1')).toHaveValue('1.00');
  await expect(field(widget, 'Standard deviation σ₁ of component 1')).toHaveValue('0.10');
  await expect(field(widget, 'Mean μ₂ of component 2')).toHaveValue('5.00');
  await expect(field(widget, 'Standard deviation σ₂ of component 2')).toHaveValue('1.00');
  expect(await pointValues(widget)).toEqual([3, 3, 3, 5]);
  await expectLogLikelihoodShown(widget);
  // Identical points: the fit collapses a component onto them, stopped by the variance floor.
  await widget.getByRole('button', { name: 'Fit by maximum likelihood' }).click();
  await expectLogLikelihoodShown(widget);
  await field(widget, 'Standard deviation σ₁ of component 1').fill('0');
  await field(widget, 'Standard deviation σ₁ of component 1').press('Enter');
  await expect(field(widget, 'Standard deviation σ₁ of component 1')).toHaveValue('0.10');
  // The last point cannot be removed.
  for (let i = 0; i < 5; i++) await widget.getByRole('button', { name: 'Remove selected point' }).click();
  await expect(widget.locator('[data-out="n"]')).toHaveText('1');
  await expectLogLikelihoodShown(widget);
  expect(await widget.textContent()).not.toMatch(/NaN|Infinity|undefined/);
  watcher.expectClean();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the figure description and the noscript note stand in for the widget', async ({ page }) => {
    await page.goto(CHAPTER);
    const description = page.locator('[id="fig:density-fit-description"]');
    await expect(description).toBeVisible();
    expect((await description.innerText()).length).toBeGreaterThan(200);
    await expect(page.locator('.df-noscript')).toBeVisible();
    await expect(page.locator('density-fit [data-ui]')).toBeHidden();
  });
});
