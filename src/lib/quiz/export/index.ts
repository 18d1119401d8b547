/** Every export format of the question bank, as file path → XML text (see scripts/export-questions.ts). */
import type { ChapterQuestions } from '../schema.ts';
import type { ExportOptions } from './common.ts';
import { exportMoodle } from './moodle.ts';
import { exportQti } from './qti.ts';

export function exportAll(bank: readonly ChapterQuestions[], options: ExportOptions): Map<string, string> {
  const files = new Map<string, string>([['moodle.xml', exportMoodle(bank, options)]]);
  for (const [path, text] of exportQti(bank, options)) files.set(`qti/${path}`, text);
  return files;
}

export type { ExportOptions };
export { exportMoodle, exportQti };
