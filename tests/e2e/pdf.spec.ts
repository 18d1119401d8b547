/**
 * The PDF edition (`npm run pdf`, scripts/pdf/): two chapters printed through the same code
 * path as the whole book (instructor's edition), checked for its outline, table of contents,
 * page numbers and an opened solution; and every chapter, in print media, has no display
 * equation wider than its box once the PDF script has fitted it.
 * Needs `pdftotext` (poppler-utils; `.ci/run` installs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readOutline } from '../../scripts/pdf/assemble.ts';
import { printBook } from '../../scripts/pdf/book.ts';
import { readingOrder } from '../../scripts/pdf/order.ts';
import { fitEquations, overflowingEquations } from '../../scripts/pdf/prepare.ts';
import { BOOK_ORIGIN, openBook } from '../../scripts/pdf/site.ts';

const TWO = ['/kl-divergence/', '/evidence-lower-bound/'];

test('two chapters print with a contents page, page numbers, an outline and open solutions', async ({ browser }) => {
  test.setTimeout(180_000);
  const book = await printBook(browser, { dist: 'dist', locale: 'root', instructor: true, include: (page) => TWO.includes(page.path) });
  mkdirSync('test-results/pdf', { recursive: true });
  const file = 'test-results/pdf/two-chapters.pdf';
  writeFileSync(file, book.pdf);

  expect(book.chapters.map((chapter) => chapter.path)).toEqual(TWO);
  const [first, second] = book.chapters;
  expect(first?.page).toBe(3); // title page, contents page, then the first chapter
  expect(second!.page).toBeGreaterThan(first!.page + 3);

  const outline = await readOutline(book.pdf);
  expect(outline).toEqual([
    { title: 'Background', page: first!.page },
    { title: 'KL divergence', page: first!.page },
    { title: 'Part I: From density estimation to the ELBO', page: second!.page },
    { title: 'The evidence lower bound', page: second!.page },
  ]);

  const text = (from: number, to = from) => execFileSync('pdftotext', ['-f', String(from), '-l', String(to), '-layout', file, '-']).toString();
  const contents = text(2);
  expect(contents).toMatch(new RegExp(`KL divergence[ .]*${first!.page}\\b`));
  expect(contents).toMatch(new RegExp(`The evidence lower bound[ .]*${second!.page}\\b`));
  expect(text(first!.page)).toMatch(/KL divergence/);
  expect(text(second!.page).trim()).toMatch(new RegExp(`\\b${second!.page}$`)); // the stamped page number

  // Instructor's edition: the words of a solution's body are printed.
  const context = await openBook(browser, 'dist');
  const page = await context.newPage();
  await page.goto(`${BOOK_ORIGIN}/kl-divergence/`);
  const phrase = await page.evaluate(() => {
    const words = [...document.querySelectorAll('.vb-solution__body p')]
      .filter((p) => !p.querySelector('.katex'))
      .map((p) => (p.textContent ?? '').trim().split(/\s+/))
      .find((w) => w.length >= 5);
    return (words ?? []).slice(0, 5).join(' ');
  });
  await context.close();
  expect(phrase.split(' ')).toHaveLength(5);
  const whole = text(1, book.chapters.length + 60).replace(/\s+/g, ' ');
  expect(whole).toContain(phrase);
});

test('in print media no display equation overflows its box in any chapter', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await openBook(browser, 'dist');
  const page = await context.newPage();
  await page.goto(`${BOOK_ORIGIN}/`);
  const chapters = await readingOrder(page);
  expect(chapters.length).toBeGreaterThan(10);
  await page.emulateMedia({ media: 'print' });
  const overflowing: string[] = [];
  for (const chapter of chapters) {
    await page.goto(`${BOOK_ORIGIN}${chapter.path}`);
    await fitEquations(page);
    overflowing.push(...(await overflowingEquations(page)).map((tex) => `${chapter.path}: ${tex}`));
  }
  await context.close();
  expect(overflowing).toEqual([]);
});
