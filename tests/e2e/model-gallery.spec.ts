/**
 * The model gallery of chapter 11: every generative model of public/models/manifest.json gets a
 * card whose canvas shows twenty non-blank samples drawn in the browser from the shipped weights,
 * next to the manifest's figures; "Draw new samples" (clicked and pressed with the keyboard)
 * changes the pixels of every card and the seed, while the live tensor count stays flat; removing
 * the figure frees every tensor; no console errors or failed requests.
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, test } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { pageTensors } from './training.ts';

interface Entry {
  name: string;
  epochs: number;
  bytes: number;
  spec: { kind: string };
  test: { loss?: number; dReal?: number; iwae?: { nll: number } };
  samples?: { meanMaxProb: number; accuracy?: number; nnDistance?: number };
}
const manifest = JSON.parse(readFileSync(new URL('../../public/models/manifest.json', import.meta.url), 'utf8')) as { models: Entry[] };
const generative = manifest.models.filter((entry) => entry.spec.kind !== 'classifier');

/** Per card: its canvas's size, pixel statistics, and a fingerprint of every pixel. */
async function canvasStats(card: Locator) {
  return card.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let bright = 0;
    let dark = 0;
    let hash = 0;
    const columns = canvas.width / 28;
    const perImage = Array.from({ length: columns * (canvas.height / 28) }, () => 0);
    for (let i = 0; i < data.length; i += 4) {
      const grey = data[i]!;
      if (grey > 160) bright++;
      if (grey < 60) dark++;
      hash = (Math.imul(hash, 31) + grey) | 0;
      const pixel = i / 4;
      const x = pixel % canvas.width;
      const y = Math.floor(pixel / canvas.width);
      perImage[Math.floor(y / 28) * columns + Math.floor(x / 28)]! += grey;
    }
    return { width: canvas.width, height: canvas.height, bright, dark, hash, distinct: new Set(perImage).size };
  });
}

test('the model gallery draws every generative model, shows its manifest figures and redraws without leaking tensors', async ({ page }) => {
  test.setTimeout(150_000);
  const watcher = watchPage(page);
  await page.goto('/comparing-generative-models/?backend=wasm');
  const gallery = page.locator('model-gallery');
  await gallery.scrollIntoViewIfNeeded();
  await expect(gallery).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  await expect(gallery).toHaveAttribute('data-backend', 'wasm');
  await expect(gallery).toHaveAttribute('data-seed', '1');

  const cards = gallery.locator('[data-model]');
  await expect(cards).toHaveCount(generative.length);
  expect(await cards.evaluateAll((elements) => elements.map((e) => (e as HTMLElement).dataset['model']))).toEqual(generative.map((e) => e.name));

  const first = new Map<string, number>();
  for (const entry of generative) {
    const card = gallery.locator(`[data-model="${entry.name}"]`);
    // The figures beside the samples are the manifest's numbers.
    const value = async (figure: string) => card.locator(`[data-figure="${figure}"]`).getAttribute('data-value');
    expect(Number(await value('test'))).toBe(entry.test.dReal ?? entry.test.loss);
    expect(Number(await value('weights'))).toBe(entry.bytes);
    expect(Number(await value('training'))).toBe(entry.epochs);
    if (entry.test.iwae) expect(Number(await value('iwae'))).toBe(entry.test.iwae.nll);
    else expect(await value('iwae')).toBeNull();
    if (entry.samples) {
      expect(Number(await value('quality'))).toBe(entry.samples.accuracy ?? entry.samples.meanMaxProb);
      expect(Number(await value('nn'))).toBe(entry.samples.nnDistance);
    }
    // The time was measured in the page and shown.
    await expect(card).toHaveAttribute('data-seed', '1');
    expect(Number(await card.getAttribute('data-ms'))).toBeGreaterThan(0);
    await expect(card.locator('[data-figure="time"] dd')).toContainText('ms for 20 samples');
    await expect(card.locator('canvas')).toHaveAttribute('aria-label', /20 samples of the .* model \(seed 1\)/);

    // Twenty 28×28 samples in four rows of five: bright strokes on a dark ground, not all alike.
    const stats = await canvasStats(card);
    expect(stats.width).toBe(140);
    expect(stats.height).toBe(112);
    expect(stats.bright, `${entry.name}: bright pixels`).toBeGreaterThan(400);
    expect(stats.dark, `${entry.name}: dark pixels`).toBeGreaterThan(4000);
    expect(stats.distinct, `${entry.name}: distinct images`).toBeGreaterThan(15);
    first.set(entry.name, stats.hash);
  }
  const tensors = Number(await gallery.getAttribute('data-tensors'));
  expect(tensors).toBeGreaterThan(0);

  // Three redraws: the first by mouse, then by keyboard. Every card's pixels change with the
  // seed, and the number of live tensors stays where it was.
  const button = gallery.getByRole('button', { name: 'Draw new samples' });
  const previous = new Map(first);
  for (const seed of [2, 3, 4]) {
    if (seed === 2) await button.click();
    else {
      await button.focus();
      await page.keyboard.press('Enter');
    }
    await expect(gallery).toHaveAttribute('data-seed', String(seed));
    await expect(button).toBeEnabled();
    await expect(gallery.locator('[data-out="seed"]')).toHaveText(String(seed));
    for (const entry of generative) {
      const card = gallery.locator(`[data-model="${entry.name}"]`);
      await expect(card).toHaveAttribute('data-seed', String(seed));
      const stats = await canvasStats(card);
      expect(stats.hash, `${entry.name}: pixels change with seed ${seed}`).not.toBe(previous.get(entry.name));
      expect(stats.bright, `${entry.name}: bright pixels`).toBeGreaterThan(400);
      previous.set(entry.name, stats.hash);
    }
    expect(Number(await gallery.getAttribute('data-tensors'))).toBe(tensors);
  }
  await expect(gallery.locator('[data-out="status"]')).toContainText('seed 4');

  // Leaving the page (here: removing the figure) disposes every model: no tensor is left.
  await gallery.evaluate((element) => element.remove());
  expect(await pageTensors(page)).toBe(0);
  watcher.expectClean();
});
