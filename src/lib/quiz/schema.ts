/**
 * The question bank's schema: what a self-check question may be, validated with zod so that a
 * malformed question stops the build (the Questions component and the export parse every
 * chapter's file through `parseChapterQuestions`) and typed so that `npm run check` catches it
 * earlier.
 *
 * Four kinds:
 * - `single` / `multiple`: choices, each with its own explanation (`why`) and optionally the
 *   label of the equation, figure or exercise that settles it (`ref`, e.g. 'eq:kl-gauss');
 * - `numeric`: a number typed by the reader, right within `tolerance`; `answer` is computed
 *   from `src/lib/math` when the question file is loaded, never typed by hand;
 * - `figure`: a task done in an interactive figure, graded from the figure's published state by
 *   the named predicate of `./figure-checks`.
 * Every reader-facing string is `{ en, zh }`; `$…$` inside a string is TeX, typeset at build time.
 */
import { z } from 'zod';
import { FIGURE_CHECK_NAMES } from './figure-checks.ts';

const nonEmpty = z.string().trim().min(1);

/** A reader-facing string in both locales. */
export const textSchema = z.strictObject({ en: nonEmpty, zh: nonEmpty });

/** An equation, figure or exercise label of the chapter (the numbering plugin's syntax). */
export const refSchema = z.string().regex(/^(eq|fig|ex):[a-z0-9][a-z0-9-]*$/, 'a ref is a label such as "eq:kl-gauss"');

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a question id is lower-case words joined by "-"');

export const optionSchema = z.strictObject({
  text: textSchema,
  correct: z.boolean(),
  /** Why this option is right or wrong. */
  why: textSchema,
  ref: refSchema.optional(),
});

const base = { id: idSchema, prompt: textSchema };

export const choiceQuestionSchema = z
  .strictObject({ ...base, kind: z.enum(['single', 'multiple']), options: z.array(optionSchema).min(2).max(6) })
  .superRefine((q, ctx) => {
    const right = q.options.filter((o) => o.correct).length;
    if (q.kind === 'single' && right !== 1) ctx.addIssue({ code: 'custom', message: `single-answer question "${q.id}" has ${right} correct options, not 1` });
    if (q.kind === 'multiple' && right < 1) ctx.addIssue({ code: 'custom', message: `multiple-answer question "${q.id}" has no correct option` });
  });

export const numericQuestionSchema = z
  .strictObject({
    ...base,
    kind: z.literal('numeric'),
    /** The exact value, computed from the maths library. */
    answer: z.number().refine(Number.isFinite, 'the answer must be a finite number'),
    /** Absolute tolerance: an answer within it counts as right. */
    tolerance: z.number().positive(),
    explanation: textSchema,
    ref: refSchema.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.tolerance > Math.max(Math.abs(q.answer), 1) / 2)
      ctx.addIssue({ code: 'custom', message: `numeric question "${q.id}": tolerance ${q.tolerance} is too loose to test anything` });
  });

export const figureTaskSchema = z.strictObject({
  ...base,
  kind: z.literal('figure'),
  /** The figure's label in the chapter (its anchor), e.g. 'fig:kl-explorer'. */
  figure: refSchema.refine((label) => label.startsWith('fig:'), 'a figure task names a fig: label'),
  /** The predicate of ./figure-checks that grades the widget's published state. */
  check: z.enum(FIGURE_CHECK_NAMES),
  explanation: textSchema,
  ref: refSchema.optional(),
});

export const questionSchema = z.discriminatedUnion('kind', [choiceQuestionSchema, numericQuestionSchema, figureTaskSchema]);

export const chapterQuestionsSchema = z
  .strictObject({
    /** The chapter's slug (its file name under src/content/docs/). */
    slug: z.string().regex(/^[a-z0-9-]+$/),
    /** The chapter label of its frontmatter ("A", "3"). */
    chapter: z.string().regex(/^([1-9][0-9]*|[A-Z])$/),
    questions: z.array(questionSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const ids = c.questions.map((q) => q.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `chapter ${c.slug}: question id "${dup}" is used twice` });
  });

export type Text = z.infer<typeof textSchema>;
export type ChoiceOption = z.infer<typeof optionSchema>;
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
export type NumericQuestion = z.infer<typeof numericQuestionSchema>;
export type FigureTask = z.infer<typeof figureTaskSchema>;
export type Question = z.infer<typeof questionSchema>;
export type ChapterQuestions = z.infer<typeof chapterQuestionsSchema>;
export type QuizLocale = keyof Text;

/** Narrows a question to the choice kinds (TypeScript does not narrow zod's enum discriminant by `===`). */
export const isChoice = (q: Question): q is ChoiceQuestion => q.kind === 'single' || q.kind === 'multiple';

/** Validates one chapter's questions; throws an Error naming the chapter and every problem. */
export function parseChapterQuestions(input: ChapterQuestions): ChapterQuestions {
  const result = chapterQuestionsSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Malformed questions for chapter "${input.slug}":\n${problems}`);
  }
  return result.data;
}
