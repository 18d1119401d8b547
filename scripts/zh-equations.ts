/**
 * Carries the English display equations over into the Chinese pages: for each
 * `src/content/docs/<slug>.mdx` with a `zh/<slug>.mdx`, every `$$ … $$` block of the Chinese page
 * is replaced by the English block at the same position (`carryEquations`). Run it after an
 * English edit that changed equations, then `npm run test:unit -- zh-edition` to check the rest.
 *
 *   npm run zh:equations            # all pages
 *   npm run zh:equations -- autoencoders vae-gan
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { carryEquations } from '../src/markdown/structure.ts';

const DOCS = 'src/content/docs';
const wanted = process.argv.slice(2);
const slugs = readdirSync(DOCS)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => name.replace(/\.mdx$/, ''))
  .filter((slug) => wanted.length === 0 || wanted.includes(slug));

let failed = false;
for (const slug of slugs) {
  const zhPath = join(DOCS, 'zh', `${slug}.mdx`);
  if (!existsSync(zhPath)) continue;
  const before = readFileSync(zhPath, 'utf8');
  try {
    const after = carryEquations(readFileSync(join(DOCS, `${slug}.mdx`), 'utf8'), before);
    if (after !== before) writeFileSync(zhPath, after);
    console.log(`${slug}: ${after === before ? 'unchanged' : 'equations carried over'}`);
  } catch (error) {
    failed = true;
    console.error(`${slug}: ${(error as Error).message}`);
  }
}
process.exitCode = failed ? 1 : 0;
