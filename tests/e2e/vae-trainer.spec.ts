/** Chapter 6, widget (a): the VAE trains in the page through its controls. */
import { expect, test } from '@playwright/test';
import { watchPage } from './helpers.ts';
import { canvasPixels, metric, openWidget, pageTensors, pauseStops, settledTensors, stepOf, tensorsFlatAcrossSteps, trainFromScratch } from './training.ts';

test('the VAE trainer: from scratch the loss falls, pause stops, each curve in its legend colour, reset restores the pretrained views, tensors flat', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'vae-trainer');
  const reconstructions = widget.locator('[data-view="reconstructions"]');
  await expect(widget).toHaveAttribute('data-views', /\d+/);
  // Loading draws the views once (the panel does not redraw the weights the widget just drew).
  await page.waitForTimeout(1000);
  await expect(widget).toHaveAttribute('data-views', '1');
  const pretrained = await canvasPixels(reconstructions);

  const { early, late } = await trainFromScratch(widget, 'reconstruction', 100);
  expect(late.value).toBeLessThan(early.value - 50);
  await expect(widget.locator('[data-out="backend"]')).toContainText('WASM');
  await pauseStops(widget);
  // Each curve has its legend entry's colour, and the two differ.
  const colours = await widget.evaluate((root) => {
    const colourOf = (selector: string) => [...root.querySelectorAll(selector)].map((element) => getComputedStyle(element).color);
    return { curves: colourOf('[data-plot] g.series > g'), legend: colourOf('.vb-training-legend li') };
  });
  expect(colours.curves).toHaveLength(2);
  expect(colours.curves).toEqual(colours.legend);
  expect(colours.curves[0]).not.toBe(colours.curves[1]);

  await tensorsFlatAcrossSteps(page, widget, 50);
  expect(await canvasPixels(reconstructions)).not.toBe(pretrained);

  await widget.getByRole('button', { name: 'Back to the pretrained weights' }).click();
  await expect.poll(() => stepOf(widget)).toBe(0);
  await expect.poll(() => canvasPixels(reconstructions)).toBe(pretrained);
  watcher.expectClean();
});

test('training pauses while the widget is out of view or the tab hidden, and removing the widget frees its model', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'vae-trainer');
  await widget.getByRole('button', { name: 'Start training' }).click();
  await expect(widget).toHaveAttribute('data-state', 'training', { timeout: 30_000 });

  // Out of view: waiting, no steps; back in view: training again.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(widget).toHaveAttribute('data-state', 'waiting');
  const away = await stepOf(widget);
  await page.waitForTimeout(1000);
  expect(await stepOf(widget)).toBe(away);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'training');

  // A hidden tab: waiting too.
  const setHidden = (hidden: boolean) =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { value: value ? 'hidden' : 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  await expect(widget).toHaveAttribute('data-state', 'waiting');
  await setHidden(false);
  await expect(widget).toHaveAttribute('data-state', 'training');

  // Removing the widget (as leaving the page does) disposes its session: the tensor count drops.
  const before = await settledTensors(page);
  await widget.evaluate((element) => element.remove());
  await expect.poll(() => pageTensors(page)).toBeLessThan(before - 10);
  watcher.expectClean();
});

test('without WebGL or WebGPU the trainer runs on the plain-JavaScript CPU backend, and says so', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'vae-trainer', '?backend=cpu');
  await expect(widget).toHaveAttribute('data-backend', 'cpu');
  await expect(widget.locator('[data-out="backend"]')).toContainText('CPU');
  await widget.getByRole('button', { name: 'Start training' }).click();
  await expect.poll(() => stepOf(widget), { timeout: 90_000 }).toBeGreaterThanOrEqual(10);
  await pauseStops(widget);
  watcher.expectClean();
});

