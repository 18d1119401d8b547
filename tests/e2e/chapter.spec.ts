/** The KL chapter as text: numbering, cross-references, citations, exercises, and no-JS reading. */
import { expect, test } from '@playwright/test';

const CHAPTER = '/kl-divergence/';

test('equations are numbered per chapter and cross-references jump to them', async ({ page }) => {
  await page.goto(CHAPTER);
  const tags = await page.locator('.equation .katex-tag').allInnerTexts();
  expect(tags.length).toBeGreaterThan(3);
  tags.forEach((tag, i) => expect(tag).toBe(`(A.${i + 1})`));

  const ref = page.locator('a.xref-eq[href="#eq:kl-gauss"]').first();
  const number = await ref.innerText();
  expect(number).toMatch(/^\(A\.\d+\)$/);
  await ref.click();
  await expect(page).toHaveURL(/#eq:kl-gauss$/);
  const target = page.locator('[id="eq:kl-gauss"]');
  await expect(target).toBeInViewport();
  await expect(target.locator('.katex-tag')).toHaveText(number);
});

test('the figure is numbered and captioned, and citations link to the reference list', async ({ page }) => {
  await page.goto(CHAPTER);
  await expect(page.locator('[id="fig:kl-explorer"] .vb-figure__number')).toHaveText('Figure A.1.');
  const citation = page.locator('a.citation[href="#ref-kingma2013"]').first();
  await expect(citation).toHaveText('Kingma & Welling, 2013');
  await expect(page.getByRole('heading', { name: 'References', level: 2 })).toBeVisible();
  await expect(page.locator('#ref-kingma2013')).toContainText('Auto-encoding variational Bayes');
  // Every citation points at an entry that exists.
  for (const href of new Set(await page.locator('a.citation').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))) {
    await expect(page.locator(`[id="${href?.slice(1)}"]`)).toHaveCount(1);
  }
});

test('exercise solutions are collapsed until opened', async ({ page }) => {
  await page.goto(CHAPTER);
  const exercises = page.locator('.vb-exercise');
  expect(await exercises.count()).toBeGreaterThanOrEqual(5);
  const solution = exercises.first().locator('details.vb-solution');
  await expect(solution).not.toHaveAttribute('open');
  await expect(solution.locator('.vb-solution__body')).toBeHidden();
  await solution.locator('summary').click();
  await expect(solution.locator('.vb-solution__body')).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the chapter is fully readable: text, math, figure description and solutions', async ({ page }) => {
    await page.goto(CHAPTER);
    await expect(page.getByRole('heading', { level: 1, name: 'KL divergence' })).toBeVisible();
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    const description = page.locator('[id="fig:kl-explorer-description"]');
    await expect(description).toBeVisible();
    expect((await description.innerText()).length).toBeGreaterThan(80);
    await expect(page.locator('.kl-noscript')).toBeVisible();
    await expect(page.locator('kl-explorer [data-ui]')).toBeHidden();
    // <details> works without script: a solution opens.
    const solution = page.locator('details.vb-solution').first();
    await solution.locator('summary').click();
    await expect(solution.locator('.vb-solution__body')).toBeVisible();
    await expect(page.locator('#ref-kingma2013')).toBeVisible();
  });
});
