import type { AstroGlobal } from 'astro';
import { localeFromLang, uiStrings, type UIStrings } from '../../i18n/index.ts';
import { deckContext } from '../slides/context.ts';

/**
 * The UI strings for the page being rendered (Starlight knows the page's language; a lecture
 * deck, which is not a Starlight page, says its own).
 */
export function pageStrings(astro: Pick<AstroGlobal, 'locals'>): UIStrings {
  const lang = deckContext(astro.locals)?.lang ?? astro.locals.starlightRoute.lang;
  return uiStrings(localeFromLang(lang));
}

/**
 * The strings a widget's client module needs, for `data-strings`: every key that starts with
 * one of `prefixes` (e.g. 'trainingCheck.', 'backend.'). The rest stay out of the page.
 */
export function stringsWithPrefixes(t: UIStrings, ...prefixes: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(t).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))));
}
