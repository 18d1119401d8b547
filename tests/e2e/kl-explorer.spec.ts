/**
 * The KL explorer on the KL chapter, driven through its controls as a reader would.
 * Expected values are computed here from the closed form, independently of the widget's code.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { watchPage } from './helpers.ts';

const CHAPTER = '/kl-divergence/';

/** D_KL(N(m1, s1²) ‖ N(m2, s2²)), written out again so the test does not trust the library. */
const klGauss = (m1: number, s1: number, m2: number, s2: number) => Math.log(s2 / s1) + (s1 * s1 + (m1 - m2) ** 2) / (2 * s2 * s2) - 0.5;

async function openExplorer(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${CHAPTER}${query}`);
  const widget = page.locator('kl-explorer');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true');
  return widget;
}

const field = (widget: Locator, name: string) => widget.getByRole('spinbutton', { name });
const slider = (widget: Locator, name: string) => widget.getByRole('slider', { name });
const output = (widget: Locator, name: string) => widget.locator(`[data-out="${name}"]`);

async function params(widget: Locator) {
  const read = async (name: string) => Number(await field(widget, name).inputValue());
  return {
    mu1: await read('Mean μ₁ of p'),
    sigma1: await read('Standard deviation σ₁ of p'),
    mu2: await read('Mean μ₂ of q'),
    sigma2: await read('Standard deviation σ₂ of q'),
  };
}

/** The displayed closed-form values equal the closed form of the displayed parameters. */
async function expectClosedFormShown(widget: Locator) {
  await expect(async () => {
    const { mu1, sigma1, mu2, sigma2 } = await params(widget);
    const pq = Number(await output(widget, 'kl-pq').textContent());
    const qp = Number(await output(widget, 'kl-qp').textContent());
    expect(pq).toBeCloseTo(klGauss(mu1, sigma1, mu2, sigma2), 3);
    expect(qp).toBeCloseTo(klGauss(mu2, sigma2, mu1, sigma1), 3);
  }).toPass({ timeout: 5000 });
}

async function expectNoInvalidNumbers(widget: Locator) {
  const text = (await widget.textContent()) ?? '';
  expect(text).not.toMatch(/NaN|Infinity|undefined/);
  for (const input of await widget.locator('input').all()) {
    expect(Number.isFinite(Number(await input.inputValue()))).toBe(true);
  }
}

test('the KL explorer shows the closed form for its initial state, with the formula typeset', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openExplorer(page);
  await expectClosedFormShown(widget);
  await expect(widget.locator('[data-formula="pq"] .katex')).toHaveCount(1);
  await expect(widget.locator('[data-formula="pq"]')).toContainText(await output(widget, 'kl-pq').innerText());
  await expect(widget.locator('svg[data-plot] path.line')).toHaveCount(2);
  watcher.expectClean();
  // The chapter needs no model code and no data set.
  expect(watcher.requested.filter((url) => /tfjs|tensorflow|mnist|\.bin$|\.wasm$/i.test(url))).toEqual([]);
});

test('on a phone the chart is drawn as wide as it is shown, also once the phone is turned, so its tick labels keep their size', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const widget = await openExplorer(page);
  const chart = widget.locator('svg[data-plot]');
  await expect(chart.locator('.axis-x .tick')).not.toHaveCount(0);
  const { viewBoxWidth, shownWidth, tickHeight } = await chart.evaluate((svg: SVGSVGElement) => ({
    viewBoxWidth: svg.viewBox.baseVal.width,
    shownWidth: svg.getBoundingClientRect().width,
    tickHeight: svg.querySelector('.axis-x .tick text')?.getBoundingClientRect().height ?? 0,
  }));
  expect(shownWidth).toBeLessThan(400);
  expect(Math.abs(viewBoxWidth - shownWidth)).toBeLessThanOrEqual(1);
  // d3 draws tick labels at 10 units: at 1 px per unit, a 10 px font's line is about 11 px high.
  expect(tickHeight).toBeGreaterThanOrEqual(10);

  // Turned to landscape, the chart is drawn again at its new width, so its labels do not grow.
  await page.setViewportSize({ width: 844, height: 390 });
  await expect
    .poll(() => chart.evaluate((svg: SVGSVGElement) => svg.viewBox.baseVal.width - Math.min(640, Math.round(svg.getBoundingClientRect().width))))
    .toBe(0);
  const turned = await chart.evaluate((svg: SVGSVGElement) => svg.querySelector('.axis-x .tick text')?.getBoundingClientRect().height ?? 0);
  expect(turned).toBeGreaterThanOrEqual(10);
  expect(turned).toBeLessThan(14);
  await expect(chart.locator('path.line')).toHaveCount(2);
});

test('values typed and clicked with the mouse give the closed form', async ({ page }) => {
  const widget = await openExplorer(page);
  await field(widget, 'Mean μ₁ of p').fill('-1.5');
  await field(widget, 'Mean μ₁ of p').press('Enter');
  await field(widget, 'Standard deviation σ₁ of p').fill('0.4');
  await field(widget, 'Standard deviation σ₁ of p').press('Tab');
  await expectClosedFormShown(widget);
  expect((await params(widget)).mu1).toBe(-1.5);

  // Click near the right end of the σ₂ slider track.
  const track = slider(widget, 'Standard deviation σ₂ of q');
  const box = await track.boundingBox();
  if (box === null) throw new Error('slider not laid out');
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
  await expect.poll(async () => (await params(widget)).sigma2).toBeGreaterThan(4);
  await expectClosedFormShown(widget);

  await widget.getByRole('button', { name: 'Set q = N(0, 1)' }).click();
  await expect.poll(async () => params(widget)).toMatchObject({ mu2: 0, sigma2: 1 });
  await expectClosedFormShown(widget);

  const before = await params(widget);
  await widget.getByRole('button', { name: 'Swap p and q' }).click();
  await expect.poll(async () => params(widget)).toEqual({ mu1: before.mu2, sigma1: before.sigma2, mu2: before.mu1, sigma2: before.sigma1 });
  await expectClosedFormShown(widget);
});

test('the widget is operable with the keyboard alone, with visible focus', async ({ page }) => {
  const widget = await openExplorer(page);
  const mu1 = slider(widget, 'Mean μ₁ of p');
  await mu1.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await params(widget)).mu1).toBeCloseTo(0.03, 5);
  await page.keyboard.press('End');
  await expect.poll(async () => (await params(widget)).mu1).toBe(5);
  await expectClosedFormShown(widget);

  // Tab on to the number field, then on to σ₁, and step it with the arrow keys.
  await page.keyboard.press('Tab');
  await expect(field(widget, 'Mean μ₁ of p')).toBeFocused();
  await page.keyboard.press('Tab');
  const sigma1 = slider(widget, 'Standard deviation σ₁ of p');
  await expect(sigma1).toBeFocused();
  const outline = await sigma1.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await params(widget)).sigma1).toBeCloseTo(0.99, 5);
  await expectClosedFormShown(widget);

  // Buttons work from the keyboard too.
  await widget.getByRole('button', { name: 'Set q = N(0, 1)' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => params(widget)).toMatchObject({ mu2: 0, sigma2: 1 });
  await expectClosedFormShown(widget);
});

test('the Monte Carlo estimate agrees with the closed form within its standard error and tightens with N', async ({ page }) => {
  const widget = await openExplorer(page, '?mu1=0&sigma1=1&mu2=1&sigma2=2&n=1000&seed=3');
  const read = async (name: string) => Number(await output(widget, name).textContent());
  const exact = klGauss(0, 1, 1, 2);
  const se1000 = await read('se-pq');
  expect(Math.abs((await read('mc-pq')) - exact)).toBeLessThan(4 * se1000);

  await field(widget, 'Monte Carlo samples N').fill('100000');
  await field(widget, 'Monte Carlo samples N').press('Enter');
  await expect(output(widget, 'n')).toHaveText('100000');
  const se100k = await read('se-pq');
  expect(se1000 / se100k).toBeGreaterThan(7);
  expect(se1000 / se100k).toBeLessThan(13);
  expect(Math.abs((await read('mc-pq')) - exact)).toBeLessThan(4 * se100k);

  const estimate = await output(widget, 'mc-pq').textContent();
  await widget.getByRole('button', { name: 'Draw new samples' }).click();
  await expect(output(widget, 'mc-pq')).not.toHaveText(estimate ?? '');
  expect(await read('kl-pq')).toBeCloseTo(exact, 3);
});

test('the state round-trips through the URL, across a reload and a shared link', async ({ page, context }) => {
  test.slow(); // three page loads
  const widget = await openExplorer(page);
  await field(widget, 'Mean μ₂ of q').fill('-2.25');
  await field(widget, 'Mean μ₂ of q').press('Enter');
  await field(widget, 'Standard deviation σ₁ of p').fill('3.1');
  await field(widget, 'Standard deviation σ₁ of p').press('Enter');
  await expect(page).toHaveURL(/mu2=-2\.25/);
  await expect(page).toHaveURL(/sigma1=3\.10/);
  const shown = { pq: await output(widget, 'kl-pq').textContent(), mc: await output(widget, 'mc-pq').textContent() };

  await page.reload();
  const reloaded = await openExplorer(page, new URL(page.url()).search);
  expect(await params(reloaded)).toMatchObject({ mu2: -2.25, sigma1: 3.1 });

  const other = await context.newPage();
  const shared = await openExplorer(other, new URL(page.url()).search);
  expect(await params(shared)).toMatchObject({ mu2: -2.25, sigma1: 3.1 });
  await expect(output(shared, 'kl-pq')).toHaveText(shown.pq ?? '');
  await expect(output(shared, 'mc-pq')).toHaveText(shown.mc ?? '');
});

test('a bad URL yields valid, clamped values and never NaN or Infinity', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openExplorer(page, '?mu1=abc&sigma1=-3&mu2=1e999&sigma2=0&n=-5&seed=x');
  expect(await params(widget)).toEqual({ mu1: 0, sigma1: 0.05, mu2: 5, sigma2: 0.05 });
  await expect(field(widget, 'Monte Carlo samples N')).toHaveValue('10');
  await expectClosedFormShown(widget);
  await expectNoInvalidNumbers(widget);

  // Typing nonsense or out-of-range numbers is clamped, too.
  await field(widget, 'Standard deviation σ₂ of q').fill('-7');
  await field(widget, 'Standard deviation σ₂ of q').press('Enter');
  await expect(field(widget, 'Standard deviation σ₂ of q')).toHaveValue('0.05');
  await field(widget, 'Mean μ₁ of p').fill('9999');
  await field(widget, 'Mean μ₁ of p').press('Enter');
  await expect(field(widget, 'Mean μ₁ of p')).toHaveValue('5.00');
  await expectClosedFormShown(widget);
  await expectNoInvalidNumbers(widget);
  watcher.expectClean();
});
