/**
 * The question bank: every chapter's self-check questions, validated on load (a malformed
 * question throws, which stops `astro build`, the export and the unit tests). One file per
 * chapter beside this one, named after the chapter's slug; add a chapter by importing it here.
 */
import { parseChapterQuestions, type ChapterQuestions } from '../lib/quiz/schema.ts';
import { questions as klDivergence } from './kl-divergence.ts';
import { questions as generativeModels } from './generative-models.ts';
import { questions as em } from './em-and-gaussian-mixtures.ts';
import { questions as elbo } from './evidence-lower-bound.ts';
import { questions as reparameterisation } from './reparameterisation-trick.ts';
import { questions as autoencoders } from './autoencoders.ts';
import { questions as vae } from './variational-autoencoder.ts';
import { questions as cvae } from './conditional-vae.ts';
import { questions as iwae } from './importance-weighted-autoencoders.ts';
import { questions as gan } from './generative-adversarial-networks.ts';
import { questions as vaeGan } from './vae-gan.ts';
import { questions as comparing } from './comparing-generative-models.ts';

/** In reading order. */
export const QUESTION_BANK: readonly ChapterQuestions[] = [
  klDivergence,
  generativeModels,
  em,
  elbo,
  reparameterisation,
  autoencoders,
  vae,
  cvae,
  iwae,
  gan,
  vaeGan,
  comparing,
].map(parseChapterQuestions);

/** The questions of the chapter with this slug, if it has any. */
export function questionsFor(slug: string): ChapterQuestions | undefined {
  return QUESTION_BANK.find((chapter) => chapter.slug === slug);
}
