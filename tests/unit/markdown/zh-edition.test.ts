/**
 * The Chinese edition keeps step with the English one: every English page has a Chinese page with
 * the same structure (`src/markdown/structure.ts`: equations, labels, headings, figures,
 * exercises, callouts, widgets, references, citations). A later English edit that is not carried
 * over fails here, naming the page and the first difference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carryEquations, pageStructure, structureDifferences } from '../../../src/markdown/structure.ts';

const DOCS = 'src/content/docs';
const englishPages = readdirSync(DOCS).filter((name) => /\.mdx?$/.test(name) && name !== '404.md');
const chinesePages = new Set(readdirSync(join(DOCS, 'zh')));

describe('the Chinese edition', () => {
  it('has a page for every English page', () => {
    expect(englishPages.filter((name) => !chinesePages.has(name))).toEqual([]);
  });

  it.each(englishPages.filter((name) => chinesePages.has(name)))('zh/%s has the structure of the English page', (name) => {
    const english = pageStructure(readFileSync(join(DOCS, name), 'utf8'));
    const chinese = pageStructure(readFileSync(join(DOCS, 'zh', name), 'utf8'));
    expect(structureDifferences(english, chinese)).toEqual([]);
  });
});

describe('pageStructure(source) and structureDifferences', () => {
  const page = (prose: string, equation = 'a = b \\label{eq:x}') =>
    `---\ntitle: T\nchapter: 3\n---\n\nimport { Figure } from '../../components/textbook/index.ts';\n\n## ${prose}\n\n${prose} [](#eq:x) [@kingma2013].\n\n$$\n${equation}\n$$\n\n<Figure label="fig:f" caption="${prose}" description="${prose}">\n  <KLExplorer mu="1" />\n</Figure>\n`;

  it('ignores what a translation changes: prose, captions, descriptions', () => {
    expect(structureDifferences(pageStructure(page('Words')), pageStructure(page('文字')))).toEqual([]);
  });

  it('names a changed equation, a dropped figure and a changed widget prop', () => {
    const english = pageStructure(page('Words'));
    expect(structureDifferences(english, pageStructure(page('文字', 'a = c \\label{eq:x}')))[0]).toMatch(
      /^equations: 1 in English, 1 translated; first difference at #1/,
    );
    expect(structureDifferences(english, pageStructure(page('文字').replace(/<Figure[\s\S]*<\/Figure>\n/, '')))[0]).toMatch(
      /^elements: 2 in English, 0 translated/,
    );
    expect(structureDifferences(english, pageStructure(page('文字').replace('mu="1"', 'mu="2"')))).toEqual([
      'elements: 2 in English, 2 translated; first difference at #2: "KLExplorer(mu=1)" vs "KLExplorer(mu=2)"',
    ]);
  });

  it('carryEquations replaces each translated display equation by the English one at its position', () => {
    const carried = carryEquations(page('Words', 'a = c \\label{eq:x}'), page('文字'));
    expect(carried).toBe(page('文字', 'a = c \\label{eq:x}'));
    expect(() => carryEquations(page('Words'), page('文字').replace(/\$\$[\s\S]*?\$\$/, ''))).toThrow(/1 display equations in English, 0 translated/);
  });
});
