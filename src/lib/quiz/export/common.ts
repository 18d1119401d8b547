/**
 * What the QTI and Moodle exports share: the chapter's questions in one locale, their TeX turned
 * into the `\(…\)` delimiters that course platforms' MathJax filters typeset, and figure tasks'
 * links to the figure on the published book.
 */
import type { ChapterQuestions, QuizLocale, Text } from '../schema.ts';

export interface ExportOptions {
  readonly locale: QuizLocale;
  /** The book's public address, e.g. 'https://vae-book.example.org' (figure links point there). */
  readonly site: string;
}

/** `$x$` → `\(x\)`; the rest is left as text (the XML library escapes it). */
export function platformText(text: Text, locale: QuizLocale): string {
  return text[locale].replace(/\$([^$]+)\$/g, (_, tex: string) => `\\(${tex}\\)`);
}

/** The chapter page's URL in the locale, with an optional anchor. */
export function chapterUrl(chapter: ChapterQuestions, options: ExportOptions, anchor?: string): string {
  const base = options.site.replace(/\/$/, '');
  return `${base}${options.locale === 'zh' ? '/zh' : ''}/${chapter.slug}/${anchor ? `#${anchor}` : ''}`;
}

/** A stable identifier for a question across exports: "A-gauss-numeric", "3-elbo-gap-task". */
export function itemIdentifier(chapter: ChapterQuestions, id: string): string {
  return `ch${chapter.chapter}-${id}`;
}

/** Letters for choice identifiers (QTI identifiers must start with a letter). */
export const choiceId = (index: number): string => String.fromCharCode(65 + index);

export const EXPORT_STRINGS = {
  en: {
    openFigure: 'Open the figure',
    figureNote: 'Do this task in the interactive figure of the online book; the book checks it there. Describe the state you reached.',
    chapter: 'Chapter',
  },
  zh: { openFigure: '打开交互图', figureNote: '请在在线教材的交互图中完成这个任务，教材会在页面内核对。请描述你达到的状态。', chapter: '第' },
} as const;
