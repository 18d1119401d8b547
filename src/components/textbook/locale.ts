import type { AstroGlobal } from 'astro';
import { localeFromLang, uiStrings, type UIStrings } from '~/i18n';

/** The UI strings for the page being rendered (Starlight knows the page's language). */
export function pageStrings(astro: Pick<AstroGlobal, 'locals'>): UIStrings {
  return uiStrings(localeFromLang(astro.locals.starlightRoute.lang));
}

/**
 * The strings a widget's client module needs, for `data-strings`: every key that starts with
 * one of `prefixes` (e.g. 'trainingCheck.', 'backend.'). The rest stay out of the page.
 */
export function stringsWithPrefixes(t: UIStrings, ...prefixes: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(t).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))));
}
