/**
 * The gradient-estimator figure on the reparameterisation chapter, driven through its controls.
 * The widget publishes its state and every figure it shows as data attributes; the test
 * recomputes them here from the math library (same seed, same draws) and from the closed forms.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  drawGradientEstimates,
  type GradientParam,
  perSampleVariance,
  summarize,
  type TestFunctionName,
  testFunction,
} from '../../src/lib/math/gradient-estimators.ts';
import { mulberry32 } from '../../src/lib/math/random.ts';
import { watchPage } from './helpers.ts';
import { openWidget } from './training.ts';

const CHAPTER = '/reparameterisation-trick/';

const open = (page: Page, query = '') => openWidget(page, CHAPTER, 'gradient-estimators', query);

interface Shown {
  fn: TestFunctionName;
  mu: number;
  sigma: number;
  param: GradientParam;
  n: number;
  seed: number;
  estimates: number;
  trueGradient: number;
  meanScore: number;
  meanPathwise: number;
  varianceScore: number;
  variancePathwise: number;
  exactVarianceScore: number;
  exactVariancePathwise: number;
}

/** The widget's state and figures, read from its data attributes. */
async function shown(widget: Locator): Promise<Shown> {
  const data = await widget.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  const number = (key: string) => Number(data[key]);
  return {
    fn: data['fn'] as TestFunctionName,
    mu: number('mu'),
    sigma: number('sigma'),
    param: data['param'] as GradientParam,
    n: number('n'),
    seed: number('seed'),
    estimates: number('estimates'),
    trueGradient: number('trueGradient'),
    meanScore: number('meanScore'),
    meanPathwise: number('meanPathwise'),
    varianceScore: number('varianceScore'),
    variancePathwise: number('variancePathwise'),
    exactVarianceScore: number('exactVarianceScore'),
    exactVariancePathwise: number('exactVariancePathwise'),
  };
}

const close = (a: number, b: number, rtol = 1e-9) => Math.abs(a - b) <= rtol * Math.max(1, Math.abs(b));

/** Recomputes every figure from the library for the shown state and compares. */
async function expectAgreesWithLibrary(widget: Locator): Promise<Shown> {
  const s = await shown(widget);
  const fn = testFunction(s.fn);
  const q = { mu: s.mu, sigma: s.sigma };
  const draws = drawGradientEstimates(fn, q, s.param, s.n, s.estimates, mulberry32(s.seed));
  const score = summarize(draws.score);
  const pathwise = summarize(draws.pathwise);
  const expected = {
    trueGradient: fn.gradient(q)[s.param],
    meanScore: score.mean,
    meanPathwise: pathwise.mean,
    varianceScore: score.variance,
    variancePathwise: pathwise.variance,
    exactVarianceScore: perSampleVariance('score', fn, q, s.param) / s.n,
    exactVariancePathwise: perSampleVariance('pathwise', fn, q, s.param) / s.n,
  };
  for (const [key, value] of Object.entries(expected)) {
    expect(close(s[key as keyof typeof expected], value), `${key}: shown ${s[key as keyof typeof expected]}, library ${value}`).toBe(true);
  }
  return s;
}

const select = (widget: Locator, name: string) => widget.getByRole('combobox', { name });
const field = (widget: Locator, name: string) => widget.getByRole('spinbutton', { name });
const slider = (widget: Locator, name: string) => widget.getByRole('slider', { name });
const MU = 'Mean μ of q = N(μ, σ²)';
const SIGMA = 'Standard deviation σ of q = N(μ, σ²)';

