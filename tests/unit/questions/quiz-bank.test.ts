/**
 * The question bank (src/questions/): every chapter has 5–8 valid questions, every numeric
 * answer equals the maths library's value, every reference and figure label exists in the
 * chapter, every figure task fails on the figure's initial state, and the Chinese strings follow
 * the glossary's typography.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refNumbers } from '../../../src/components/Questions/refs.ts';
import { parseChapterQuestions, type ChapterQuestions, type Question } from '../../../src/lib/quiz/schema.ts';
import { QUESTION_BANK } from '../../../src/questions/index.ts';
import { EXPECTED_NUMERIC } from '../quiz-expected.ts';

const CHAPTER_SLUGS = [
  'kl-divergence',
  'generative-models',
  'em-and-gaussian-mixtures',
  'evidence-lower-bound',
  'reparameterisation-trick',
  'autoencoders',
  'variational-autoencoder',
  'conditional-vae',
  'importance-weighted-autoencoders',
  'generative-adversarial-networks',
  'vae-gan',
  'comparing-generative-models',
];

const source = (slug: string, zh = false) => readFileSync(`src/content/docs/${zh ? 'zh/' : ''}${slug}.mdx`, 'utf8');
const strings = (q: Question) => [q.prompt, ...('options' in q ? q.options.flatMap((o) => [o.text, o.why]) : [q.explanation])];

describe('the question bank', () => {
  it('has 5–8 questions for every chapter, A and 1–11, in reading order, with the chapter labels of the frontmatter', () => {
    expect(QUESTION_BANK.map((c) => c.slug)).toEqual(CHAPTER_SLUGS);
    for (const c of QUESTION_BANK) {
      expect(c.questions.length, c.slug).toBeGreaterThanOrEqual(5);
      expect(c.questions.length, c.slug).toBeLessThanOrEqual(8);
      expect(source(c.slug), c.slug).toMatch(new RegExp(`^chapter: ${c.chapter}$`, 'm'));
    }
  });

  it('parseChapterQuestions rejects malformed questions with a message naming the problem', () => {
    const good = QUESTION_BANK[0] as ChapterQuestions;
    const single = {
      id: 'x',
      kind: 'single',
      prompt: { en: 'p', zh: 'p' },
      options: [
        { text: { en: 'a', zh: 'a' }, correct: true, why: { en: 'w', zh: 'w' } },
        { text: { en: 'b', zh: 'b' }, correct: true, why: { en: 'w', zh: 'w' } },
      ],
    } as const;
    expect(() => parseChapterQuestions({ ...good, questions: [single] as unknown as Question[] })).toThrow(/2 correct options, not 1/);
    const noZh = { id: 'y', kind: 'numeric', prompt: { en: 'p', zh: '' }, answer: 1, tolerance: 0.1, explanation: { en: 'e', zh: 'e' } };
    expect(() => parseChapterQuestions({ ...good, questions: [noZh] as unknown as Question[] })).toThrow(/prompt\.zh/);
    const badCheck = { id: 'z', kind: 'figure', figure: 'fig:x', check: 'nope', prompt: { en: 'p', zh: 'p' }, explanation: { en: 'e', zh: 'e' } };
    expect(() => parseChapterQuestions({ ...good, questions: [badCheck] as unknown as Question[] })).toThrow(/check/);
  });

  it('every numeric answer equals the value the maths library computes', () => {
    const numeric = QUESTION_BANK.flatMap((c) => c.questions.filter((q) => q.kind === 'numeric').map((q) => [`${c.slug}/${q.id}`, q.answer] as const));
    expect(numeric.map(([key]) => key).sort()).toEqual(Object.keys(EXPECTED_NUMERIC).sort());
    for (const [key, answer] of numeric) expect(answer, key).toBe(EXPECTED_NUMERIC[key]?.());
  });

  it('every ref and figure label exists in the chapter (and in its Chinese translation where there is one)', () => {
    for (const c of QUESTION_BANK) {
      const labels = c.questions.flatMap((q) => [...('options' in q ? q.options.map((o) => o.ref) : [q.ref]), q.kind === 'figure' ? q.figure : undefined]);
      for (const zh of [false, true]) {
        if (zh && !existsSync(`src/content/docs/zh/${c.slug}.mdx`)) continue;
        const numbers = refNumbers(source(c.slug, zh), c.chapter);
        for (const label of labels) if (label !== undefined) expect(numbers.has(label), `${zh ? 'zh/' : ''}${c.slug}: ${label}`).toBe(true);
      }
    }
  });

  it('Chinese strings use full-width punctuation and a space between Chinese and Latin letters or digits', () => {
    const problems: string[] = [];
    for (const c of QUESTION_BANK) {
      for (const q of c.questions) {
        for (const text of strings(q)) {
          const prose = text.zh.replace(/\$[^$]*\$/g, 'M');
          if (/[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]|[\u4e00-\u9fff]\.(\s|$)/.test(prose))
            problems.push(`${c.slug}/${q.id}: half-width punctuation in “${text.zh}”`);
          if (/[\u4e00-\u9fff][A-Za-z0-9(]|[A-Za-z0-9)][\u4e00-\u9fff]/.test(prose))
            problems.push(`${c.slug}/${q.id}: no space between Chinese and Latin in “${text.zh}”`);
          if (/[\u4e00-\u9fff]\$|\$[\u4e00-\u9fff]/.test(text.zh)) problems.push(`${c.slug}/${q.id}: no space around maths in “${text.zh}”`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
