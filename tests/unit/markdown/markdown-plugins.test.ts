import type { Root } from 'mdast';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkCitations, { citationText } from '../../../src/markdown/citations.ts';
import remarkNumbering from '../../../src/markdown/numbering.ts';

/** Runs the book's remark plugins on an MDX source as Astro would, with `chapter` frontmatter. */
async function transform(source: string, chapter: string | null = 'A', path = '/book/src/content/docs/ch.mdx'): Promise<Root> {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkMath).use(remarkNumbering).use(remarkCitations);
  const file = new VFile({ value: source, path, data: { astro: { frontmatter: chapter === null ? {} : { chapter } } } });
  return (await processor.run(processor.parse(file), file)) as Root;
}

const json = (tree: unknown) => JSON.stringify(tree);

describe('remarkNumbering', () => {
  it('numbers labelled display equations per chapter and tags them for KaTeX', async () => {
    const tree = await transform('$$\na = 1 \\label{eq:first}\n$$\n\n$$\nb\n$$\n\n$$\n\\label{eq:second} c\n$$\n');
    const text = json(tree);
    expect(text).toContain('\\\\tag{A.1}');
    expect(text).toContain('\\\\tag{A.2}');
    expect(text).not.toContain('\\\\label');
    expect(text).toContain('"id":"eq:first"');
    expect(text).toContain('"id":"eq:second"');
  });

  it('fills empty links with equation, figure and exercise numbers, forward references included', async () => {
    const tree = await transform(
      'See [](#eq:x), [](#fig:w), [](#ex:e) and [my words](#eq:x).\n\n<Figure label="fig:v" caption="c" description="d" />\n\n<Figure label="fig:w" caption="c" description="d" />\n\n$$\nx \\label{eq:x}\n$$\n\n<Exercise label="ex:e">\n\nQ\n\n</Exercise>\n',
      '3',
    );
    const text = json(tree);
    expect(text).toContain('"value":"(3.1)"');
    expect(text).toContain('"value":"Figure 3.2"');
    expect(text).toContain('"value":"Exercise 3.1"');
    expect(text).toContain('"value":"my words"');
    expect(text).toMatch(/"name":"number","value":"3\.1"/);
  });

  it('uses the locale of the file for the words it writes', async () => {
    const tree = await transform('[](#fig:w)\n\n<Figure label="fig:w" caption="c" description="d" />\n', '2', '/b/src/content/docs/zh/ch.mdx');
    expect(json(tree)).toContain('"value":"图 2.1"');
  });

  it('rejects an equation reference wrapped in its own brackets, ASCII or full-width, and nothing else', async () => {
    const eq = '\n\n$$\nx \\label{eq:x}\n$$\n\n<Exercise label="ex:e">\n\nQ\n\n</Exercise>\n';
    await expect(transform(`As before ([](#eq:x)) it holds.${eq}`)).rejects.toThrow(/\[\]\(#eq:x\) is wrapped in its own brackets.*"\(\(A\.1\)\)"/);
    await expect(transform(`如前（[](#eq:x)）所示。${eq}`, 'A', '/b/src/content/docs/zh/ch.mdx')).rejects.toThrow(/wrapped in its own brackets/);
    const fine = await transform(`As in [](#eq:x) (and [](#eq:x)), by ([](#ex:e)) and (see [](#eq:x)).${eq}`);
    expect(json(fine)).toContain('"value":"(A.1)"');
    expect(json(fine)).toContain('"value":"Exercise A.1"');
  });

  it('rejects unknown and duplicate labels, and numbering without a chapter', async () => {
    await expect(transform('[](#eq:missing)\n')).rejects.toThrow(/unknown label "eq:missing"/);
    await expect(transform('$$\na \\label{eq:a}\n$$\n\n$$\nb \\label{eq:a}\n$$\n')).rejects.toThrow(/defined twice/);
    await expect(transform('$$\na \\label{fig:a}\n$$\n')).rejects.toThrow(/must look like "eq:/);
    await expect(transform('$$\na \\label{eq:a}\n$$\n', null)).rejects.toThrow(/chapter/);
  });
});

describe('remarkCitations', () => {
  it('citationText(reference) gives one name, "A & B", or "A et al." with the year', () => {
    expect(citationText({ authors: ['Bishop'], authorList: '', year: 2006, title: '', venue: '' })).toBe('Bishop, 2006');
    expect(citationText({ authors: ['Kingma', 'Welling'], authorList: '', year: 2013, title: '', venue: '' })).toBe('Kingma & Welling, 2013');
    expect(citationText({ authors: ['Rezende', 'Mohamed', 'Wierstra'], authorList: '', year: 2014, title: '', venue: '' })).toBe('Rezende et al., 2014');
  });

  it('links citations to a reference list appended in order of first citation', async () => {
    const tree = await transform('Known [@kingma2013], and [@rezende2014; @kingma2013] too.\n');
    const text = json(tree);
    expect(text).toContain('"url":"#ref-kingma2013"');
    expect(text).toContain('"value":"Kingma & Welling, 2013"');
    expect(text).toContain('"value":"Rezende et al., 2014"');
    const heading = tree.children.at(-2);
    expect(heading).toMatchObject({ type: 'heading', depth: 2, children: [{ value: 'References' }] });
    const list = tree.children.at(-1);
    expect(json(list).indexOf('ref-kingma2013')).toBeLessThan(json(list).indexOf('ref-rezende2014'));
    expect(list).toMatchObject({ type: 'list', children: [{}, {}] });
  });

  it('adds no reference list to a page without citations', async () => {
    const tree = await transform('Plain text with [brackets] and an @handle.\n');
    expect(json(tree)).not.toContain('References');
  });

  it('rejects an unknown citation key', async () => {
    await expect(transform('[@nobody1999]\n')).rejects.toThrow(/Unknown citation key "nobody1999"/);
  });
});
