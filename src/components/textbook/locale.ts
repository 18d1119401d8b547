import type { AstroGlobal } from 'astro';
import { localeFromLang, uiStrings, type UIStrings } from '~/i18n';

/** The UI strings for the page being rendered (Starlight knows the page's language). */
export function pageStrings(astro: Pick<AstroGlobal, 'locals'>): UIStrings {
  return uiStrings(localeFromLang(astro.locals.starlightRoute.lang));
}
