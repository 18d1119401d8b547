/**
 * The front matter of the PDF as HTML: a title page (title, description, edition, where and
 * when it was printed, the reuse terms) and the table of contents with page numbers, grouped by
 * part. Printed by Chromium like the chapters; `scripts/pdf/book.ts` prints it twice, first to
 * learn how many pages it takes, then with the final page numbers.
 */
import type { ContentsEntry } from './assemble.ts';

export interface FrontStrings {
  title: string;
  description: string;
  edition: string;
  figures: string;
  printed: string;
  licence: string;
  contents: string;
  lang: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function frontMatterHtml(strings: FrontStrings, entries: ContentsEntry[]): string {
  const rows: string[] = [];
  let part: string | undefined;
  for (const entry of entries) {
    if (entry.part !== part) {
      part = entry.part;
      if (part) rows.push(`<li class="part">${escapeHtml(part)}</li>`);
    }
    rows.push(`<li><span class="title">${escapeHtml(entry.title)}</span><span class="dots"></span><span class="page">${entry.page}</span></li>`);
  }
  return `<!doctype html>
<html lang="${escapeHtml(strings.lang)}"><head><meta charset="utf-8"><title>${escapeHtml(strings.title)}</title>
<style>
  @page { size: A4; margin: 24mm 20mm; }
  body { font-family: 'Liberation Serif', 'DejaVu Serif', serif, 'WenQuanYi Micro Hei'; color: #111; }
  .title-page { height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
  h1 { font-size: 40pt; margin: 0 0 8mm; }
  .description { font-size: 15pt; margin: 0 0 20mm; }
  .small { font-size: 10pt; color: #333; margin: 2mm 0; }
  h2 { font-size: 20pt; margin: 0 0 8mm; }
  ol { list-style: none; padding: 0; margin: 0; font-size: 11.5pt; }
  li { display: flex; align-items: baseline; margin: 1.6mm 0; break-inside: avoid; }
  li.part { font-weight: bold; margin-top: 5mm; break-after: avoid; }
  .dots { flex: 1; border-bottom: 1px dotted #888; margin: 0 2mm; }
  .page { min-width: 8mm; text-align: right; }
</style></head><body>
<section class="title-page">
  <h1>${escapeHtml(strings.title)}</h1>
  <p class="description">${escapeHtml(strings.description)}</p>
  <p class="small">${escapeHtml(strings.edition)}</p>
  <p class="small">${escapeHtml(strings.figures)}</p>
  <p class="small">${escapeHtml(strings.printed)}</p>
  <p class="small">${escapeHtml(strings.licence)}</p>
</section>
<section><h2>${escapeHtml(strings.contents)}</h2><ol>${rows.join('')}</ol></section>
</body></html>`;
}
