/**
 * The self-check component's interface strings in both locales, picked from the book's locale
 * files (keys `quiz.*` of src/i18n/en.ts and zh.ts, so a missing translation fails the type
 * check) under the short names the component and the progress page use.
 */
import { en, type UIStrings } from '../../i18n/en.ts';
import { zh } from '../../i18n/zh.ts';

const KEYS = [
  'heading',
  'intro',
  'check',
  'checkFigure',
  'correct',
  'incorrect',
  'invalid',
  'invalidNumber',
  'yourAnswer',
  'tolerance',
  'answerIs',
  'goToFigure',
  'chooseOne',
  'chooseAll',
  'figureTask',
  'progress',
  'reset',
  'resetDone',
  'see',
  'eq',
  'fig',
  'ex',
  'progressTitle',
  'progressChapter',
  'progressAnswered',
  'progressCorrect',
  'resetAll',
  'resetAllDone',
  'noStorage',
] as const;

type QuestionKey = (typeof KEYS)[number];
export type QuestionStrings = Record<QuestionKey, string>;

const pick = (ui: UIStrings): QuestionStrings => Object.fromEntries(KEYS.map((key) => [key, ui[`quiz.${key}`]])) as QuestionStrings;

export const QUESTION_STRINGS = { en: pick(en), zh: pick(zh) } as const satisfies Record<'en' | 'zh', QuestionStrings>;
