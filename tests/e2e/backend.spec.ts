/**
 * Backend selection in a real browser, through the "Check your browser" page: every working
 * backend measured and the fastest chosen, the result cached for the next page, the `?backend=`
 * override (valid and invalid), WASM binaries served from our own host, recovery from a WebGL
 * context loss, and pages without model widgets downloading no backend. Headless Chromium on the
 * test machines has no WebGPU and only a software WebGL (SwiftShader), so WASM measures fastest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { watchPage } from './helpers.ts';

// These tests are about the first visit, before anything is measured (see MEASURED_STATE).
test.use({ storageState: { cookies: [], origins: [] } });

const PAGE = '/diagnostics/';
/** The order backends are measured in (`MEASURE_ORDER`). */
const ORDER = ['wasm', 'webgpu', 'webgl', 'cpu'];

/** Built JS chunks holding TensorFlow.js or a backend, found by strings each package contains. */
function backendChunks(): string[] {
  const dir = join('dist', '_astro');
  const markers = ['not found in registry', 'WEBGPU_', 'WEBGL_CPU_FORWARD', 'WASM_HAS_SIMD_SUPPORT', 'running TensorFlow.js in Node'];
  return readdirSync(dir).filter((name) => name.endsWith('.js') && markers.some((marker) => readFileSync(join(dir, name), 'utf8').includes(marker)));
}

