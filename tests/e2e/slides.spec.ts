/**
 * Lecture decks (/slides/<chapter>/, src/components/slides/): every slide of every deck fits the
 * 1280 × 720 frame with legible text; keyboard navigation and the overview; the speaker view
 * (reveal.js's notes window) shows the slide's notes and a timer; a live figure on a slide
 * loads only on its slide and responds to its controls; training pauses when its slide is left;
 * chapters link to their decks and show their learning objectives.
 */
import { expect, type Page, test } from '@playwright/test';

const DECKS = [
  'kl-divergence',
  'generative-models',
  'em-and-gaussian-mixtures',
  'evidence-lower-bound',
  'reparameterisation-trick',
  'autoencoders',
  'variational-autoencoder',
  'conditional-vae',
  'importance-weighted-autoencoders',
  'generative-adversarial-networks',
  'vae-gan',
  'comparing-generative-models',
];

/** Smallest rendered size of body text on a slide (30 px, scaled by the slide's fit). */
const MIN_TEXT_PX = 27;

test.use({ viewport: { width: 1280, height: 720 } });

type Deck = { slide(h: number): void; getTotalSlides(): number; getIndices(): { h: number } };

async function openDeck(page: Page, slug: string, query = ''): Promise<void> {
  await page.goto(`/slides/${slug}/${query}`);
  await expect(page.locator('html')).toHaveAttribute('data-deck-ready', 'true');
}

const indexOf = (page: Page) => page.evaluate(() => (window as unknown as { vaeBookDeck: Deck }).vaeBookDeck.getIndices().h);

/** Moves to the slide titled `title` and returns its index. */
async function goToSlide(page: Page, title: string): Promise<number> {
  const index = await page.evaluate((wanted) => {
    const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')];
    const i = sections.findIndex((section) => section.dataset['slideTitle'] === wanted);
    (window as unknown as { vaeBookDeck: Deck }).vaeBookDeck.slide(i);
    return i;
  }, title);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

/**
 * What is wrong with the slide on screen: parts outside the frame, and body text below
 * MIN_TEXT_PX (figures' own controls excepted: a figure is scaled as a whole to fit).
 */
function presentSlideProblems(minText: number): string[] {
  const deck = (window as unknown as { vaeBookDeck: { getCurrentSlide(): HTMLElement } }).vaeBookDeck;
  const section = deck.getCurrentSlide();
  const frame = document.querySelector('.reveal .slides')!.getBoundingClientRect();
  const title = section.dataset['slideTitle'];
  const problems: string[] = [];
  const parts = section.querySelectorAll<HTMLElement>('h1, .vb-slide__title, .vb-slide__body > *, .vb-slide__body .vb-figure > *, .katex-display, li');
  for (const part of parts) {
    const r = part.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < frame.left - 1 || r.top < frame.top - 1 || r.right > frame.right + 1 || r.bottom > frame.bottom + 1) {
      problems.push(
        `"${title}": <${part.tagName.toLowerCase()} class="${part.className}"> outside the frame (${Math.round(r.right - frame.left)} × ${Math.round(r.bottom - frame.top)})`,
      );
    }
  }
  const scale = frame.width / 1280;
  for (const text of section.querySelectorAll<HTMLElement>('p, li')) {
    if (text.closest('.vb-figure, aside.notes')) continue;
    const px = text.getBoundingClientRect().height > 0 ? parseFloat(getComputedStyle(text).fontSize) * Number(section.dataset['fit'] ?? 1) : Infinity;
    if (px / scale < minText) problems.push(`"${title}": text at ${(px / scale).toFixed(1)} px: ${text.textContent?.slice(0, 40)}`);
  }
  return problems;
}