/** Heights of all histogram bars, to tell whether the picture changed. */
const barHeights = (widget: Locator) => widget.locator('svg[data-plot] rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('height')).join(','));

test('the initial figure agrees with the library and with the closed-form variances of z²', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await open(page);
  const s = await expectAgreesWithLibrary(widget);
  expect(s).toMatchObject({ fn: 'square', mu: 1, sigma: 1, param: 'mu', n: 1, estimates: 2000, trueGradient: 2 });
  // (μ⁴/σ² + 14μ² + 15σ²) and 4σ² at μ = σ = 1.
  expect(s.exactVarianceScore).toBeCloseTo(30, 10);
  expect(s.exactVariancePathwise).toBeCloseTo(4, 10);
  // 2,000 draws: the empirical figures are near the exact ones and the order is right.
  expect(s.varianceScore / 30).toBeGreaterThan(0.7);
  expect(s.varianceScore / 30).toBeLessThan(1.4);
  expect(s.variancePathwise / 4).toBeGreaterThan(0.85);
  expect(s.variancePathwise / 4).toBeLessThan(1.15);
  expect(Math.abs(s.meanScore - 2)).toBeLessThan(4 * Math.sqrt(30 / 2000));
  expect(Math.abs(s.meanPathwise - 2)).toBeLessThan(4 * Math.sqrt(4 / 2000));

  // The table shows the same numbers, and the picture has two histograms and the exact line.
  await expect(widget.locator('[data-out="exact-variance-score"]')).toHaveText('30.00');
  await expect(widget.locator('[data-out="exact-variance-pathwise"]')).toHaveText('4.000');
  await expect(widget.locator('[data-out="exact-ratio"]')).toHaveText('7.500');
  await expect(widget.locator('[data-out="exact"]')).toHaveText('2.000');
  await expect(widget.locator('[data-panel="score"] rect')).toHaveCount(48);
  await expect(widget.locator('[data-panel="pathwise"] rect')).toHaveCount(48);
  await expect(widget.locator('line.gradest-exact')).toHaveCount(1);
  const summary = widget.locator('[role="status"]');
  await expect(summary).toContainText(await widget.locator('[data-out="variance-score"]').innerText());
  await expect(summary).toContainText(await widget.locator('[data-out="ratio"]').innerText());
  watcher.expectClean();
  // A theory figure: no model code, no data set.
  expect(watcher.requested.filter((url) => /tfjs|tensorflow|mnist|\.bin$|\.wasm$/i.test(url))).toEqual([]);
});

test('more samples per estimate divide both variances by about N and keep their ratio', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await open(page);
  const one = await shown(widget);
  for (const n of [16, 256]) {
    await select(widget, 'Samples per estimate N').selectOption(String(n));
    await expect(widget).toHaveAttribute('data-n', String(n));
    const s = await expectAgreesWithLibrary(widget);
    expect(s.exactVarianceScore).toBeCloseTo(30 / n, 10);
    for (const [before, after] of [
      [one.varianceScore, s.varianceScore],
      [one.variancePathwise, s.variancePathwise],
    ] as const) {
      expect(before / after).toBeGreaterThan(n / 1.6);
      expect(before / after).toBeLessThan(n * 1.6);
    }
    expect(s.varianceScore / s.variancePathwise).toBeGreaterThan(5);
    expect(s.varianceScore / s.variancePathwise).toBeLessThan(11);
  }
  watcher.expectClean();
});

