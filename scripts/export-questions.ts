/**
 * `npm run export:questions [-- --out DIR] [--site URL]`: writes the self-check question bank
 * for course platforms, in both locales:
 *   DIR/<locale>/moodle.xml             Moodle XML (import into a course's question bank)
 *   DIR/<locale>/qti/imsmanifest.xml    QTI 2.1 content package: zip the folder's contents
 *   DIR/<locale>/qti/items/*.xml        (Canvas, Blackboard, D2L import the zip)
 * DIR defaults to export/questions. The bank and the exporters are the book's own TypeScript
 * under src/, which Node runs directly.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exportAll } from '../src/lib/quiz/export/index.ts';
import { QUESTION_BANK } from '../src/questions/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: 'export/questions' }, site: { type: 'string', default: 'https://vae-book.example.org' } },
});
const out = resolve(root, values.out);

rmSync(out, { recursive: true, force: true });
for (const locale of ['en', 'zh'] as const) {
  const files = exportAll(QUESTION_BANK, { locale, site: values.site });
  for (const [path, text] of files) {
    const target = join(out, locale, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  console.log(`${locale}: ${files.size} files in ${join(values.out, locale)}`);
}
