/**
 * `npm run bench`, Chromium part, figures (f) and (g): how the book's own pages behave while a
 * model trains or decodes, measured on the built site (`dist/`, rebuilt first when missing or
 * older than `src/` or `public/`) opened in Chromium with every request answered from `dist/`
 * through `page.route` (no server).
 *
 *   (f) main-thread long tasks (> 50 ms, the Long Tasks API) during 10 s of training in the
 *       chapter 6 VAE trainer, which trains in the page's model worker (target: no long task),
 *       and the steps per second the page reaches against the library's own rate for the same
 *       session, a run of it inside the worker with nothing asked of it by the page, for 3 s before
 *       and after the page's windows, the two averaged (target ≥ 0.9); then 10 s more with the
 *       page drawing every frame (an empty requestAnimationFrame loop, which also counts the
 *       frames per second), reported beside them;
 *   (g) frames per second of live decoding while dragging across the chapter 6 latent plot: a
 *       3 s drag (a real press and release, one pointermove per animation frame between them),
 *       counting completed decodes, animation frames and long tasks (target ≥ 30 decodes per
 *       second, no long task).
 *
 * Backends: WebGL and WASM where asked for, through the page's `?backend=`; a backend that does
 * not initialise is reported by the page falling back, and the figure names the one used.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { type ChromiumBench, openPage, ROOT, runtimeOf, serveFiles } from './serve.ts';

const DIST = join(ROOT, 'dist');
const ORIGIN = 'http://book.localhost';
/** Figures (f) and (g) are measured on these two of the requested backends. */
const MEASURED = new Set(['webgl', 'wasm']);
const PAGE = '/variational-autoencoder/';

/** The newest modification time of any file under `dir`. */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** Measures the current book: builds it unless dist/ is newer than every source file. */
function buildBook(): void {
  const page = join(DIST, PAGE, 'index.html');
  if (existsSync(page) && statSync(page).mtimeMs > Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'public')))) return;
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0) throw new Error('astro build failed');
}

/** Waits until `locator`'s element has `name="value"` (the widgets' data-ready, data-state). */
async function waitForAttribute(locator: Locator, name: string, value: string, timeout: number): Promise<void> {
  await locator.page().waitForFunction(([element, n, v]) => element?.getAttribute(n) === v, [await locator.elementHandle(), name, value] as const, { timeout });
}

/** What the figures keep on the page's window: long tasks seen, frames counted, and the frame counter's switch. */
interface BenchWindow {
  benchLongTasks: number[];
  benchFrames: number;
  benchAnimating: boolean;
  benchAnimate(on: boolean): void;
}

async function openBook(page: Page, query: string): Promise<void> {
  await serveFiles(page, ORIGIN, (path) => join(DIST, normalize(path)));
  await page.goto(`${ORIGIN}${PAGE}${query}`);
}

/** Figures (f) and (g) for each of WebGL and WASM that was asked for. */
export async function pageFigures({ browser, backends, emit, progress }: ChromiumBench): Promise<void> {
  const measured = backends.filter((name) => MEASURED.has(name));
  if (measured.length === 0) return;
  buildBook();
  for (const backend of measured) {
    progress(`(f)+(g) the built book on ${backend}`);
    const { page, close } = await openPage(browser);
    try {
      await measureBook(page, backend, runtimeOf(browser), emit);
    } finally {
      await close();
    }
  }
}

/**
 * The library's own step rate for the same session on the same backend: a run of the session
 * (`run-steps.ts`, steps back to back) started and stopped inside the model worker (its host,
 * `vaeBookHost`), with nothing asked of it by the page, for 3 s after 200 ms of warm steps.
 */
async function libraryStepsPerSecond(page: Page, session: string): Promise<number> {
  const worker = page.workers().find((candidate) => candidate.url().includes('model.worker'));
  if (worker === undefined) throw new Error('the model worker is not running');
  return worker.evaluate(async (id) => {
    type Answer = Promise<{ report: { steps: number } }>;
    const host = (globalThis as unknown as { vaeBookHost: { run(id: string): Answer; stop(id: string): void } }).vaeBookHost;
    const runFor = async (ms: number) => {
      const run = host.run(id);
      await new Promise((resolve) => setTimeout(resolve, ms));
      host.stop(id);
      return (await run).report.steps;
    };
    const warm = await runFor(200);
    const start = performance.now();
    const steps = (await runFor(3000)) - warm;
    return (1000 * steps) / (performance.now() - start);
  }, session);
}

