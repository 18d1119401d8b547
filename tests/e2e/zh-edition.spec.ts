/**
 * The Chinese edition (/zh/) in the browser: three chapters with figures show their controls and
 * read-outs in Chinese (the labels are taken from `src/i18n/zh.ts`, and the English ones must be
 * absent) and the figures work; the shell is Chinese; Pagefind finds Chinese words on /zh/.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { watchPage } from './helpers.ts';
import { canvasPixels, openWidget, stepOf } from './training.ts';

async function openFigure(page: Page, path: string, tag: string): Promise<Locator> {
  await page.goto(path);
  const widget = page.locator(tag).first();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true');
  return widget;
}

const out = (widget: Locator, name: string) => widget.locator(`[data-out="${name}"]`);

/** Each key's Chinese string is shown as a button of the widget, and its English one is not. */
async function expectButtons(widget: Locator, keys: Array<keyof typeof zh>) {
  for (const key of keys) {
    await expect(widget.getByRole('button', { name: zh[key], exact: true })).toBeVisible();
    await expect(widget.getByRole('button', { name: en[key], exact: true })).toHaveCount(0);
  }
}

test('the Chinese shell: sidebar groups, the chapter label and no untranslated notice', async ({ page }) => {
  await page.goto('/zh/kl-divergence/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const sidebar = page.locator('#starlight__sidebar');
  await expect(sidebar.getByText('从这里开始')).toBeAttached();
  await expect(sidebar.getByText('预备知识')).toBeAttached();
  await expect(sidebar.getByText('Start here', { exact: true })).toHaveCount(0);
  await expect(page.locator('.vb-chapter-label')).toHaveText('第 A 章');
  await expect(page.getByText('此内容尚不支持你的语言。')).toHaveCount(0);
});

test('zh: the KL explorer is labelled in Chinese, and its fields, swap and resample work', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openFigure(page, '/zh/kl-divergence/', 'kl-explorer');
  await expectButtons(widget, ['kl.swap', 'kl.resample', 'kl.presetStandard', 'kl.copyLink']);
  await expect(widget.getByRole('spinbutton', { name: zh['kl.mu1'] })).toBeVisible();
  await expect(widget.getByRole('spinbutton', { name: en['kl.mu1'] })).toHaveCount(0);
  await expect(widget.locator('thead')).toContainText(zh['kl.closedForm']);
  await expect(widget.locator('thead')).not.toContainText(en['kl.closedForm']);
  await expect(widget.locator('.kl-formula-heading')).toHaveText(zh['kl.formulaHeading']);
  await expect(widget.locator('svg[data-plot] .axis-label').nth(1)).toHaveText(zh['kl.densityAxis']);

  // A new mean of p changes D_KL(p ‖ q).
  const before = await out(widget, 'kl-pq').textContent();
  const mu1 = widget.getByRole('spinbutton', { name: zh['kl.mu1'] });
  await mu1.fill('-1.5');
  await mu1.press('Enter');
  await expect(out(widget, 'kl-pq')).not.toHaveText(before ?? '');

  // Swapping p and q swaps the two divergences.
  const [pq, qp] = [await out(widget, 'kl-pq').textContent(), await out(widget, 'kl-qp').textContent()];
  await widget.getByRole('button', { name: zh['kl.swap'] }).click();
  await expect(out(widget, 'kl-pq')).toHaveText(qp ?? '');
  await expect(out(widget, 'kl-qp')).toHaveText(pq ?? '');

  // “重新抽样” draws a new Monte Carlo estimate.
  const estimate = await out(widget, 'mc-pq').textContent();
  await widget.getByRole('button', { name: zh['kl.resample'] }).click();
  await expect(out(widget, 'mc-pq')).not.toHaveText(estimate ?? '');
  watcher.expectClean();
});

