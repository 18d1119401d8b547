/**
 * `npm run bench`, Chromium part, figures (f) and (g): how the book's own pages behave while a
 * model trains or decodes, measured on the built site (`dist/`, rebuilt first when missing or
 * older than `src/` or `public/`) opened in Chromium with every request answered from `dist/`
 * through `page.route` (no server).
 *
 *   (f) main-thread long tasks (> 50 ms, the Long Tasks API) during four windows of training in
 *       the chapter 6 VAE trainer, which trains in the page's model worker (target: no long task),
 *       and the steps per second the page reaches against the library's own rate for the same
 *       session, a run of it inside the worker with nothing asked of it by the page: the four
 *       windows of the page (3 s each; on a slow backend long enough for about 100 steps; each
 *       from one change of the page's step count to the first change after that time), each
 *       between two timings of the library as long, and each set against the mean of those two
 *       (target: the mean of the four ratios ≥ 0.9); then 10 s more with
 *       the page drawing every frame (an empty requestAnimationFrame loop, which also counts the
 *       frames per second), reported beside them;
 *   (g) live decoding while dragging across a latent plot, for each of the three figures that
 *       decode under the pointer (`drag-figures.ts`).
 *
 * Backends: WebGL and WASM where asked for, through the page's `?backend=`; a backend that does
 * not initialise is reported by the page falling back, and the figure names the one used.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Page } from '@playwright/test';
import { DRAGGED, dragFigure } from './drag-figures.ts';
import { closeWindow, installProbes, openWindow, waitForAttribute } from './page-probes.ts';
import { type ChromiumBench, openPage, ROOT, runtimeOf, serveFiles } from './serve.ts';

const DIST = join(ROOT, 'dist');
const ORIGIN = 'http://book.localhost';
/** Figures (f) and (g) are measured on these two of the requested backends. */
const MEASURED = new Set(['webgl', 'wasm']);
const PAGE = '/variational-autoencoder/';
/**
 * (f) trains in the page for ROUNDS windows, each between two timings of the library as long:
 * ROUND_MS, or longer on a slow backend, so that a window holds about STEPS_PER_WINDOW steps at
 * the library's first rate (at most MAX_ROUND_MS). On a GPU backend the page's step count moves
 * in jumps of up to the ten steps between two loss read-backs (the trainer's `readEvery`): on a
 * hardware GPU it runs ahead of the device by up to ten steps and the page's reads of it land
 * mostly just after a read-back; on software WebGL the page hears it only at read-backs (its
 * turns, `src/lib/worker/page-turns.ts`). With 3 s windows at 8 steps a second, single rounds
 * read from 0.48 to 1.1; hence the longer windows, each from one jump to another.
 */
const ROUNDS = 4;
const ROUND_MS = 3000;
const STEPS_PER_WINDOW = 100;
const MAX_ROUND_MS = 15_000;

/** How long (f)'s windows last on a backend the library trains at `rate` steps per second. */
const windowMs = (rate: number) => Math.min(MAX_ROUND_MS, Math.max(ROUND_MS, Math.ceil((1000 * STEPS_PER_WINDOW) / rate / 100) * 100));

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

async function openBook(page: Page, path: string, query: string): Promise<void> {
  await serveFiles(page, ORIGIN, (file) => join(DIST, normalize(file)));
  await page.goto(`${ORIGIN}${path}${query}`);
}

/** Figures (f) and (g) for each of WebGL and WASM that was asked for. */
export async function pageFigures({ browser, backends, emit, progress }: ChromiumBench): Promise<void> {
  const measured = backends.filter((name) => MEASURED.has(name));
  if (measured.length === 0) return;
  buildBook();
  const runtime = runtimeOf(browser);
  const query = (backend: string) => `?backend=${backend}`;
  for (const backend of measured) {
    progress(`(f) the built book on ${backend}`);
    const { page, close } = await openPage(browser);
    try {
      await openBook(page, PAGE, query(backend));
      await measureTraining(page, runtime, emit);
      // (g) on the pages' own figures; one on (f)'s page is dragged there, once training paused.
      for (const figure of DRAGGED) {
        progress(`(g) ${figure.widget} on ${backend}`);
        if (figure.path === PAGE) {
          await dragFigure(page, figure, backend, runtime, emit);
          continue;
        }
        const other = await openPage(browser);
        try {
          await openBook(other.page, figure.path, query(backend));
          await dragFigure(other.page, figure, backend, runtime, emit);
        } finally {
          await other.close();
        }
      }
    } finally {
      await close();
    }
  }
}

