/**
 * Puts the printed chapters together with pdf-lib: front matter (title page and a table of
 * contents whose page numbers are known once the chapters are printed), every chapter in
 * order, a page number at the foot of every page after the title page, and the PDF outline
 * (bookmarks) with one entry per chapter under its part. `readOutline` reads the outline back
 * (the PDF test uses it).
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, type PDFRef, StandardFonts, rgb } from 'pdf-lib';

/** A chapter's printed PDF and where it goes. */
export interface PrintedChapter {
  part: string;
  title: string;
  pdf: Uint8Array;
}

/** A chapter's first page in the finished book (1-based, as printed at the foot of the page). */
export interface ContentsEntry {
  part: string;
  title: string;
  page: number;
}

export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

/** Where each chapter starts when `frontPages` pages of front matter come first. */
export async function contents(chapters: PrintedChapter[], frontPages: number): Promise<ContentsEntry[]> {
  let next = frontPages + 1;
  const entries: ContentsEntry[] = [];
  for (const chapter of chapters) {
    entries.push({ part: chapter.part, title: chapter.title, page: next });
    next += await pageCount(chapter.pdf);
  }
  return entries;
}

export interface AssembleOptions {
  title: string;
  subject: string;
  language: string;
  /** The front matter (title page, contents), already printed. */
  front: Uint8Array;
  chapters: PrintedChapter[];
  entries: ContentsEntry[];
}

/** The whole book: front matter + chapters, page numbers, outline and document metadata. */
export async function assemble(options: AssembleOptions): Promise<Uint8Array> {
  const book = await PDFDocument.create();
  for (const part of [options.front, ...options.chapters.map((chapter) => chapter.pdf)]) {
    const source = await PDFDocument.load(part);
    for (const page of await book.copyPages(source, source.getPageIndices())) book.addPage(page);
  }
  const font = await book.embedFont(StandardFonts.Helvetica);
  book.getPages().forEach((page, index) => {
    if (index === 0) return; // the title page carries no number
    const text = String(index + 1);
    const size = 9;
    page.drawText(text, { x: (page.getWidth() - font.widthOfTextAtSize(text, size)) / 2, y: 28, size, font, color: rgb(0.3, 0.3, 0.3) });
  });
  addOutline(book, options.entries);
  book.setTitle(options.title, { showInWindowTitleBar: true });
  book.setSubject(options.subject);
  book.setLanguage(options.language);
  book.setProducer('vae-book scripts/pdf.ts (Chromium + pdf-lib)');
  return book.save();
}

/** Two-level outline: parts (when the chapters have them), each with its chapters. */
function addOutline(book: PDFDocument, entries: ContentsEntry[]): void {
  const context = book.context;
  const root = context.nextRef();
  const destination = (page: number) => context.obj([book.getPage(page - 1).ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]);
  const groups: { part: string; entries: ContentsEntry[] }[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && last.part === entry.part) last.entries.push(entry);
    else groups.push({ part: entry.part, entries: [entry] });
  }
  const link = (items: { ref: PDFRef; dict: PDFDict }[], parent: PDFRef) => {
    items.forEach(({ ref, dict }, i) => {
      dict.set(PDFName.of('Parent'), parent);
      if (i > 0) dict.set(PDFName.of('Prev'), items[i - 1]!.ref);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), items[i + 1]!.ref);
      context.assign(ref, dict);
    });
  };
  const item = (title: string, page: number) => ({
    ref: context.nextRef(),
    dict: context.obj({ Title: PDFHexString.fromText(title), Dest: destination(page) }) as PDFDict,
  });
  const top = groups.flatMap((group) => {
    if (!group.part) return group.entries.map((entry) => item(entry.title, entry.page));
    const parent = item(group.part, group.entries[0]!.page);
    const children = group.entries.map((entry) => item(entry.title, entry.page));
    link(children, parent.ref);
    parent.dict.set(PDFName.of('First'), children[0]!.ref);
    parent.dict.set(PDFName.of('Last'), children.at(-1)!.ref);
    parent.dict.set(PDFName.of('Count'), context.obj(children.length));
    return [parent];
  });
  if (top.length === 0) return;
  link(top, root);
  context.assign(root, context.obj({ Type: 'Outlines', First: top[0]!.ref, Last: top.at(-1)!.ref, Count: top.length }));
  book.catalog.set(PDFName.of('Outlines'), root);
  book.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** The outline's titles, depth first, each with its 1-based page number. */
export async function readOutline(pdf: Uint8Array): Promise<{ title: string; page: number }[]> {
  const book = await PDFDocument.load(pdf);
  const pageRefs = book.getPages().map((page) => page.ref.toString());
  const found: { title: string; page: number }[] = [];
  const walk = (dict: PDFDict | undefined) => {
    for (let node = dict; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = node.lookup(PDFName.of('Title'));
      const dest = node.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const ref = dest?.get(0)?.toString() ?? '';
      found.push({ title: title instanceof PDFHexString ? title.decodeText() : String(title), page: pageRefs.indexOf(ref) + 1 });
      walk(node.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  const outlines = book.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
  return found;
}