test('zh: the EM stepper is labelled in Chinese, and its E- and M-steps move the read-outs', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openFigure(page, '/zh/em-and-gaussian-mixtures/', 'em-stepper');
  await expectButtons(widget, ['em.eStep', 'em.mStep', 'em.run', 'em.reseed', 'em.addPoint', 'em.resetPoints']);
  await expect(widget.locator('tbody').first()).toContainText(zh['em.logLik']);
  await expect(widget).not.toContainText(en['em.logLik']);
  await expect(widget.getByRole('slider', { name: /^数据点 \d+$/ }).first()).toBeAttached();
  await expect(out(widget, 'status')).toHaveText(zh['em.afterInit']);

  // The E-step closes the gap and says so in Chinese; the M-step raises the log-likelihood.
  const start = Number(await out(widget, 'loglik').textContent());
  await widget.getByRole('button', { name: zh['em.eStep'], exact: true }).click();
  await expect(out(widget, 'status')).toHaveText(zh['em.afterE']);
  await expect(out(widget, 'gap')).toHaveText('0.0000');
  await expect(out(widget, 'steps')).toHaveText('1');
  await widget.getByRole('button', { name: zh['em.mStep'], exact: true }).click();
  await expect(out(widget, 'status')).toHaveText(zh['em.afterM']);
  await expect.poll(async () => Number(await out(widget, 'loglik').textContent())).toBeGreaterThan(start);

  await widget.getByRole('button', { name: zh['em.run'] }).click();
  await expect(out(widget, 'status')).toHaveText(zh['em.converged'], { timeout: 10_000 });
  watcher.expectClean();
});

test('zh: the VAE chapter’s latent explorer and trainer are labelled in Chinese and work', async ({ page }) => {
  test.setTimeout(150_000);
  const watcher = watchPage(page);
  const explorer = await openWidget(page, '/zh/variational-autoencoder/', 'latent-explorer');
  await expectButtons(explorer, ['latent.sample']);
  await expect(out(explorer, 'status')).toContainText('就绪：已编码');
  await expect(out(explorer, 'status')).not.toContainText('Ready');
  // A new draw from the prior redraws the samples.
  const samples = explorer.locator('[data-view="samples"]');
  const first = await canvasPixels(samples);
  await explorer.getByRole('button', { name: zh['latent.sample'] }).click();
  await expect.poll(() => canvasPixels(samples)).not.toBe(first);
  // Pressing the latent plane decodes there, and the read-out says where, in Chinese.
  const scatter = explorer.locator('[data-view="scatter"]');
  await scatter.scrollIntoViewIfNeeded();
  const box = await scatter.boundingBox();
  if (box === null) throw new Error('scatter not laid out');
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
  await expect(out(explorer, 'z')).toContainText('在 z = (');

  const trainer = page.locator('vae-trainer').first();
  await trainer.scrollIntoViewIfNeeded();
  await expect(trainer).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expectButtons(trainer, ['training.start', 'training.reset', 'training.scratch']);
  await expect(trainer.locator('dl')).toContainText(zh['training.tensors']);
  await expect(trainer).not.toContainText(en['training.tensors']);
  await trainer.getByRole('button', { name: zh['training.start'] }).click();
  await expect.poll(() => stepOf(trainer), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(out(trainer, 'speed')).toContainText('步/秒');
  await expect(trainer.getByRole('button', { name: zh['training.pause'], exact: true })).toBeVisible();
  await trainer.getByRole('button', { name: zh['training.pause'], exact: true }).click();
  await expect(out(trainer, 'status')).toHaveText(zh['training.paused']);
  watcher.expectClean();
});

for (const [query, path] of [
  ['重参数化', '/zh/reparameterisation-trick/'],
  ['证据下界', '/zh/evidence-lower-bound/'],
] as const) {
  test(`Pagefind search on /zh/ finds ${path} for “${query}”`, async ({ page }) => {
    const watcher = watchPage(page);
    await page.goto('/zh/');
    await page.getByRole('button', { name: '搜索' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '搜索' }).fill(query);
    await expect(dialog.locator(`a[href*="${path}"]`).first()).toBeVisible({ timeout: 10_000 });
    // Only the Chinese edition is searched from /zh/.
    await expect(dialog.locator('a[href^="/kl-divergence/"], a[href^="/reparameterisation-trick/"]')).toHaveCount(0);
    watcher.expectClean();
  });
}
