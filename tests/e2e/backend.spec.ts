/**
 * Backend selection in a real browser, through the "Check your browser" page: the default
 * order, the `?backend=` override (valid and invalid), WASM binaries served from our own host,
 * recovery from a WebGL context loss, and pages without model widgets downloading no backend.
 * Headless Chromium on the test machines has no WebGPU; WebGL (SwiftShader) or WASM wins.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { watchPage } from './helpers';

const PAGE = '/diagnostics/';
const ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'];

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

test('the check picks a working backend in the default order and says why WebGPU failed', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openCheck(page);
  const chosen = await widget.getAttribute('data-backend');
  expect(['webgl', 'wasm']).toContain(chosen);

  const names = await attemptNames(widget);
  expect(names).toEqual(ORDER.slice(0, names.length));
  expect(names.at(-1)).toBe(chosen);
  await expect(attempt(widget, 'webgpu')).toHaveAttribute('data-ok', 'false');
  await expect(attempt(widget, 'webgpu').locator('td').first()).toHaveText(/^failed: .{10,}/);
  await expect(attempt(widget, chosen ?? '')).toHaveAttribute('data-ok', 'true');
  await expect(attempt(widget, chosen ?? '').locator('td').last()).toHaveText(/^\d+ ms$/);

  await expect(summary(widget, 'override')).toHaveText(/^none/);
  await expect(summary(widget, 'speed')).toHaveText(/^\d+(\.\d+)? GFLOP\/s \(256 × 256 matrices/);
  await expect(summary(widget, 'status')).toHaveText(/The book will compute with/);
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

test('an invalid override (?backend=banana) is ignored: the default order is tried', async ({ page }) => {
  const watcher = watchPage(page);
  const widget = await openCheck(page, '?backend=banana');
  expect(['webgl', 'wasm']).toContain(await widget.getAttribute('data-backend'));
  expect((await attemptNames(widget))[0]).toBe('webgpu');
  await expect(summary(widget, 'override')).toHaveText(/^none/);

  // "Run the check" runs it again, with the same outcome.
  await widget.getByRole('button', { name: 'Run the check' }).click();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 25_000 });
  expect((await attemptNames(widget))[0]).toBe('webgpu');
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
  await expect(summary(widget, 'override')).toHaveText('?backend=webgl did not work here, so the usual order was tried');
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
