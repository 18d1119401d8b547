/**
 * Prints the built book to one PDF: the one code path of `npm run pdf` and of the PDF test.
 *
 * 1. Open the locale's front page from `dist/` (served through routes, `site.ts`) and read the
 *    reading order from its sidebar (`order.ts`), the title, the description and the site URL.
 * 2. Print each chapter with Chromium (`page.pdf`, print media, print.css), after starting its
 *    figures and fitting wide equations (`prepare.ts`).
 * 3. Print the front matter (`front.ts`) once to count its pages, then again with the page
 *    numbers of the table of contents; merge, number the pages and add the outline with
 *    pdf-lib (`assemble.ts`).
 */
import type { Browser } from '@playwright/test';
import { en } from '../../src/i18n/en.ts';
import { zh } from '../../src/i18n/zh.ts';
import { type PrintedChapter, assemble, contents, pageCount } from './assemble.ts';
import { frontMatterHtml } from './front.ts';
import { type BookPage, readingOrder } from './order.ts';
import { prepareForPrint } from './prepare.ts';
import { BOOK_ORIGIN, openBook } from './site.ts';

export type Locale = 'root' | 'zh';

export interface BookOptions {
  dist: string;
  locale: Locale;
  /** Instructor's edition: every exercise solution printed open. */
  instructor: boolean;
  /** Keep only the pages whose path this accepts (default: every chapter of the sidebar). */
  include?: (page: BookPage) => boolean;
  log?: (message: string) => void;
}

export interface PrintedBook {
  pdf: Uint8Array;
  chapters: { title: string; path: string; page: number }[];
}

const strings = (locale: Locale) => ({ ...en, ...(locale === 'zh' ? zh : {}) });
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

export async function printBook(browser: Browser, options: BookOptions): Promise<PrintedBook> {
  const log = options.log ?? (() => undefined);
  const t = strings(options.locale);
  const context = await openBook(browser, options.dist);
  try {
    const page = await context.newPage();
    await page.goto(`${BOOK_ORIGIN}${options.locale === 'root' ? '/' : `/${options.locale}/`}`);
    const order = (await readingOrder(page)).filter(options.include ?? (() => true));
    const meta = await page.evaluate(() => ({
      title: document.querySelector('.site-title')?.textContent?.trim() ?? document.title,
      description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
      siteUrl: new URL(document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? location.href).origin,
      lang: document.documentElement.lang,
    }));
    await page.close();
    if (order.length === 0) throw new Error(`no chapters to print for locale ${options.locale}`);

    const printed: (PrintedChapter & { path: string })[] = [];
    for (const [index, entry] of order.entries()) {
      log(`[${index + 1}/${order.length}] ${entry.path}`);
      const chapterPage = await context.newPage();
      await chapterPage.goto(`${BOOK_ORIGIN}${entry.path}`);
      await prepareForPrint(chapterPage, { solutions: options.instructor, siteUrl: meta.siteUrl });
      const pdf = await chapterPage.pdf({ preferCSSPageSize: true, printBackground: true });
      await chapterPage.close();
      printed.push({ ...entry, pdf });
    }

    const licence = fill(t['footer.licence'], { textLicence: 'CC BY-SA 4.0', codeLicence: 'MIT', citation: `${meta.siteUrl}/CITATION.cff` });
    const front = {
      title: meta.title,
      description: meta.description,
      edition: options.instructor ? t['pdf.instructorEdition'] : t['pdf.studentEdition'],
      figures: t['pdf.figures'],
      printed: fill(t['pdf.printed'], { url: meta.siteUrl, date: new Date().toISOString().slice(0, 10) }),
      licence,
      contents: t['pdf.contents'],
      lang: meta.lang,
    };
    const frontPage = await context.newPage();
    const printFront = async (frontPages: number) => {
      const entries = await contents(printed, frontPages);
      await frontPage.setContent(frontMatterHtml(front, entries));
      return { entries, pdf: await frontPage.pdf({ preferCSSPageSize: true }) };
    };
    let result = await printFront(2);
    const frontPages = await pageCount(result.pdf);
    if (frontPages !== 2) result = await printFront(frontPages);
    await frontPage.close();

    const pdf = await assemble({
      title: `${meta.title}${options.instructor ? ` — ${t['pdf.instructorEdition']}` : ''}`,
      subject: meta.description,
      language: meta.lang,
      front: result.pdf,
      chapters: printed,
      entries: result.entries,
    });
    return { pdf, chapters: result.entries.map((entry, i) => ({ title: entry.title, path: printed[i]!.path, page: entry.page })) };
  } finally {
    await context.close();
  }
}
