/**
 * What the page figures ((f) in `page-figures.ts`, (g) in `drag-figures.ts`) install in a page
 * of the built book to watch it: the long tasks seen (the Long Tasks API), and a frame counter
 * that, while on, makes the page draw every frame (an empty requestAnimationFrame loop).
 */
import type { Locator, Page } from '@playwright/test';

/** What the probes keep on the page's window. */
export interface BenchWindow {
  benchLongTasks: number[];
  benchFrames: number;
  benchAnimating: boolean;
  benchAnimate(on: boolean): void;
}

/** Installs the probes (frame counter off, lists empty), once per page. */
export async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    if (typeof w.benchAnimate === 'function') return;
    w.benchLongTasks = [];
    w.benchFrames = 0;
    w.benchAnimating = false;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.benchLongTasks.push(entry.duration))).observe({ type: 'longtask' });
    const frame = () => {
      if (!w.benchAnimating) return;
      w.benchFrames += 1;
      requestAnimationFrame(frame);
    };
    w.benchAnimate = (on) => {
      const was = w.benchAnimating;
      w.benchAnimating = on;
      if (on && !was) requestAnimationFrame(frame);
    };
  });
}

/** Starts a window: the frame counter on or off, the long tasks and frames counted from zero. */
export async function openWindow(page: Page, animating: boolean): Promise<void> {
  await page.evaluate((on) => {
    const w = window as unknown as BenchWindow;
    w.benchAnimate(on);
    w.benchLongTasks = [];
    w.benchFrames = 0;
  }, animating);
}

/** Ends a window (the frame counter off): the long tasks' durations and the frames seen in it. */
export async function closeWindow(page: Page): Promise<{ longTasks: number[]; frames: number }> {
  return page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.benchAnimate(false);
    return { longTasks: [...w.benchLongTasks], frames: w.benchFrames };
  });
}

/** Waits until `locator`'s element has `name="value"` (the widgets' data-ready, data-state). */
export async function waitForAttribute(locator: Locator, name: string, value: string, timeout: number): Promise<void> {
  await locator.page().waitForFunction(([element, n, v]) => element?.getAttribute(n) === v, [await locator.elementHandle(), name, value] as const, { timeout });
}
