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
  'pdf.contents': '目录',
  'pdf.studentEdition': '学生版：习题解答保持折叠，可在在线版中展开。',
  'pdf.instructorEdition': '教师版：含全部习题的解答。',
  'pdf.figures': '交互图按初始状态打印，并附文字说明；请在在线版中操作它们。',
  'pdf.printed': '打印自 {url}，{date}。',
  'offline.save': '保存整本书以供离线使用（{size}）',
  'offline.saving': '正在保存整本书以供离线使用：{done} / {size}（{percent}%）…',
  'offline.saved': '整本书已保存在此浏览器中（{size}）：无网络时也能打开每一章并训练每个交互图。',
  'offline.failed': '保存中断：{reason}。请在网络较好时重试。',
  'offline.unsupported': '此浏览器无法离线保存本书（不支持 Service Worker）。',
  'offline.update': '本书的新版本已准备好。',
  'offline.reload': '重新加载以阅读新版',
  'offline.remove': '删除已保存的副本',
  'offline.removed': '已删除保存的副本；打开过的页面仍会保留以供离线阅读。',
  'footer.licence': '正文与图：{textLicence}。代码：{codeLicence}。引用方式：{citation}。',
};