test('every slide of every deck fits 1280 × 720, with body text of at least 27 px', async ({ page }) => {
  test.setTimeout(240_000);
  // The figures are checked by size here, not trained: keep MNIST and the weights from loading.
  await page.route(/\/(data\/mnist|models)\//, (route) => route.abort());
  const problems: string[] = [];
  for (const slug of DECKS) {
    await openDeck(page, slug);
    const total = await page.evaluate(() => (window as unknown as { vaeBookDeck: Deck }).vaeBookDeck.getTotalSlides());
    expect(total, `${slug}: 10–25 slides`).toBeGreaterThanOrEqual(10);
    expect(total, `${slug}: 10–25 slides`).toBeLessThanOrEqual(25);
    for (let i = 0; i < total; i++) {
      await page.evaluate((h) => (window as unknown as { vaeBookDeck: Deck }).vaeBookDeck.slide(h), i);
      // A figure that changes size as it loads is refitted on the next frame: allow it to settle.
      let now: string[] = [];
      const count = async () => {
        now = await page.evaluate(presentSlideProblems, MIN_TEXT_PX);
        return now.length;
      };
      await expect
        .poll(count, { timeout: 1000, intervals: [50, 100, 250] })
        .toBe(0)
        .catch(() => undefined);
      problems.push(...now.map((problem) => `${slug} ${i}: ${problem}`));
    }
  }
  expect(problems).toEqual([]);
});

test('a deck is navigated by keyboard, has an overview and starts with the learning objectives', async ({ page }) => {
  await openDeck(page, 'evidence-lower-bound');
  const first = page.locator('.reveal .slides > section.present');
  await expect(first.getByText('Learning objectives')).toBeVisible();
  await expect(first.locator('li')).toHaveCount(4);
  await expect(first.getByRole('link', { name: 'Read the chapter' })).toHaveAttribute('href', '/evidence-lower-bound/');

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await indexOf(page)).toBe(2);
  await page.keyboard.press('ArrowLeft');
  expect(await indexOf(page)).toBe(1);
  await page.keyboard.press('End');
  const last = await indexOf(page);
  expect(last).toBeGreaterThan(8);
  await expect(page.locator('.reveal .slides > section.present')).toHaveAttribute('data-slide-title', 'Question for the class');
  await page.keyboard.press('Home');
  expect(await indexOf(page)).toBe(0);

  await page.keyboard.press('o');
  await expect(page.locator('.reveal')).toHaveClass(/overview/);
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal')).not.toHaveClass(/overview/);

  // Equations keep the chapter's numbers; references point at the chapter page.
  await goToSlide(page, 'The gap is a KL divergence');
  await expect(page.locator('.reveal .slides > section.present .katex-display').first()).toContainText('(3.');
  await goToSlide(page, 'Common mistake: using the encoder to generate');
  for (const href of await page.locator('.reveal .slides a[href*="#"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
    expect(href).not.toMatch(/^#/);
  }
});

test('the speaker view shows the slide’s notes and a timer, and follows the deck', async ({ page }) => {
  await openDeck(page, 'kl-divergence');
  const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(speaker.locator('.speaker-controls-time')).toBeVisible();
  await expect(speaker.locator('.speaker-controls-notes')).toContainText('Keys:');
  await page.keyboard.press('ArrowRight');
  await expect(speaker.locator('.speaker-controls-notes')).toContainText('Start from the VAE objective');
  // Its preview frames show no live figures: the figure runs on the main screen only.
  await page.bringToFront();
  await goToSlide(page, 'Live: the KL explorer');
  const current = speaker.frameLocator('#current-slide iframe');
  await expect(current.locator('html')).toHaveClass(/vb-receiver/);
  await expect(current.locator('.reveal .slides > section.present .vb-figure__body')).toBeHidden();
});

test('the KL explorer runs live on its slide, and only there', async ({ page }) => {
  await openDeck(page, 'kl-divergence', '?mu1=0&sigma1=0.5&mu2=0&sigma2=2');
  const widget = page.locator('kl-explorer');
  await page.waitForTimeout(500);
  await expect(widget).not.toHaveAttribute('data-ready', 'true');

  await goToSlide(page, 'Live: the KL explorer');
  await expect(widget).toHaveAttribute('data-ready', 'true');
  // The link's setting: KL(N(0, 0.5²) ‖ N(0, 2²)) = log 4 + 0.25/8 − 0.5 = 0.9175.
  await expect(widget.locator('[data-out="kl-pq"]')).toHaveText('0.9175');
  await widget.getByRole('spinbutton', { name: 'Standard deviation σ₂ of q' }).fill('0.5');
  await widget.getByRole('spinbutton', { name: 'Standard deviation σ₂ of q' }).press('Enter');
  await expect(widget.locator('[data-out="kl-pq"]')).toHaveText('0.0000');
  expect(await page.evaluate(presentSlideProblems, MIN_TEXT_PX)).toEqual([]);
});

test('training on a slide pauses when the slide is left and resumes when it is back', async ({ page }) => {
  test.setTimeout(120_000);
  await openDeck(page, 'variational-autoencoder', '?backend=wasm');
  await goToSlide(page, 'Live: train a VAE in the page');
  const widget = page.locator('vae-trainer');
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await widget.getByRole('button', { name: 'Start training' }).click();
  await expect(widget).toHaveAttribute('data-state', 'training', { timeout: 30_000 });
  await page.keyboard.press('ArrowRight');
  await expect(widget).toHaveAttribute('data-state', 'waiting');
  await page.keyboard.press('ArrowLeft');
  await expect(widget).toHaveAttribute('data-state', 'training');
});

test('chapters link to their decks and show their learning objectives', async ({ page }) => {
  await page.goto('/kl-divergence/');
  await expect(page.getByRole('link', { name: 'Slides for this chapter' })).toHaveAttribute('href', '/slides/kl-divergence/');
  const objectives = page.getByRole('region', { name: 'Learning objectives' });
  await expect(objectives.locator('li')).toHaveCount(5);
  // Slide-only content stays out of the chapter; wrapped content stays in it, once.
  await expect(page.getByText('Question for the class')).toHaveCount(0);
  await expect(page.locator('#fig\\:kl-explorer')).toHaveCount(1);
  // Pages that are not chapters have neither.
  await page.goto('/notation/');
  await expect(page.getByRole('link', { name: 'Slides for this chapter' })).toHaveCount(0);
});
