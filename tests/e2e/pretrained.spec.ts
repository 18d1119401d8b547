/**
 * The shipped checkpoints over HTTP, through the "Pretrained models" list on the diagnostics
 * page: every model of public/models/manifest.json is listed with its manifest figures, loads
 * in the browser (fetchCheckpoint + createModel + applyCheckpoint), and draws non-blank samples,
 * with no console error and no failed request.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { watchPage } from './helpers.ts';

interface Entry {
  name: string;
  epochs: number;
  bytes: number;
  spec: { kind: string };
  test: { loss?: number; accuracy?: number; dReal?: number; iwae?: { nll: number } };
  samples?: { meanMaxProb: number; accuracy?: number };
}
const manifest = JSON.parse(readFileSync(new URL('../../public/models/manifest.json', import.meta.url), 'utf8')) as { models: Entry[] };

test('every pretrained model loads over HTTP, shows its manifest figures and draws samples', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  await page.goto('/diagnostics/?backend=wasm');
  const widget = page.locator('pretrained-models');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  await expect(widget).toHaveAttribute('data-backend', 'wasm');

  for (const entry of manifest.models) {
    const row = widget.locator(`tr[data-model="${entry.name}"]`);
    await expect(row).toHaveCount(1);
    const value = async (figure: string) => Number(await row.locator(`[data-figure="${figure}"]`).getAttribute('data-value'));
    const testValue = entry.test.accuracy ?? entry.test.dReal ?? entry.test.loss;
    expect(await value('test')).toBe(testValue);
    expect(await value('epochs')).toBe(entry.epochs);
    expect(await value('bytes')).toBe(entry.bytes);
    if (entry.test.iwae) expect(await value('iwae')).toBe(entry.test.iwae.nll);
    if (entry.samples) expect(await value('samples')).toBe(entry.samples.accuracy ?? entry.samples.meanMaxProb);
    if (entry.spec.kind === 'classifier') continue;

    // The drawn samples: ten 28×28 images, neither blank nor uniform (some bright digit strokes
    // on a dark background, and pixels that differ from image to image).
    const stats = await widget.locator(`tr[data-samples-of="${entry.name}"] canvas`).evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let bright = 0;
      let dark = 0;
      const perImage = Array.from({ length: canvas.width / 28 }, () => 0);
      for (let i = 0; i < data.length; i += 4) {
        const grey = data[i]!;
        if (grey > 160) bright++;
        if (grey < 60) dark++;
        perImage[Math.floor(((i / 4) % canvas.width) / 28)]! += grey;
      }
      return { width: canvas.width, height: canvas.height, bright, dark, distinct: new Set(perImage).size };
    });
    expect(stats.width).toBe(280);
    expect(stats.height).toBe(28);
    expect(stats.bright, `${entry.name}: bright pixels`).toBeGreaterThan(200);
    expect(stats.dark, `${entry.name}: dark pixels`).toBeGreaterThan(2000);
    expect(stats.distinct, `${entry.name}: distinct images`).toBeGreaterThan(5);
  }
  watcher.expectClean();
});
