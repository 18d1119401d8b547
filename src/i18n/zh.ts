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
  // Backend check: measured step times and why the winner won (backend-measure.ts).
  'backendCheck.step': '训练步',
  'backendCheck.stepMs': '{ms} 毫秒',
  'backendCheck.stepStopped': '{ms} 毫秒（提前停止）',
  'backendCheck.why': '为何选它',
  'backendCheck.whyFastest': '它在这里训练得最快：每步 {ms} 毫秒，比 {next}（{nextMs} 毫秒）快 {factor} 倍',
  'backendCheck.whyOnly': '它是这里唯一可用的后端（每步 {ms} 毫秒）',
  'backendCheck.whyCached': '此浏览器在之前的访问中测得它最快并记住了结果：每步 {ms} 毫秒，比 {next}（{nextMs} 毫秒）快 {factor} 倍。点击“运行检查”会重新测量',
  'backendCheck.whyOverride': '你在地址中用 ?backend={name} 指定了它，因此没有进行测量',
  'backendCheck.whyNext': 'WebGL 上下文已丢失，这是下一个可用的后端（按测得的速度从快到慢尝试）',
};