/**
 * The library's own step rate for the same session on the same backend: a run of the session
 * (`run-steps.ts`, steps back to back) started and stopped inside the model worker (its host,
 * `vaeBookHost`), with nothing asked of it by the page, for `ms` after 200 ms of warm steps.
 * The clock starts and stops with the device idle: on a GPU backend a run ends with up to ten
 * steps counted but still queued on the device (the trainer reads back every ten), so before
 * each a one-image read-out waits for them. Otherwise the library's count could include up to ten
 * steps the device had not done, which the page's next window then paid for (a window holds about
 * 100 steps on software WebGL).
 */
async function libraryStepsPerSecond(page: Page, session: string, ms: number): Promise<number> {
  const worker = page.workers().find((candidate) => candidate.url().includes('model.worker'));
  if (worker === undefined) throw new Error('the model worker is not running');
  return worker.evaluate(
    async ([id, ms]) => {
      type Answer = Promise<{ report: { steps: number } }>;
      const host = (
        globalThis as unknown as {
          vaeBookHost: { run(id: string): Answer; stop(id: string): void; readout(name: string, id: string, args: unknown[]): Promise<unknown> };
        }
      ).vaeBookHost;
      // One prior sample read back: it waits for every step still queued on the device.
      const drain = () => host.readout('drawSamples', id, [1, 0]);
      const runFor = async (ms: number) => {
        const run = host.run(id);
        await new Promise((resolve) => setTimeout(resolve, ms));
        host.stop(id);
        return (await run).report.steps;
      };
      const warm = await runFor(200);
      await drain();
      const start = performance.now();
      const steps = (await runFor(ms)) - warm;
      await drain();
      return (1000 * steps) / (performance.now() - start);
    },
    [session, ms] as const,
  );
}

