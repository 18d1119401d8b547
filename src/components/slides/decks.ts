/**
 * Which chapters have a lecture deck and where decks live.
 *
 * A chapter has a deck when its MDX uses `<Slide`: every English chapter does; a Chinese
 * chapter does once its translation carries the markers (until then it has no deck and its
 * page shows no link). Decks are served at `/slides/<slug>/` and `/zh/slides/<slug>/`.
 */
import type { LocaleKey } from '../../i18n/index.ts';

/** The part of a docs entry this module needs. */
export interface DeckSource {
  /** Starlight's id: "kl-divergence", "zh/kl-divergence". */
  id: string;
  /** The raw MDX source. */
  body?: string | undefined;
  data: { chapter?: string | undefined };
}

const SLIDE_TAG = /<Slide[\s>]/;

/** True when the chapter's MDX marks at least one slide. */
export function hasSlides(entry: DeckSource): boolean {
  return entry.data.chapter !== undefined && SLIDE_TAG.test(entry.body ?? '');
}

/** The locale of an entry, from its id's first segment. */
export function entryLocale(id: string): LocaleKey {
  return id.startsWith('zh/') ? 'zh' : 'root';
}

/** The chapter's slug without its locale prefix ("zh/kl-divergence" → "kl-divergence"). */
export function entrySlug(id: string): string {
  return entryLocale(id) === 'root' ? id : id.slice(id.indexOf('/') + 1);
}

/** The locale's URL prefix: "" for English, "/zh" for Chinese. */
function prefix(locale: LocaleKey): string {
  return locale === 'root' ? '' : `/${locale}`;
}

/** The path of an entry's chapter page: "/kl-divergence/", "/zh/kl-divergence/". */
export function chapterPath(id: string): string {
  return `${prefix(entryLocale(id))}/${entrySlug(id)}/`;
}

/** The path of an entry's deck: "/slides/kl-divergence/", "/zh/slides/kl-divergence/". */
export function deckPath(id: string): string {
  return `${prefix(entryLocale(id))}/slides/${entrySlug(id)}/`;
}

/** The entries of one locale that have decks, as Astro `getStaticPaths` results. */
export function deckPaths<T extends DeckSource>(entries: T[], locale: LocaleKey): Array<{ params: { slug: string }; props: { entry: T } }> {
  return entries
    .filter((entry) => entryLocale(entry.id) === locale && hasSlides(entry))
    .map((entry) => ({ params: { slug: entrySlug(entry.id) }, props: { entry } }));
}
