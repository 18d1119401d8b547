/**
 * Build-time extraction of a lecture deck from a chapter's rendered HTML.
 *
 * `Deck.astro` renders the whole chapter (so equations, figures and exercises keep the numbers
 * the chapter gives them) with every `<Slide>` rendered as `<section class="vb-slide">`; this
 * module keeps those sections, in order, and drops the rest of the prose. It also
 *
 * - points in-page links (`href="#eq:elbo"`, citations, figure references) at the chapter page,
 *   because the deck holds only part of the chapter;
 * - keeps the `<script>` and `<style>` elements found outside the slides, because Astro renders
 *   a component's script once, where the component is first used, which may be outside a slide.
 *
 * Pure (string in, strings out): unit-tested in tests/unit/components/slides/slides-extract.test.ts.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';

export interface ExtractedDeck {
  /** One HTML string per slide: a `<section class="vb-slide">` element. */
  slides: string[];
  /** The scripts and styles from outside the slides, deduplicated, to be placed after them. */
  assets: string[];
}

const SLIDE = 'section.vb-slide';

/** True when `node` lies inside one of `ancestors` (each checked as a subtree). */
function inside(node: Element, ancestors: Element[]): boolean {
  return ancestors.some((ancestor) => ancestor !== node && selectAll('*', ancestor).includes(node));
}

/** Rewrites every fragment-only link under `root` ("#x") to `chapterUrl#x`. */
export function pointLinksAt(root: Element | Root, chapterUrl: string): void {
  for (const link of selectAll('a[href^="#"]', root)) {
    link.properties['href'] = `${chapterUrl}${String(link.properties['href'])}`;
  }
}

/**
 * The slides of a chapter rendered in deck mode.
 * @param html the chapter's rendered HTML (its `<Content />`)
 * @param chapterUrl the chapter page's path, e.g. "/kl-divergence/", that links point at
 */
export function extractSlides(html: string, chapterUrl: string): ExtractedDeck {
  const tree = fromHtml(html, { fragment: true });
  const all = selectAll(SLIDE, tree);
  // A slide inside a slide is an authoring error that reveal.js would show as a vertical stack.
  const nested = all.find((slide) => selectAll(SLIDE, slide).some((inner) => inner !== slide));
  if (nested) {
    throw new Error(`A <Slide> inside another <Slide> ("${String(nested.properties['dataSlideTitle'])}"): slides cannot nest.`);
  }
  const slides = all.map((slide) => {
    pointLinksAt(slide, chapterUrl);
    return toHtml(slide);
  });
  const assets = new Set<string>();
  for (const element of selectAll('script, style, link[rel~="stylesheet"]', tree)) {
    if (!inside(element, all)) assets.add(toHtml(element));
  }
  return { slides, assets: [...assets] };
}
