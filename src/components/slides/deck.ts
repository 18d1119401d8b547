/**
 * Client side of a lecture deck: starts reveal.js with the speaker-notes plugin on the
 * server-rendered slides and keeps every slide inside its 1280 × 720 frame.
 *
 * - Keyboard (arrows, space, Home/End), `o`/Esc overview, `s` speaker view (notes, timer, next
 *   slide), `?print-pdf` print mode: all reveal.js's own.
 * - Live figures keep the book's lazy lifecycle: only the present slide is displayed (slides.css),
 *   so a figure's IntersectionObserver sees it only while its slide is on screen, loads it then,
 *   and pauses its training when the slide is left. The speaker view's preview frames
 *   (`?receiver`) and the overview show no live figures, so a figure runs once, on the main screen.
 * - A slide whose content is taller or wider than the frame (a figure with its controls) is
 *   scaled down to fit, re-measured whenever its content changes size.
 *
 * Test hooks: `window.vaeBookDeck` (the Reveal instance); each section's `data-fit` (the scale its body got).
 */
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';

export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;

const receiver = /[?&]receiver\b/.test(window.location.search);
document.documentElement.classList.toggle('vb-receiver', receiver);

/**
 * Scales a slide's body down (never up) so that the whole section fits the frame. A CSS
 * transform leaves the body's layout size alone, so measuring it does not feed back into the
 * ResizeObserver that calls this; a negative bottom margin gives the saved height back.
 */
function fit(section: HTMLElement): void {
  const body = section.querySelector<HTMLElement>('.vb-slide__body');
  if (!body) return;
  const style = getComputedStyle(section);
  const availableHeight = SLIDE_HEIGHT - body.offsetTop - parseFloat(style.paddingBottom);
  const availableWidth = section.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const height = body.offsetHeight;
  const width = body.scrollWidth;
  const scale = Math.max(0.3, Math.floor(1000 * Math.min(1, availableHeight / height, availableWidth / width)) / 1000);
  body.style.transformOrigin = width > availableWidth ? 'top left' : 'top center';
  body.style.transform = scale < 1 ? `scale(${scale})` : '';
  body.style.marginBottom = scale < 1 ? `${-(1 - scale) * height}px` : '';
  section.dataset['fit'] = String(scale);
}

const observer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const section = (entry.target as HTMLElement).closest<HTMLElement>('section.vb-slide');
    if (section?.classList.contains('present')) fit(section);
  }
});

const deck = new Reveal({
  width: SLIDE_WIDTH,
  height: SLIDE_HEIGHT,
  margin: 0.02,
  center: false,
  hash: true,
  transition: 'none',
  backgroundTransition: 'none',
  slideNumber: 'c/t',
  plugins: [Notes],
});

function onSlide(): void {
  const section = deck.getCurrentSlide() as HTMLElement | undefined;
  if (!section) return;
  fit(section);
}

void deck.initialize().then(() => {
  for (const body of document.querySelectorAll('.vb-slide__body')) {
    observer.observe(body);
  }
  onSlide();
  deck.on('slidechanged', onSlide);
  (window as unknown as { vaeBookDeck: typeof deck }).vaeBookDeck = deck;
  document.documentElement.dataset['deckReady'] = 'true';
});
