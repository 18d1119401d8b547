/**
 * Every English chapter states 3–5 learning objectives in its frontmatter and marks slides for its
 * lecture deck (issue 11). The schema (src/content.config.ts) checks the objectives' shape where
 * they exist; this checks that no chapter goes without them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSlides } from '../../../../src/components/slides/decks.ts';

const DOCS = join(import.meta.dirname, '../../../../src/content/docs');

/** The chapter label and the objectives of an MDX file's frontmatter (a YAML list of strings). */
function frontmatter(source: string): { chapter?: string; objectives: string[] } {
  const yaml = /^---\n([\s\S]*?)\n---\n/.exec(source)?.[1] ?? '';
  const chapter = /^chapter:\s*(\S+)/m.exec(yaml)?.[1];
  const block = /^objectives:\n((?: {2}- .*\n?)*)/m.exec(yaml)?.[1] ?? '';
  const objectives = block
    .split('\n')
    .filter((line) => line.startsWith('  - '))
    .map((line) => line.slice(4).replace(/^"(.*)"$/, '$1'));
  return chapter === undefined ? { objectives } : { chapter, objectives };
}

const chapters = readdirSync(DOCS)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({ name, source: readFileSync(join(DOCS, name), 'utf8') }))
  .map(({ name, source }) => ({ name, source, ...frontmatter(source) }))
  .filter((file) => file.chapter !== undefined);

describe('the English chapters', () => {
  it('are all found (A and 1–11)', () => {
    expect(chapters.map((chapter) => chapter.chapter).sort()).toEqual(['1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9', 'A']);
  });

  it.each(chapters.map((chapter) => [chapter.name, chapter] as const))('%s states 3–5 learning objectives and has a deck', (_, chapter) => {
    expect(chapter.objectives.length).toBeGreaterThanOrEqual(3);
    expect(chapter.objectives.length).toBeLessThanOrEqual(5);
    for (const objective of chapter.objectives) expect(objective).toMatch(/^[A-Z][a-z]+ .{10,}\.$/);
    expect(hasSlides({ id: chapter.name.replace(/\.mdx$/, ''), body: chapter.source, data: { chapter: chapter.chapter } })).toBe(true);
  });
});
