/**
 * `npm run export:questions [-- --out DIR] [--site URL]`: writes the self-check question bank
 * for course platforms, in both locales:
 *   DIR/<locale>/moodle.xml             Moodle XML (import into a course's question bank)
 *   DIR/<locale>/qti/imsmanifest.xml    QTI 2.1 content package: zip the folder's contents
 *   DIR/<locale>/qti/items/*.xml        (Canvas, Blackboard, D2L import the zip)
 * DIR defaults to export/questions. The bank and the exporters are TypeScript under src/ with
 * extension-less imports and the '~' alias, which plain Node does not resolve, so they are loaded
 * through Vite's module runner (the same resolution the site's build uses).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'export/questions' }, site: { type: 'string', default: 'https://vae-book.example.org' } } });
const out = resolve(root, values.out);
const config = { configFile: false as const, root, logLevel: 'error' as const, resolve: { alias: { '~': join(root, 'src') } } };

const { module: entry } = await runnerImport<typeof import('../src/lib/quiz/export/index.ts')>(join(root, 'src/lib/quiz/export/index.ts'), config);
const { module: questions } = await runnerImport<typeof import('../src/questions/index.ts')>(join(root, 'src/questions/index.ts'), config);

rmSync(out, { recursive: true, force: true });
for (const locale of ['en', 'zh'] as const) {
  const files = entry.exportAll(questions.QUESTION_BANK, { locale, site: values.site });
  for (const [path, text] of files) {
    const target = join(out, locale, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  console.log(`${locale}: ${files.size} files in ${join(values.out, locale)}`);
}
