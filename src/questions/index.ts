/**
 * The question bank: every chapter's self-check questions, validated on load (a malformed
 * question throws, which stops `astro build`, the export and the unit tests). One file per
 * chapter beside this one, named after the chapter's slug; add a chapter by importing it here.
 */
import { parseChapterQuestions, type ChapterQuestions } from '~/lib/quiz/schema';
import { questions as klDivergence } from './kl-divergence';

/** In reading order. */
export const QUESTION_BANK: readonly ChapterQuestions[] = [klDivergence].map(parseChapterQuestions);

/** The questions of the chapter with this slug, if it has any. */
export function questionsFor(slug: string): ChapterQuestions | undefined {
  return QUESTION_BANK.find((chapter) => chapter.slug === slug);
}
