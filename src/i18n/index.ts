import { en, type UIKey, type UIStrings } from './en.ts';
import { zh } from './zh.ts';

export type { UIKey, UIStrings };

/** The book's locales: the key is the URL prefix ('root' is served at `/`). */
export const locales = {
  root: { label: 'English', lang: 'en' },
  zh: { label: '简体中文', lang: 'zh-CN' },
} as const;

export type LocaleKey = keyof typeof locales;

const translations: Record<LocaleKey, UIStrings> = { root: en, zh };

/** All UI strings for a locale (each locale's file has every key; the type checks that). */
export function uiStrings(locale: LocaleKey): UIStrings {
  return translations[locale];
}

/** The locale key for a BCP-47 language tag such as Starlight's `lang` ('en', 'zh-CN'). */
export function localeFromLang(lang: string | undefined): LocaleKey {
  const match = (Object.keys(locales) as LocaleKey[]).find((key) => locales[key].lang === lang);
  return match ?? 'root';
}

/** The locale key of a content file, from its path under `src/content/docs/`. */
export function localeFromPath(path: string): LocaleKey {
  const match = /src\/content\/docs\/([^/]+)\//.exec(path.replaceAll('\\', '/'));
  const prefix = match?.[1];
  return prefix !== undefined && prefix in locales && prefix !== 'root' ? (prefix as LocaleKey) : 'root';
}

/** Fills `{name}` placeholders of a UI string ("{n} steps" with {n: 3} → "3 steps"). */
export function formatString(template: string | undefined, values: Record<string, string | number> = {}): string {
  return (template ?? '').replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}
