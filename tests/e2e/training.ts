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

/** The latest value of metric `key` (from `data-loss-<key>`). */
export async function metric(widget: Locator, key: string): Promise<number> {
  const name = `data-loss-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return Number(await widget.getAttribute(name));
}

export async function waitForStep(widget: Locator, steps: number, timeout = 90_000): Promise<void> {
  await expect.poll(() => stepOf(widget), { timeout }).toBeGreaterThanOrEqual(steps);
}

/**
 * Presses "Train from scratch", trains to `steps`, and returns the first and last read-back of
 * `key` and the tensor counts early and late.
 */
export async function trainFromScratch(widget: Locator, key: string, steps: number) {
  await widget.getByRole('button', { name: 'Train from scratch' }).click();
  await expect.poll(async () => (await widget.getAttribute(`data-loss-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)) !== null, { timeout: 60_000 }).toBe(true);
  await waitForStep(widget, 10);
  const early = { value: await metric(widget, key), tensors: await tensorsOf(widget), step: await stepOf(widget) };
  await waitForStep(widget, steps);
  const late = { value: await metric(widget, key), tensors: await tensorsOf(widget), step: await stepOf(widget) };
  return { early, late };
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