async function openCheck(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${PAGE}${query}`);
  const widget = page.locator('backend-check');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 25_000 });
  return widget;
}

const attemptNames = (widget: Locator) => widget.locator('tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['backend']));
const attempt = (widget: Locator, name: string) => widget.locator(`tbody tr[data-backend="${name}"]`);
const summary = (widget: Locator, name: string) => widget.locator(`[data-out="${name}"]`);

test('the check measures every working backend and picks the fastest, WASM here, saying why', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openCheck(page);
  await expect(widget).toHaveAttribute('data-backend', 'wasm');
  await expect(widget).toHaveAttribute('data-reason', 'fastest');
  expect(await attemptNames(widget)).toEqual(ORDER);
  await expect(attempt(widget, 'webgpu')).toHaveAttribute('data-ok', 'false');
  await expect(attempt(widget, 'webgpu').locator('td').first()).toHaveText(/^failed: .{10,}/);
  await expect(attempt(widget, 'wasm')).toHaveAttribute('data-ok', 'true');
  await expect(attempt(widget, 'wasm').locator('td').nth(1)).toHaveText(/^\d+(\.\d+)? ms$/);
  await expect(attempt(widget, 'wasm').locator('td').last()).toHaveText(/^\d+ ms$/);
  // Every backend that works has a step time, and none is faster than the winner's.
  const wasmMs = Number(await attempt(widget, 'wasm').getAttribute('data-ms-per-step'));
  for (const row of await widget.locator('tbody tr[data-ok="true"]').all()) {
    expect(Number(await row.getAttribute('data-ms-per-step'))).toBeGreaterThanOrEqual(wasmMs);
  }
  await expect(summary(widget, 'why')).toHaveText(/^it trained the fastest here: [\d.]+ ms per step, [\d.]+ × faster than /);

  await expect(summary(widget, 'override')).toHaveText(/^none/);
  await expect(summary(widget, 'speed')).toHaveText(/^\d+(\.\d+)? GFLOP\/s \(256 × 256 matrices/);
  await expect(summary(widget, 'status')).toHaveText(/The book will compute with/);
  watcher.expectClean();
});

test('the measured choice is cached: the next page only loads the winner, and ?backend=webgl still overrides', async ({ page }) => {
  const watcher = watchPage(page);
  const webglChunks = backendChunks().filter((name) => readFileSync(join('dist', '_astro', name), 'utf8').includes('WEBGL_CPU_FORWARD'));
  expect(webglChunks.length).toBeGreaterThan(0);
  await openCheck(page);
  expect(watcher.requested.some((url) => webglChunks.includes(url.split('/').pop() ?? ''))).toBe(true); // measured

  watcher.requested.length = 0;
  let widget = await openCheck(page);
  await expect(widget).toHaveAttribute('data-backend', 'wasm');
  await expect(widget).toHaveAttribute('data-reason', 'cached');
  await expect(summary(widget, 'why')).toHaveText(/measured it fastest on an earlier visit/);
  expect(await attemptNames(widget)).toEqual(ORDER); // the remembered measurement
  expect(watcher.requested.filter((url) => webglChunks.includes(url.split('/').pop() ?? ''))).toEqual([]);

  widget = await openCheck(page, '?backend=webgl');
  await expect(widget).toHaveAttribute('data-backend', 'webgl');
  await expect(widget).toHaveAttribute('data-reason', 'override');
  expect(await attemptNames(widget)).toEqual(['webgl']);
  await expect(summary(widget, 'why')).toHaveText('you chose it with ?backend=webgl in the address, so nothing was measured');

  // The override did not replace the cached result.
  widget = await openCheck(page);
  await expect(widget).toHaveAttribute('data-reason', 'cached');
  await expect(widget).toHaveAttribute('data-backend', 'wasm');
  watcher.expectClean();
});

test('?backend=wasm is honoured and the .wasm binary comes from our own host', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openCheck(page, '?backend=wasm');
  await expect(widget).toHaveAttribute('data-backend', 'wasm');
  expect(await attemptNames(widget)).toEqual(['wasm']);
  await expect(attempt(widget, 'wasm')).toHaveAttribute('data-ok', 'true');
  await expect(summary(widget, 'override')).toHaveText('?backend=wasm, used');
  await expect(summary(widget, 'speed')).toHaveText(/GFLOP\/s/);
  const origin = new URL(page.url()).origin;
  const binaries = watcher.requested.filter((url) => url.endsWith('.wasm'));
  expect(binaries).toHaveLength(1);
  expect(binaries[0]).toMatch(new RegExp(`^${origin}/_astro/tfjs-backend-wasm(-simd)?\\.[\\w-]+\\.wasm$`));
  watcher.expectClean(); // includes: no request to another host, no failed request
});

test('?backend=cpu is honoured, downloading neither WASM nor the GPU backends', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openCheck(page, '?backend=cpu');
  await expect(widget).toHaveAttribute('data-backend', 'cpu');
  expect(await attemptNames(widget)).toEqual(['cpu']);
  await expect(summary(widget, 'override')).toHaveText('?backend=cpu, used');
  expect(watcher.requested.filter((url) => url.endsWith('.wasm'))).toEqual([]);
  const loaded = watcher.requested.map((url) => url.split('/').pop() ?? '');
  const unused = backendChunks().filter((name) => {
    const code = readFileSync(join('dist', '_astro', name), 'utf8');
    return ['WEBGPU_', 'WEBGL_CPU_FORWARD', 'WASM_HAS_SIMD_SUPPORT'].some((marker) => code.includes(marker)) && !code.includes('running TensorFlow.js in Node');
  });
  expect(unused.length).toBeGreaterThan(0);
  expect(loaded.filter((name) => unused.includes(name))).toEqual([]);
  watcher.expectClean();
});

test('an invalid override (?backend=banana) is ignored: the backends are measured', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openCheck(page, '?backend=banana');
  await expect(widget).toHaveAttribute('data-backend', 'wasm');
  expect((await attemptNames(widget))[0]).toBe('wasm');
  await expect(summary(widget, 'override')).toHaveText(/^none/);

  // "Run the check" measures again (never from the cache), with the same outcome.
  await widget.getByRole('button', { name: 'Run the check' }).click();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 25_000 });
  await expect(widget).toHaveAttribute('data-reason', 'fastest');
  expect(await attemptNames(widget)).toEqual(ORDER);
  watcher.expectClean();
});

test('after a WebGL context loss the check switches to another working backend and says so', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openCheck(page, '?backend=webgl');
  test.skip((await widget.getAttribute('data-backend')) !== 'webgl', 'WebGL does not work in this browser');

  const lost = await widget.evaluate((element) => (element as HTMLElement & { app: { loseContextForTest(): boolean } }).app.loseContextForTest());
  expect(lost).toBe(true);
  await expect(widget).toHaveAttribute('data-context-lost', 'true');
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 25_000 });
  await expect(widget).toHaveAttribute('data-backend', 'wasm');
  await expect(summary(widget, 'status')).toHaveText('The WebGL context was lost, so the book switched to WebAssembly (WASM).');
  // WebGL is never tried again; WebGPU is (the override skipped it before) and fails.
  expect(await attemptNames(widget)).toEqual(['webgpu', 'wasm']);
  await expect(attempt(widget, 'webgpu')).toHaveAttribute('data-ok', 'false');
  await expect(summary(widget, 'speed')).toHaveText(/GFLOP\/s/);

  // Asked again, even for WebGL first, the check refuses the lost context and says why.
  await widget.getByRole('button', { name: 'Run the check' }).click();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 25_000 });
  await expect(widget).toHaveAttribute('data-backend', 'wasm');
  await expect(attempt(widget, 'webgl')).toHaveAttribute('data-ok', 'false');
  await expect(attempt(widget, 'webgl').locator('td').first()).toHaveText(/WebGL context was lost/);
  expect(await attemptNames(widget)).toEqual(['webgl', 'wasm', 'webgpu', 'cpu']);
  await expect(summary(widget, 'override')).toHaveText('?backend=webgl did not work here, so the fastest of the others was chosen');
  watcher.expectClean();
});

test('the KL chapter downloads no TensorFlow.js or backend code', async ({ page }) => {
  const chunks = backendChunks();
  expect(chunks.length).toBeGreaterThanOrEqual(5);
  const watcher = watchPage(page);
  await page.goto('/kl-divergence/');
  const widget = page.locator('kl-explorer');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true');
  await page.waitForLoadState('networkidle');
  const loaded = watcher.requested.map((url) => url.split('/').pop() ?? '');
  expect(loaded.filter((name) => chunks.includes(name) || name.endsWith('.wasm'))).toEqual([]);
  watcher.expectClean();
});
