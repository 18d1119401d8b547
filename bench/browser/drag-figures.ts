/**
 * `npm run bench`, figure (g): live decoding while the reader drags across a latent plot, for
 * each of the book's three figures that decode under the pointer. Each is measured on its page
 * of the built book (see `page-figures.ts`, which opens the pages): a 3 s drag, a real press and
 * release with one pointermove per animation frame between them, counting the figure's
 * completed redraws, animation frames and long tasks (target ≥ 30 decodes per second, no long
 * task).
 */
import type { Page } from '@playwright/test';
import { closeWindow, installProbes, openWindow, waitForAttribute } from './page-probes.ts';
import type { ChromiumBench } from './serve.ts';

export interface DraggedFigure {
  /** The page it is on (the book's path). */
  readonly path: string;
  /** Its element's tag. */
  readonly widget: string;
  /** The plot dragged across, inside the widget. */
  readonly plot: string;
  /** The widget's attribute that counts completed redraws at the pointer. */
  readonly counter: string;
  /** The figure's name in the report. */
  readonly name: string;
}

export const DRAGGED: readonly DraggedFigure[] = [
  {
    path: '/variational-autoencoder/',
    widget: 'latent-explorer',
    plot: '[data-view="scatter"]',
    counter: 'data-decoded',
    name: 'the VAE chapter’s latent explorer (one image per decode)',
  },
  {
    path: '/autoencoders/',
    widget: 'autoencoder-lab',
    plot: '[data-view="codes"]',
    counter: 'data-decoded',
    name: 'the autoencoder lab’s code plot (one image per decode)',
  },
  {
    path: '/conditional-vae/',
    widget: 'cvae-explorer',
    plot: '[data-view="pad"]',
    counter: 'data-views',
    name: 'the CVAE explorer’s latent pad (a decode is a redraw: the ten labels, the sweep and their classifier readings)',
  },
];

/** Figure (g) for `figure`, on `page` (already open on the figure's page). */
export async function dragFigure(page: Page, figure: DraggedFigure, backend: string, runtime: string, emit: ChromiumBench['emit']): Promise<void> {
  const widget = page.locator(figure.widget);
  await widget.scrollIntoViewIfNeeded();
  await waitForAttribute(widget, 'data-ready', 'true', 120_000);
  await installProbes(page);
  const plot = widget.locator(figure.plot);
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  if (box === null) throw new Error(`${figure.widget}: the plot is not laid out`);
  // Settles what the page does once the figure is ready (it may still draw after data-ready).
  await page.waitForTimeout(1000);
  const decodedBefore = Number((await widget.getAttribute(figure.counter)) ?? 0);
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.mouse.down();
  await openWindow(page, true);
  // The drag itself: one pointermove per animation frame, as Chromium delivers a real mouse's
  // (input is aligned to frames), dispatched in the page. Playwright's `mouse.move` waits for each
  // move's acknowledgement, which on a busy 2-core machine held the drag to about 23 moves a
  // second, fewer than the 30 decodes to be measured. The press and release are real.
  const { moves, seconds } = await page.evaluate(
    ([selector, x, y, width, height]) =>
      new Promise<{ moves: number; seconds: number }>((resolve) => {
        const target = document.querySelector(selector);
        if (target === null) throw new Error(`${selector} missing`);
        const started = performance.now();
        let moves = 0;
        const frame = (now: number) => {
          const elapsed = now - started;
          if (elapsed >= 3000) {
            resolve({ moves, seconds: elapsed / 1000 });
            return;
          }
          const phase = (elapsed / 3000) * 2 * Math.PI;
          const clientX = x + width * (0.5 + 0.3 * Math.cos(phase));
          const clientY = y + height * (0.5 + 0.3 * Math.sin(phase));
          target.dispatchEvent(
            new PointerEvent('pointermove', { bubbles: true, pointerId: 1, pointerType: 'mouse', isPrimary: true, buttons: 1, clientX, clientY }),
          );
          moves += 1;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    [`${figure.widget} ${figure.plot}`, box.x, box.y, box.width, box.height] as const,
  );
  await page.mouse.up();
  const dragging = await closeWindow(page);
  const decoded = Number((await widget.getAttribute(figure.counter)) ?? 0) - decodedBefore;
  emit({
    figure: `g: live decoding in the model worker while dragging across ${figure.name}`,
    runtime,
    backend,
    seconds: Number(seconds.toFixed(2)),
    pointerMoves: moves,
    pointerMovesPerSecond: Number((moves / seconds).toFixed(1)),
    decodesPerSecond: Number((decoded / seconds).toFixed(1)),
    framesPerSecond: Number((dragging.frames / seconds).toFixed(1)),
    longTasks: dragging.longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...dragging.longTasks)),
    target: 'decodes per second ≥ 30, no long task',
  });
}