test('changing f, μ, σ and the parameter changes the histograms, and the figures follow the library', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await open(page);
  const before = await barHeights(widget);

  await select(widget, 'Function f').selectOption('cosine');
  await expect(widget).toHaveAttribute('data-fn', 'cosine');
  expect(await barHeights(widget)).not.toBe(before);
  await expectAgreesWithLibrary(widget);

  // Type σ = 2: for cos z at μ = 1, σ = 2 the score function has the smaller variance.
  await field(widget, SIGMA).fill('2');
  await field(widget, SIGMA).press('Enter');
  await expect(widget).toHaveAttribute('data-sigma', '2');
  let s = await expectAgreesWithLibrary(widget);
  expect(s.exactVarianceScore).toBeCloseTo(0.1123, 4);
  expect(s.exactVariancePathwise).toBeCloseTo(0.4871, 4);
  expect(s.varianceScore).toBeLessThan(s.variancePathwise);
  expect(Number(await widget.locator('[data-out="ratio"]').textContent())).toBeLessThan(1);

  // Differentiate with respect to σ instead of μ.
  const heights = await barHeights(widget);
  await widget.getByRole('radio', { name: 'σ' }).check();
  await expect(widget).toHaveAttribute('data-param', 'sigma');
  expect(await barHeights(widget)).not.toBe(heights);
  s = await expectAgreesWithLibrary(widget);
  expect(s.trueGradient).toBeCloseTo(-2 * Math.cos(1) * Math.exp(-2), 12);

  // The step function: the pathwise estimator is stuck at 0, the score function is not.
  await select(widget, 'Function f').selectOption('step');
  await widget.getByRole('radio', { name: 'μ' }).check();
  await field(widget, SIGMA).fill('1');
  await field(widget, SIGMA).press('Enter');
  await expect(widget).toHaveAttribute('data-sigma', '1');
  await expect(widget).toHaveAttribute('data-param', 'mu');
  s = await expectAgreesWithLibrary(widget);
  expect(s.meanPathwise).toBe(0);
  expect(s.variancePathwise).toBe(0);
  expect(s.trueGradient).toBeCloseTo(Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 12);
  expect(Math.abs(s.meanScore - s.trueGradient)).toBeLessThan(4 * Math.sqrt(s.exactVarianceScore / s.estimates));
  await expect(widget.locator('[data-out="ratio"]')).toHaveText('∞');
  await expect(widget.locator('[data-out="note"]')).toContainText('biased');
  watcher.expectClean();
});

test('the widget is operable with the keyboard alone', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await open(page);
  await slider(widget, MU).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(widget).toHaveAttribute('data-mu', '1.02');
  await expect(field(widget, MU)).toHaveValue('1.02');
  const outline = await slider(widget, MU).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Home');
  await expect(widget).toHaveAttribute('data-mu', '-3');
  await expectAgreesWithLibrary(widget);

  // Radio buttons move with the arrow keys.
  await widget.getByRole('radio', { name: 'μ' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget).toHaveAttribute('data-param', 'sigma');

  // The N menu and the button work from the keyboard too.
  await select(widget, 'Samples per estimate N').focus();
  await page.keyboard.press('ArrowDown');
  await expect(widget).toHaveAttribute('data-n', '4');
  const before = await shown(widget);
  await widget.getByRole('button', { name: 'Draw again' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget).toHaveAttribute('data-seed', String(before.seed + 1));
  const after = await expectAgreesWithLibrary(widget);
  expect(after.varianceScore).not.toBe(before.varianceScore);
  expect(after.exactVarianceScore).toBe(before.exactVarianceScore);
  watcher.expectClean();
});

test('the state round-trips through the URL, and a bad URL gives valid values', async ({ page, context }) => {
  const watcher = watchPage(page);
  const widget = await open(page);
  await select(widget, 'Function f').selectOption('quartic');
  await field(widget, MU).fill('-0.5');
  await field(widget, MU).press('Enter');
  await select(widget, 'Samples per estimate N').selectOption('64');
  await widget.getByRole('button', { name: 'Draw again' }).click();
  await expect(page).toHaveURL(/ge-f=quartic/);
  await expect(page).toHaveURL(/ge-mu=-0\.50/);
  await expect(page).toHaveURL(/ge-n=64/);
  await expect(page).toHaveURL(/ge-seed=2/);
  const original = await shown(widget);

  const other = await context.newPage();
  const shared = await open(other, new URL(page.url()).search);
  expect(await shown(shared)).toEqual(original);

  const bad = await open(other, '?ge-f=tan&ge-mu=1e999&ge-sigma=-1&ge-wrt=x&ge-n=3&ge-seed=abc');
  const s = await expectAgreesWithLibrary(bad);
  expect(s).toMatchObject({ fn: 'square', mu: 3, sigma: 0.1, param: 'mu', n: 1, seed: 1 });
  expect((await bad.textContent()) ?? '').not.toMatch(/NaN|Infinity|undefined/);
  watcher.expectClean();
});