/** Figure (f) on `page`, open on the VAE chapter; training is left paused. */
async function measureTraining(page: Page, runtime: string, emit: ChromiumBench['emit']): Promise<void> {
  // (f) Long tasks while the VAE trainer trains, in ROUNDS windows of ROUND_MS, then 10 s more
  // with the page drawing every frame (an empty requestAnimationFrame loop that counts them).
  const trainer = page.locator('vae-trainer');
  await trainer.scrollIntoViewIfNeeded();
  await waitForAttribute(trainer, 'data-ready', 'true', 120_000);
  await installProbes(page);
  await trainer.getByRole('button', { name: 'Train from scratch' }).click();
  await waitForAttribute(trainer, 'data-state', 'training', 60_000);
  // The windows open after three steps, as the library's rate below is taken after warm steps: a
  // backend's first training steps compile its kernels (WebGL: shader programs).
  await page.waitForFunction((element) => Number(element?.getAttribute('data-step')) >= 3, await trainer.elementHandle(), { timeout: 120_000 });
  // The page's rate and the library's are taken in turns (library, page, library, …, library),
  // and each page window is set against the mean of the library windows on either side of it:
  // on a shared machine both rates drift over the minute or two this figure takes, by more than
  // the 10 % the ratio is judged by.
  const session = (await trainer.getAttribute('data-session')) ?? '';
  const timeLibrary = (ms: number) => libraryStepsPerSecond(page, session, ms);
  const pause = async () => {
    await trainer.getByRole('button', { name: 'Pause' }).click();
    await waitForAttribute(trainer, 'data-state', 'paused', 60_000);
  };
  // The library's run trained the same session behind the page's back: the page's step count
  // catches up with its first progress read after the resume, and a window opens only then.
  const resume = async () => {
    const stale = Number(await trainer.getAttribute('data-step'));
    await trainer.getByRole('button', { name: /^(Resume training|Start training)$/ }).click();
    await waitForAttribute(trainer, 'data-state', 'training', 60_000);
    await page.waitForFunction(([element, n]) => Number(element?.getAttribute('data-step')) > n, [await trainer.elementHandle(), stale] as const, {
      timeout: 60_000,
    });
  };
  // A window runs from one change of the page's step count to the first change after `ms`, and
  // its rate is the steps between them over the time between them (the page's clock): the count
  // moves in jumps (on software WebGL the page hears from the run only after each read-back,
  // every ten steps), so a window that ended at an arbitrary moment would miss the steps since
  // the last jump, about 5 of some 100.
  const handle = await trainer.elementHandle();
  const nextStep = () =>
    page.evaluate(
      (element) =>
        new Promise<{ step: number; time: number }>((resolve, reject) => {
          const before = element?.getAttribute('data-step');
          const stuck = setTimeout(() => reject(new Error('the step count did not change for 60 s')), 60_000);
          const watch = new MutationObserver(() => {
            const now = element?.getAttribute('data-step');
            if (now === before) return;
            watch.disconnect();
            clearTimeout(stuck);
            resolve({ step: Number(now), time: performance.now() });
          });
          if (element) watch.observe(element, { attributes: true, attributeFilter: ['data-step'] });
        }),
      handle,
    );
  const trainFor = async (ms: number, animating: boolean) => {
    const start = await nextStep();
    await openWindow(page, animating);
    await page.waitForTimeout(ms);
    const end = await nextStep();
    const seen = await closeWindow(page);
    const seconds = (end.time - start.time) / 1000;
    return { seconds, steps: end.step - start.step, rate: (end.step - start.step) / seconds, longTasks: seen.longTasks, frames: seen.frames };
  };
  await pause();
  const firstRate = await timeLibrary(ROUND_MS);
  const roundMs = windowMs(firstRate);
  // (On a slow backend the library is timed again, over a window as long as the page's.)
  const library = [roundMs > ROUND_MS ? await timeLibrary(roundMs) : firstRate];
  const rounds: { seconds: number; steps: number; rate: number; longTasks: number[] }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await resume();
    rounds.push(await trainFor(roundMs, false));
    await pause();
    library.push(await timeLibrary(roundMs));
  }
  // Then 10 s with the page drawing every frame.
  await resume();
  const animating = await trainFor(10_000, true);
  await pause();

  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  const steps = rounds.reduce((sum, round) => sum + round.steps, 0);
  const longTasks = rounds.flatMap((round) => round.longTasks);
  const ratios = rounds.map((round, i) => round.rate / (((library[i] ?? 0) + (library[i + 1] ?? 0)) / 2));
  const libraryMean = library.reduce((sum, rate) => sum + rate, 0) / library.length;
  const fixed = (value: number, digits: number) => Number(value.toFixed(digits));
  emit({
    figure: `f: main-thread long tasks (> 50 ms) during ${Math.round(seconds)} s of training in the model worker (chapter 6 VAE trainer)`,
    runtime,
    backend: await trainer.getAttribute('data-backend'),
    seconds: fixed(seconds, 1),
    windowSeconds: roundMs / 1000,
    steps,
    stepsPerSecond: fixed(steps / seconds, 1),
    libraryStepsPerSecond: fixed(libraryMean, 1),
    libraryWindows: library.map((rate) => fixed(rate, 1)),
    inPageOverLibraryByRound: ratios.map((ratio) => fixed(ratio, 2)),
    inPageOverLibrary: fixed(ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length, 2),
    longTasks: longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...longTasks)),
    whileDrawingEveryFrame: {
      stepsPerSecond: fixed(animating.rate, 1),
      longTasks: animating.longTasks.length,
      longestTaskMs: Math.round(Math.max(0, ...animating.longTasks)),
      framesPerSecond: fixed(animating.frames / animating.seconds, 1),
    },
    target: 'no long task; inPageOverLibrary ≥ 0.9',
  });
}
