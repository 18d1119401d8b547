/**
 * The maths as the build renders it (rehype-katex, then src/markdown/katex-output.ts): every
 * class KaTeX writes is styled by the stylesheet the book loads (katex/dist/katex.min.css), so a
 * renderer and a stylesheet of different KaTeX versions (0.16's `tag` against 0.19's `katex-tag`,
 * which put equation numbers against their formulas) fail here; display equations are focusable
 * and named; search indexes each formula once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Element, ElementContent, Root } from 'hast';
import rehypeKatex from 'rehype-katex';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { uiStrings } from '../../../src/i18n/index.ts';
import rehypeKatexOutput from '../../../src/markdown/katex-output.ts';

const require = createRequire(import.meta.url);
const stylesheet = readFileSync(require.resolve('katex/dist/katex.min.css'), 'utf8');

/** A paragraph of inline maths and a numbered display equation, as remark-math hands them over. */
function mathTree(inline: string[], display: string): Root {
  const code = (tex: string, kind: string): Element => ({
    type: 'element',
    tagName: 'code',
    properties: { className: ['language-math', kind] },
    children: [{ type: 'text', value: tex }],
  });
  return {
    type: 'root',
    children: [
      { type: 'element', tagName: 'p', properties: {}, children: inline.map((tex) => code(tex, 'math-inline')) },
      { type: 'element', tagName: 'pre', properties: {}, children: [code(display, 'math-display')] },
    ],
  };
}

async function render(inline: string[], display: string, path = '/b/src/content/docs/ch.mdx'): Promise<Root> {
  const tree = mathTree(inline, display);
  const file = new VFile({ path });
  await rehypeKatex({ strict: 'error' })(tree, file);
  await rehypeKatexOutput()(tree, file);
  return tree;
}

function elements(node: Root | ElementContent): Element[] {
  if (node.type !== 'root' && node.type !== 'element') return [];
  const here = node.type === 'element' ? [node] : [];
  return [...here, ...(node.children as ElementContent[]).flatMap(elements)];
}
const classesOf = (e: Element) => (Array.isArray(e.properties['className']) ? e.properties['className'].map(String) : []);
const withClass = (tree: Root, name: string) => elements(tree).filter((e) => classesOf(e).includes(name));

describe('rehype-katex with the book’s KaTeX stylesheet', () => {
  it('rehype-katex renders with the same KaTeX whose stylesheet the book loads', () => {
    const fromRehype = createRequire(require.resolve('rehype-katex')).resolve('katex/package.json');
    expect(fromRehype).toBe(require.resolve('katex/package.json'));
  });

  it('every class in the rendered HTML is defined in katex.min.css, the equation number included', async () => {
    const tree = await render(
      ['p_\\theta(\\mathbf{x} \\mid \\mathbf{z})', '\\tfrac{1}{2}'],
      '\\begin{aligned} a &= \\sqrt{b} \\\\ &\\le \\sum_{i=1}^{n} c_i \\end{aligned}\n\\tag{A.1}',
    );
    // KaTeX's layout classes (katex-*): 0.16 wrote `tag`, `base`, `strut` instead, which 0.19's
    // stylesheet does not style. Atom classes such as mord or mrel carry no layout of their own.
    const used = new Set(elements(tree).flatMap(classesOf));
    expect(used).toContain('katex-tag');
    expect(used).not.toContain('tag');
    const layout = [...used].filter((c) => c.startsWith('katex') || ['tag', 'base', 'strut', 'vlist', 'vlist-t', 'pstrut'].includes(c));
    const unstyled = layout.filter((c) => !new RegExp(`\\.${c}(?![\\w-])`).test(stylesheet));
    expect(unstyled).toEqual([]);
  });
});

describe('rehypeKatexOutput', () => {
  it('makes each display equation a focusable group named by its number, in the page’s language', async () => {
    const [display] = withClass(await render([], 'x = 1\n\\tag{A.7}'), 'katex-display');
    expect(display?.properties).toMatchObject({ tabIndex: 0, role: 'group', ariaLabel: 'Equation (A.7)' });
    const [unnumbered] = withClass(await render([], 'x = 1'), 'katex-display');
    expect(unnumbered?.properties['ariaLabel']).toBe('Equation');
    const [zh] = withClass(await render([], 'x = 1\n\\tag{2.1}', '/b/src/content/docs/zh/ch.mdx'), 'katex-display');
    expect(zh?.properties['ariaLabel']).toBe(`${uiStrings('zh')['equation.label']} (2.1)`);
  });

  it('keeps the TeX source and the visual copy out of the search index, not the MathML', async () => {
    const tree = await render(['z = \\mu'], 'y');
    const annotations = elements(tree).filter((e) => e.tagName === 'annotation');
    expect(annotations.length).toBe(2);
    for (const a of annotations) expect(a.properties['dataPagefindIgnore']).toBe('');
    for (const html of withClass(tree, 'katex-html')) expect(html.properties['dataPagefindIgnore']).toBe('');
    for (const mathml of withClass(tree, 'katex-mathml')) expect(mathml.properties['dataPagefindIgnore']).toBeUndefined();
  });

  it('marks only long inline formulas as breakable', async () => {
    const tree = await render(
      ['p(\\mathbf{x} \\mid \\mathbf{z})', '\\mathcal{L} = \\mathbb{E}_q[\\log p_\\theta(x, z) - \\log q(z \\mid x)] \\le \\log p_\\theta(x)'],
      'y',
    );
    const long = withClass(tree, 'vb-math-long');
    expect(long).toHaveLength(1);
    expect(elements(long[0]!).find((e) => e.tagName === 'annotation')?.children[0]).toMatchObject({ value: expect.stringContaining('\\le') });
    expect(withClass(tree, 'katex')).toHaveLength(3);
  });
});
