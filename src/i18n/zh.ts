import type { UIStrings } from './en';

/**
 * Simplified Chinese UI strings. The Chinese edition is planned: until a string is
 * translated here, the English one is used (see `uiStrings` in `./index.ts`).
 */
export const zh: Partial<UIStrings> = {
  'figure.label': '图',
  'exercise.label': '习题',
  'exercise.solution': '解答',
  'references.heading': '参考文献',
  'callout.mistake': '常见错误',
  'footer.licence': '正文与图：{textLicence}。代码：{codeLicence}。引用方式：{citation}。',
};