async function measureBook(page: Page, backend: string, runtime: string, emit: ChromiumBench['emit']): Promise<void> {
  await openBook(page, `?backend=${backend}`);

  // (f) Long tasks while the VAE trainer trains for 10 s, then 10 s more with the page drawing
  // every frame (an empty requestAnimationFrame loop that counts them).
  const trainer = page.locator('vae-trainer');
  await trainer.scrollIntoViewIfNeeded();
  await waitForAttribute(trainer, 'data-ready', 'true', 120_000);
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
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
  await trainer.getByRole('button', { name: 'Train from scratch' }).click();
  await waitForAttribute(trainer, 'data-state', 'training', 60_000);
  // The windows open after three steps, as the library's rate below is taken after warm steps: a
  // backend's first training steps compile its kernels (WebGL: shader programs).
  await page.waitForFunction((element) => Number(element?.getAttribute('data-step')) >= 3, await trainer.elementHandle(), { timeout: 120_000 });
  // The library's rate is taken before and after the page's windows, and the two averaged: on a
  // shared machine the rate drifts over the 30 s this figure takes.
  const session = (await trainer.getAttribute('data-session')) ?? '';
  const pauseAndTimeLibrary = async () => {
    await trainer.getByRole('button', { name: 'Pause' }).click();
    await waitForAttribute(trainer, 'data-state', 'paused', 60_000);
    return libraryStepsPerSecond(page, session);
  };
  const libraryBefore = await pauseAndTimeLibrary();
  // The library's run trained the same session behind the page's back: the page's step count
  // catches up with its first progress read after the resume, and the windows open only then.
  const stale = Number(await trainer.getAttribute('data-step'));
  await trainer.getByRole('button', { name: /^(Resume training|Start training)$/ }).click();
  await waitForAttribute(trainer, 'data-state', 'training', 60_000);
  await page.waitForFunction(([element, n]) => Number(element?.getAttribute('data-step')) > n, [await trainer.elementHandle(), stale] as const, {
    timeout: 60_000,
  });
  const trainFor10s = async (animating: boolean) => {
    const startStep = Number(await trainer.getAttribute('data-step'));
    await page.evaluate((on) => {
      const w = window as unknown as BenchWindow;
      w.benchAnimate(on);
      w.benchLongTasks = [];
      w.benchFrames = 0;
    }, animating);
    await page.waitForTimeout(10_000);
    const seen = await page.evaluate(() => {
      const w = window as unknown as BenchWindow;
      return { longTasks: [...w.benchLongTasks], frames: w.benchFrames };
    });
    const steps = Number(await trainer.getAttribute('data-step')) - startStep;
    return { steps, longTasks: seen.longTasks.length, longestTaskMs: Math.round(Math.max(0, ...seen.longTasks)), frames: seen.frames };
  };
  const still = await trainFor10s(false);
  const animating = await trainFor10s(true);
  const libraryAfter = await pauseAndTimeLibrary();
  const library = (libraryBefore + libraryAfter) / 2;
  emit({
    figure: 'f: main-thread long tasks (> 50 ms) during 10 s of training in the model worker (chapter 6 VAE trainer)',
    runtime,
    backend: await trainer.getAttribute('data-backend'),
    seconds: 10,
    steps: still.steps,
    stepsPerSecond: Number((still.steps / 10).toFixed(1)),
    libraryStepsPerSecond: Number(library.toFixed(1)),
    libraryBeforeAndAfter: [Number(libraryBefore.toFixed(1)), Number(libraryAfter.toFixed(1))],
    inPageOverLibrary: Number((still.steps / 10 / library).toFixed(2)),
    longTasks: still.longTasks,
    longestTaskMs: still.longestTaskMs,
    whileDrawingEveryFrame: {
      stepsPerSecond: Number((animating.steps / 10).toFixed(1)),
      longTasks: animating.longTasks,
      longestTaskMs: animating.longestTaskMs,
      framesPerSecond: Number((animating.frames / 10).toFixed(1)),
    },
    target: 'no long task; inPageOverLibrary ≥ 0.9',
  });

  // (g) Live decoding while dragging across the latent plot for 3 s.
  const explorer = page.locator('latent-explorer');
  await explorer.scrollIntoViewIfNeeded();
  await waitForAttribute(explorer, 'data-ready', 'true', 120_000);
  const scatter = explorer.locator('[data-view="scatter"]');
  await scatter.scrollIntoViewIfNeeded();
  const box = await scatter.boundingBox();
  if (box === null) throw new Error('latent plot not laid out');
  const decodedBefore = Number(await explorer.getAttribute('data-decoded'));
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.benchAnimate(true);
    w.benchLongTasks = [];
    w.benchFrames = 0;
  });
  // The drag itself: one pointermove per animation frame, as Chromium delivers a real mouse's
  // (input is aligned to frames), dispatched in the page. Playwright's `mouse.move` waits for each
  // move's acknowledgement, which on a busy 2-core machine held the drag to about 23 moves a
  // second, fewer than the 30 decodes to be measured. The press and release are real.
  const drag = await page.evaluate(
    ([x, y, width, height]) =>
      new Promise<{ moves: number; seconds: number }>((resolve) => {
        const target = document.querySelector('latent-explorer [data-view="scatter"]');
        if (target === null) throw new Error('latent plot missing');
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
    [box.x, box.y, box.width, box.height] as const,
  );
  const { moves, seconds } = drag;
  await page.mouse.up();
  const dragging = await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.benchAnimate(false);
    return { longTasks: [...w.benchLongTasks], frames: w.benchFrames };
  });
  const decoded = Number(await explorer.getAttribute('data-decoded')) - decodedBefore;
  emit({
    figure: 'g: live decoding in the model worker while dragging across the latent plot (chapter 6 latent explorer)',
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
