/**
 * Moodle XML export of the question bank (https://docs.moodle.org/en/Moodle_XML_format): one
 * category per chapter; `multichoice` (single or several answers, per-answer feedback and
 * fractions), `numerical` (absolute tolerance), and figure tasks as `essay` questions that link to
 * the figure. Built with xmlbuilder2, so every string is escaped by the library.
 */
import { create } from 'xmlbuilder2';
import { type ChapterQuestions, isChoice, type Question } from '../schema.ts';
import { chapterUrl, EXPORT_STRINGS, type ExportOptions, itemIdentifier, platformText } from './common.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const html = (text: string) => ({ '@format': 'html', text: { $: text } });

/** Moodle's fraction of the grade for an answer: right answers share 100, wrong ones of a multiple-answer question share −100. */
function fractions(flags: readonly boolean[], single: boolean): number[] {
  const right = flags.filter(Boolean).length;
  const wrong = flags.length - right;
  return flags.map((correct) => (correct ? 100 / right : single || wrong === 0 ? 0 : -100 / wrong)).map((f) => Math.round(f * 1e5) / 1e5);
}

function questionNode(chapter: ChapterQuestions, q: Question, options: ExportOptions): Record<string, unknown> {
  // Moodle reads these as HTML: escape the text as HTML first (the XML library then escapes the HTML).
  const t = (text: Parameters<typeof platformText>[0]) => escapeHtml(platformText(text, options.locale));
  const name = { text: itemIdentifier(chapter, q.id) };
  if (isChoice(q)) {
    const f = fractions(
      q.options.map((o) => o.correct),
      q.kind === 'single',
    );
    return {
      '@type': 'multichoice',
      name,
      questiontext: html(t(q.prompt)),
      defaultgrade: 1,
      single: q.kind === 'single' ? 'true' : 'false',
      shuffleanswers: 'true',
      answernumbering: 'abc',
      answer: q.options.map((o, i) => ({ '@fraction': String(f[i]), '@format': 'html', text: { $: t(o.text) }, feedback: html(t(o.why)) })),
    };
  }
  if (q.kind === 'numeric') {
    return {
      '@type': 'numerical',
      name,
      questiontext: html(t(q.prompt)),
      generalfeedback: html(t(q.explanation)),
      defaultgrade: 1,
      answer: { '@fraction': '100', text: String(q.answer), tolerance: String(q.tolerance), feedback: html(t(q.explanation)) },
    };
  }
  const link = chapterUrl(chapter, options, q.figure);
  const s = EXPORT_STRINGS[options.locale];
  return {
    '@type': 'essay',
    name,
    questiontext: html(`${t(q.prompt)} <a href="${link}">${s.openFigure}</a>. ${s.figureNote}`),
    generalfeedback: html(t(q.explanation)),
    defaultgrade: 1,
    responseformat: 'editor',
  };
}

/** The whole bank as one Moodle XML document. */
export function exportMoodle(bank: readonly ChapterQuestions[], options: ExportOptions): string {
  const questions: Record<string, unknown>[] = [];
  for (const chapter of bank) {
    questions.push({
      '@type': 'category',
      category: { text: `$course$/VAE Book/${EXPORT_STRINGS[options.locale].chapter} ${chapter.chapter}: ${chapter.slug}` },
    });
    for (const q of chapter.questions) questions.push(questionNode(chapter, q, options));
  }
  return create({ version: '1.0', encoding: 'UTF-8' }, { quiz: { question: questions } }).end({ prettyPrint: true });
}
