/** The build-time deck extraction (src/components/slides/extract.ts) and deck routing (decks.ts). */
import { describe, expect, it } from 'vitest';
import { chapterPath, deckPath, deckPaths, entrySlug, hasSlides } from '../../../../src/components/slides/decks.ts';
import { extractSlides } from '../../../../src/components/slides/extract.ts';

const chapter = [
  '<h2 id="why">Why</h2><p>Prose that stays in the chapter only.</p>',
  '<section class="vb-slide" data-slide-title="One"><h2 class="vb-slide__title">One</h2>',
  '<div class="vb-slide__body"><p>See <a href="#eq:kl-gauss">(A.7)</a> and <a href="https://example.org/">a site</a>.</p></div>',
  '<aside class="notes">Say this.</aside></section>',
  '<script type="module" src="/_astro/KLExplorer.js"></script><style>.x{color:red}</style>',
  '<p>More prose.</p>',
  '<section class="vb-slide" data-slide-title="Two"><div class="vb-slide__body"><figure id="fig:kl"><kl-explorer></kl-explorer></figure>',
  '<script type="module" src="/_astro/inside.js"></script></div></section>',
  '<script type="module" src="/_astro/KLExplorer.js"></script>',
].join('');

describe('extractSlides(html, chapterUrl)', () => {
  it('keeps the slide sections in order and drops the prose between them', () => {
    const { slides } = extractSlides(chapter, '/kl-divergence/');
    expect(slides).toHaveLength(2);
    expect(slides[0]).toContain('data-slide-title="One"');
    expect(slides[0]).toContain('<aside class="notes">Say this.</aside>');
    expect(slides[1]).toContain('<kl-explorer></kl-explorer>');
    expect(slides.join('')).not.toContain('Prose that stays');
  });

  it('points in-page links at the chapter page and leaves other links alone', () => {
    const { slides } = extractSlides(chapter, '/kl-divergence/');
    expect(slides[0]).toContain('href="/kl-divergence/#eq:kl-gauss"');
    expect(slides[0]).toContain('href="https://example.org/"');
  });

  it('keeps scripts and styles from outside the slides once each, and leaves those inside in place', () => {
    const { slides, assets } = extractSlides(chapter, '/kl-divergence/');
    expect(assets).toEqual(['<script type="module" src="/_astro/KLExplorer.js"></script>', '<style>.x{color:red}</style>']);
    expect(slides[1]).toContain('/_astro/inside.js');
  });

  it('rejects a slide inside a slide', () => {
    const nested = '<section class="vb-slide" data-slide-title="Outer"><section class="vb-slide" data-slide-title="Inner"></section></section>';
    expect(() => extractSlides(nested, '/x/')).toThrow(/inside another <Slide> \("Outer"\)/);
  });

  it('returns no slides for a chapter without markers', () => {
    expect(extractSlides('<p>Only prose.</p>', '/x/').slides).toEqual([]);
  });
});

describe('decks', () => {
  const entry = (id: string, body: string, chapter: string | undefined = 'A') => ({ id, body, data: { chapter } });

  it('hasSlides(entry) is true only for a chapter whose MDX uses <Slide', () => {
    expect(hasSlides(entry('kl-divergence', 'text\n<Slide title="x">\n'))).toBe(true);
    expect(hasSlides(entry('kl-divergence', 'text <SlideShow /> only'))).toBe(false);
    expect(hasSlides(entry('zh/kl-divergence', '没有标记'))).toBe(false);
    expect(hasSlides({ id: 'notation', body: '<Slide title="x">', data: {} })).toBe(false);
  });

  it('chapterPath, deckPath and entrySlug put Chinese decks under /zh/slides/', () => {
    expect(entrySlug('zh/kl-divergence')).toBe('kl-divergence');
    expect(chapterPath('kl-divergence')).toBe('/kl-divergence/');
    expect(chapterPath('zh/kl-divergence')).toBe('/zh/kl-divergence/');
    expect(deckPath('kl-divergence')).toBe('/slides/kl-divergence/');
    expect(deckPath('zh/kl-divergence')).toBe('/zh/slides/kl-divergence/');
  });

  it('deckPaths(entries, locale) lists only that locale’s chapters with markers', () => {
    const entries = [
      entry('kl-divergence', '<Slide title="a">'),
      entry('zh/kl-divergence', '<Slide title="a">'),
      entry('zh/autoencoders', '无'),
      entry('autoencoders', '<Slide title="b">'),
    ];
    expect(deckPaths(entries, 'root').map((path) => path.params.slug)).toEqual(['kl-divergence', 'autoencoders']);
    expect(deckPaths(entries, 'zh').map((path) => path.params.slug)).toEqual(['kl-divergence']);
  });
});
