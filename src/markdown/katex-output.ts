/**
 * rehype plugin, run after rehype-katex: makes KaTeX's output reachable by keyboard and indexed
 * once by search.
 *
 * - Each display equation (`span.katex-display`, the box that scrolls sideways when a formula is
 *   wider than the screen) becomes a focusable, named group: `tabindex="0"`, `role="group"` and
 *   `aria-label="Equation (A.3)"` (in the page's language; "Equation" for an unnumbered one), so a
 *   keyboard user can reach it and scroll it with the arrow keys (axe
 *   `scrollable-region-focusable`). The MathML inside is still read to screen readers.
 * - An inline formula longer than LONG_INLINE visible characters gets the class `vb-math-long`:
 *   the stylesheet keeps every other inline formula on one line (a phone must not split "p(x | z)"),
 *   while a long one may still break after a top-level relation or operator, as KaTeX allows, so
 *   it cannot push the page wider than a phone.
 * - KaTeX writes every formula three times: MathML (read by screen readers), its TeX source in an
 *   `<annotation>`, and the visual HTML (`aria-hidden`). Pagefind would index all three, and search
 *   excerpts would show "z=μ+…\mathbf{z} =…z=μ+…". The annotation and the visual HTML get
 *   `data-pagefind-ignore`, so each formula is indexed once, from its MathML text.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { localeFromPath, uiStrings } from '../i18n/index.ts';

const classes = (node: Element): string[] => {
  const value = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
};

const textOf = (node: ElementContent): string => (node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '');

/** The first descendant element with the given class, depth first. */
function findByClass(node: Element, name: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (classes(child).includes(name)) return child;
    const found = findByClass(child, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Inline formulas with more visible characters than this may break over lines. */
export const LONG_INLINE = 24;

export default function rehypeKatexOutput() {
  return (tree: Root, file: VFile) => {
    const equation = uiStrings(localeFromPath(file.path ?? ''))['equation.label'];
    visit(tree, 'element', (node: Element, _index, parent) => {
      const names = classes(node);
      if (names.includes('katex') && !(parent?.type === 'element' && classes(parent).includes('katex-display'))) {
        const html = findByClass(node, 'katex-html');
        // Visible glyphs only: KaTeX pads its vertical lists with zero-width spaces.
        const glyphs = html === undefined ? 0 : [...textOf(html).replace(/[\u200b\s]/g, '')].length;
        if (glyphs > LONG_INLINE) node.properties = { ...node.properties, className: [...names, 'vb-math-long'] };
      } else if (names.includes('katex-display')) {
        const tag = findByClass(node, 'katex-tag');
        const number = tag === undefined ? '' : textOf(tag).trim();
        node.properties = { ...node.properties, tabIndex: 0, role: 'group', ariaLabel: number === '' ? equation : `${equation} ${number}` };
      } else if (names.includes('katex-html') || (node.tagName === 'annotation' && node.properties['encoding'] === 'application/x-tex')) {
        node.properties = { ...node.properties, dataPagefindIgnore: '' };
      }
    });
  };
}