test('a learning rate far too high: the run stops with a clear message, and restoring the last good weights at a tenth of the rate trains on', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'vae-trainer');
  const rate = widget.getByRole('combobox', { name: 'Learning rate' });
  await rate.selectOption('0.1');
  await widget.getByRole('button', { name: 'Start training' }).click();
  // At 0.1 Adam moves every weight by about 0.1 a step: the loss explodes within a few read-backs,
  // long before it overflows, and the guard stops the run (see the trainer's divergence guard).
  await expect(widget).toHaveAttribute('data-state', 'diverged', { timeout: 60_000 });
  const status = widget.locator('[data-training] [role="status"]').first();
  await expect(status).toContainText('Training diverged');
  await expect(status).toContainText('Restore the weights from step 0');
  // The menu says that 0.1 is unstable.
  await expect(rate.locator('option[value="0.1"]')).toHaveText('0.1 (unstable: may diverge)');
  // The loss chart's tick labels stay short and clear of the axis title however far the loss ran.
  const chart = widget.locator('svg.vb-training-chart');
  const ticks = await chart.locator('.axis-y .tick text').allTextContents();
  expect(ticks.length).toBeGreaterThan(1);
  for (const tick of ticks) expect(tick.length).toBeLessThanOrEqual(5);
  const title = await chart.locator('.axis-label').nth(1).boundingBox();
  for (const box of await Promise.all((await chart.locator('.axis-y .tick text').all()).map((t) => t.boundingBox()))) {
    expect(box!.x).toBeGreaterThanOrEqual(title!.x + title!.width);
  }
  // When the runaway reading is far above the rest, the axis stops below it and a note says so.
  if ((await chart.getAttribute('data-clipped')) === 'true') await expect(chart.locator('.axis-note')).toContainText('runs off the top');
  const stopped = await stepOf(widget);
  await page.waitForTimeout(500);
  expect(await stepOf(widget)).toBe(stopped);

  await widget.getByRole('button', { name: 'Restore the last good weights' }).click();
  await expect(status).toContainText('Restored the weights from step 0; the learning rate is now 0.01');
  await expect(rate).toHaveValue('0.01');
  await widget.getByRole('button', { name: /^(Resume training|Start training)$/ }).click();
  await expect(widget).toHaveAttribute('data-state', 'training');
  await expect.poll(() => stepOf(widget), { timeout: 60_000 }).toBeGreaterThanOrEqual(stopped + 100);
  // Back near the pretrained 2-D VAE's figures (reconstruction ≈ 147, KL ≈ 6 nats), not in the millions.
  const reconstruction = await metric(widget, 'reconstruction');
  expect(reconstruction).toBeGreaterThan(100);
  expect(reconstruction).toBeLessThan(250);
  const kl = await metric(widget, 'kl');
  expect(kl).toBeGreaterThan(0);
  expect(kl).toBeLessThan(50);
  watcher.expectClean();
});

test('the speed read-out agrees with the steps counted over wall time within 10 %', async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = watchPage(page);
  const widget = await openWidget(page, '/variational-autoencoder/', 'vae-trainer');
  await widget.getByRole('button', { name: 'Start training' }).click();
  await expect(widget).toHaveAttribute('data-state', 'training', { timeout: 30_000 });
  // The read-out covers the last 2 s of training: let it fill.
  await expect(widget.locator('[data-out="speed"]')).toContainText('steps/s', { timeout: 30_000 });
  await page.waitForTimeout(2500);
  // In the page (no round trips): every 250 ms for 6 s, the time, data-step and the speed shown;
  // how often the step count shown changed meanwhile; and the chart's x-axis labels at each redraw.
  const { samples, stepTextChanges, xAxisDraws } = await widget.evaluate(async (root: HTMLElement) => {
    const speed = root.querySelector('[data-out="speed"]');
    let stepTextChanges = 0;
    const watch = new MutationObserver((records) => (stepTextChanges += records.length));
    watch.observe(root.querySelector('[data-out="step"]') as Node, { childList: true, characterData: true, subtree: true });
    const axis = root.querySelector('[data-plot] .axis-x') as Element;
    const xAxisDraws: string[] = [];
    const labels = () => [...axis.querySelectorAll('.tick text')].map((text) => text.textContent).join(' ');
    const watchAxis = new MutationObserver(() => xAxisDraws.push(labels()));
    watchAxis.observe(axis, { childList: true, characterData: true, subtree: true, attributes: true });
    const taken: { time: number; step: number; shown: number }[] = [];
    const t0 = performance.now();
    while (performance.now() - t0 < 6000) {
      taken.push({ time: performance.now(), step: Number(root.dataset['step']), shown: Number.parseFloat((speed?.textContent ?? '').replace(/[^\d.]/g, '')) });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    watch.disconnect();
    watchAxis.disconnect();
    return { samples: taken, stepTextChanges, xAxisDraws };
  });
  // Each reading against the steps counted over the (at least) 2 s of wall time before it: the read-out's window.
  const shown: number[] = [];
  const counted: number[] = [];
  for (const sample of samples) {
    const start = samples.findLast((earlier) => earlier.time <= sample.time - 2000);
    if (start === undefined) continue;
    shown.push(sample.shown);
    counted.push((1000 * (sample.step - start.step)) / (sample.time - start.time));
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  console.log(`speed read-out: shown ${mean(shown).toFixed(2)}, counted ${mean(counted).toFixed(2)} steps/s over ${shown.length} readings`);
  expect(shown.length).toBeGreaterThan(5);
  expect(mean(counted)).toBeGreaterThan(1);
  expect(Math.abs(mean(shown) - mean(counted)) / mean(counted)).toBeLessThan(0.1);
  // The texts that change with every step follow at most every 250 ms while training (each change
  // costs the page a layout): at most 24 changes in 6 s, however fast the steps come.
  expect(stepTextChanges).toBeGreaterThan(3);
  expect(stepTextChanges).toBeLessThanOrEqual(26);
  // The x-axis (the step) is rounded out to its ticks and redrawn only when they change, not at
  // every chart update (each redraw lays the chart's text out again).
  expect(stepTextChanges).toBeGreaterThan(xAxisDraws.length);
  for (let i = 1; i < xAxisDraws.length; i++) expect(xAxisDraws[i], `x-axis redraw ${i} changed no label`).not.toBe(xAxisDraws[i - 1]);
  await pauseStops(widget);
  // Paused, the step count shown is the final one.
  await expect(widget.locator('[data-out="step"]')).toHaveText((await widget.getAttribute('data-step')) ?? '');
  watcher.expectClean();
});
