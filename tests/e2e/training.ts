/**
 * Checks every training widget shares (they all use the training panel of
 * `src/components/training/`): open the widget, train from scratch and see a loss fall, pause
 * and see the steps stop, reset and see the pretrained state again, and a flat tensor count.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Opens `path` (with `?backend=wasm`, the fastest in headless Chromium) and waits for the widget `tag` to be ready. */
export async function openWidget(page: Page, path: string, tag: string, query = '?backend=wasm'): Promise<Locator> {
  await page.goto(`${path}${query}`);
  const widget = page.locator(tag).first();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  return widget;
}

export const stepOf = async (widget: Locator) => Number(await widget.getAttribute('data-step'));
export const tensorsOf = async (widget: Locator) => Number(await widget.getAttribute('data-tensors'));

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The latest read-back of metric `key` (`data-loss-<key>`), or with `first` the run's first one. */
export async function metric(widget: Locator, key: string, first = false): Promise<number> {
  return Number(await widget.getAttribute(`data-${first ? 'first-' : ''}loss-${kebab(key)}`));
}

export async function waitForStep(widget: Locator, steps: number, timeout = 90_000): Promise<void> {
  await expect.poll(() => stepOf(widget), { timeout }).toBeGreaterThanOrEqual(steps);
}

/** The page's live tensor count (all widgets), through the debug hook of `src/components/page-services/page-resources.ts`. */
export async function pageTensors(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { vaeBookDebug: { tensors(): number } }).vaeBookDebug.tensors());
}

/**
 * The page's live tensor count once it has not changed for a second: other widgets of the same
 * page may still be loading their models when a test starts, and they share the count.
 */
export async function settledTensors(page: Page): Promise<number> {
  let previous = -1;
  await expect
    .poll(
      async () => {
        const now = await pageTensors(page);
        const same = now === previous;
        previous = now;
        if (!same) await page.waitForTimeout(1000);
        return same;
      },
      { timeout: 30_000, intervals: [0] },
    )
    .toBe(true);
  return previous;
}

/**
 * Presses "Train from scratch", trains to `steps`, and returns the run's first read-back of
 * `key` and the latest. (The `tensors` fields are the widget's count at those moments, which a
 * redraw in flight can inflate: check leaks with `tensorsFlatAcrossSteps`.)
 */
export async function trainFromScratch(widget: Locator, key: string, steps: number) {
  await widget.getByRole('button', { name: 'Train from scratch' }).click();
  await expect.poll(async () => (await widget.getAttribute(`data-first-loss-${kebab(key)}`)) !== null, { timeout: 60_000 }).toBe(true);
  await waitForStep(widget, 10);
  const early = { value: await metric(widget, key, true), tensors: await tensorsOf(widget), step: await stepOf(widget) };
  await waitForStep(widget, steps);
  const late = { value: await metric(widget, key), tensors: await tensorsOf(widget), step: await stepOf(widget) };
  return { early, late };
}

/**
 * Checks that training `steps` more steps leaves the page's tensor count unchanged, comparing
 * while paused (between steps, and with no redraw in flight). The widget must be paused.
 */
export async function tensorsFlatAcrossSteps(page: Page, widget: Locator, steps: number): Promise<void> {
  const before = await settledTensors(page);
  const step = await stepOf(widget);
  await widget.getByRole('button', { name: /^(Resume training|Start training)$/ }).click();
  await waitForStep(widget, step + steps);
  await pauseStops(widget);
  // Exactly: the trainer keeps one running sum per metric wherever a read-back window stands.
  expect(await settledTensors(page)).toBe(before);
}

/** Pauses and checks that no step is taken for a second. */
export async function pauseStops(widget: Locator): Promise<void> {
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget).toHaveAttribute('data-state', 'paused');
  const paused = await stepOf(widget);
  await widget.page().waitForTimeout(1000);
  expect(await stepOf(widget)).toBe(paused);
}

/** The pixels of a canvas (for comparing views before and after). */
export async function canvasPixels(canvas: Locator): Promise<string> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const context = element.getContext('2d');
    if (context === null) return '';
    const data = context.getImageData(0, 0, element.width, element.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i++) hash = (hash * 31 + (data[i] ?? 0)) | 0;
    return `${element.width}x${element.height}:${hash}`;
  });
}
