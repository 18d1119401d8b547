/**
 * The latent explorer's empty image boxes say what to do, and on a touch screen a tap does it:
 * a tap on the plane decodes there and shows the nearest test digit (no hover needed), and the
 * hints go once the boxes are drawn.
 */
import { expect, test } from '@playwright/test';

test.use({ hasTouch: true });

test('latent explorer: hints in the empty boxes, and one tap fills both', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/variational-autoencoder/?backend=wasm');
  const widget = page.locator('latent-explorer').first();
  await widget.scrollIntoViewIfNeeded();
  const nearestHint = widget.locator('.vb-digit-slot:has([data-view="nearest"]) .vb-digit-hint');
  await expect(nearestHint).toBeVisible();
  await expect(nearestHint).toHaveText('Tap or point at a dot');
  await expect(widget.locator('[data-out="status"]')).toContainText('Ready', { timeout: 60_000 });
  const scatter = widget.locator('[data-view="scatter"]');
  const box = (await scatter.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await expect(widget.locator('[data-out="nearest"]')).toContainText('Nearest test digit');
  await expect(nearestHint).toBeHidden();
  await expect(widget.locator('.vb-digit-slot:has([data-view="decoded"]) .vb-digit-hint')).toBeHidden();
});
