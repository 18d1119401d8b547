/** The URL paths of every page in the production build (each dist/…/index.html), English and Chinese. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIST = 'dist';

export function builtPages(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '_astro' || name === 'pagefind' ? [] : builtPages(path);
    if (name !== 'index.html') return [];
    return [`/${relative(DIST, dir).split('\\').join('/')}/`.replace(/\/+/g, '/')];
  });
}
