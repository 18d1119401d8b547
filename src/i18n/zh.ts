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
  'objectives.heading': '学习目标',
  'objectives.intro': '学完本章，你将能够：',
  'slides.link': '本章幻灯片',
  'slides.title': '幻灯片',
  'slides.readChapter': '阅读本章',
  'slides.titleNotes': '按键：→ / 空格 下一页，← 上一页，O 总览，S 演讲者视图（备注、计时器、下一页），F 全屏。后面幻灯片中的图是实时运行的：可以当堂拖动控件或训练模型。',
};
