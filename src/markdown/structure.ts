/**
 * The structure of a chapter's MDX source that must be the same in every language: what the
 * check of the Chinese edition (`tests/unit/markdown/zh-edition.test.ts`) compares between
 * `src/content/docs/<slug>.mdx` and `src/content/docs/zh/<slug>.mdx`.
 *
 * - frontmatter keys and the chapter label;
 * - the `import` lines, with the relative prefix (`../../`, one `../` more under zh/) dropped;
 * - every display equation's TeX, in order (equations are identical in both editions, so an
 *   English edit that is not carried over shows up here);
 * - the heading levels, in order;
 * - the JSX elements in order, named with the props that identify them (`Figure#fig:x`,
 *   `Exercise#ex:y`, `Callout:mistake`, widget tags with all their props);
 * - the labels that cross-references (`[](#eq:x)`) point at and the citation keys, as sorted
 *   sets (a translation may reorder, merge or repeat them within a paragraph).
 *
 * Prose, captions, titles and descriptions are free: they are what a translation changes.
 */
import type { Root, RootContent } from 'mdast';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';
import type { MdxJsxElement } from './mdast-utils.ts';

export interface PageStructure {
  frontmatterKeys: string[];
  chapter: string | undefined;
  imports: string[];
  equations: string[];
  headings: number[];
  elements: string[];
  references: string[];
  citations: string[];
}

/** Props of an element that a translation changes (human-readable text, and the page's locale). */
const TRANSLATED_PROPS = new Set(['caption', 'description', 'title', 'notes', 'alt', 'locale']);
/** Props that identify a textbook element; widgets keep all their untranslated props. */
const IDENTIFYING_PROPS: Record<string, string[]> = { Figure: ['label'], Exercise: ['label'], Callout: ['kind'] };

const CITATION = /\[(@[\w-]+(?:\s*;\s*@[\w-]+)*)\]/g;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

function describeElement(element: MdxJsxElement): string {
  const name = element.name ?? '';
  const props = element.attributes.flatMap((attribute) => {
    if (attribute.type !== 'mdxJsxAttribute' || attribute.name === undefined) return [];
    const identifying = IDENTIFYING_PROPS[name];
    if (identifying ? !identifying.includes(attribute.name) : TRANSLATED_PROPS.has(attribute.name)) return [];
    const value = typeof attribute.value === 'string' ? attribute.value : JSON.stringify(attribute.value ?? true);
    return [`${attribute.name}=${value}`];
  });
  return props.length === 0 ? name : `${name}(${props.sort().join(', ')})`;
}

/** The frontmatter (parsed YAML), the body after it, and the body's MDX syntax tree. */
export function parsePage(source: string): { frontmatter: Record<string, unknown>; body: string; tree: Root } {
  const match = FRONTMATTER.exec(source);
  const frontmatter = ((match ? parseYaml(match[1] ?? '') : null) ?? {}) as Record<string, unknown>;
  const body = match ? source.slice(match[0].length) : source;
  return { frontmatter, body, tree: unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(body) as Root };
}

/** The language-independent structure of an MDX page (see the file comment). */
export function pageStructure(source: string): PageStructure {
  const { frontmatter, tree } = parsePage(source);

  const structure: PageStructure = {
    frontmatterKeys: Object.keys(frontmatter).sort(),
    chapter: frontmatter['chapter'] === undefined ? undefined : String(frontmatter['chapter']),
    imports: [],
    equations: [],
    headings: [],
    elements: [],
    references: [],
    citations: [],
  };
  visit(tree, (node: Root | RootContent) => {
    switch (node.type) {
      case 'mdxjsEsm':
        structure.imports.push(
          ...node.value
            .split('\n')
            .map((line) => line.trim().replace(/(['"])(?:\.\.\/)+/, '$1'))
            .filter(Boolean),
        );
        break;
      case 'math':
        structure.equations.push(node.value.trim());
        break;
      case 'heading':
        structure.headings.push(node.depth);
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        structure.elements.push(describeElement(node as unknown as MdxJsxElement));
        break;
      case 'link':
        if (node.children.length === 0 && node.url.startsWith('#')) structure.references.push(node.url.slice(1));
        break;
      case 'text':
        for (const citation of node.value.matchAll(CITATION)) {
          structure.citations.push(...(citation[1] ?? '').split(';').map((key) => key.trim().slice(1)));
        }
        break;
      default:
    }
  });
  structure.references = [...new Set(structure.references)].sort();
  structure.citations = [...new Set(structure.citations)].sort();
  return structure;
}

/** Human-readable differences between two pages' structures (empty when they match). */
export function structureDifferences(english: PageStructure, translated: PageStructure): string[] {
  const differences: string[] = [];
  for (const key of Object.keys(english) as Array<keyof PageStructure>) {
    const a = english[key];
    const b = translated[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (Array.isArray(a) && Array.isArray(b)) {
      const index = a.findIndex((item, i) => JSON.stringify(item) !== JSON.stringify(b[i]));
      const at = index === -1 ? a.length : index;
      differences.push(
        `${key}: ${a.length} in English, ${b.length} translated; first difference at #${at + 1}: ` +
          `${JSON.stringify(a[at] ?? null).slice(0, 160)} vs ${JSON.stringify(b[at] ?? null).slice(0, 160)}`,
      );
    } else {
      differences.push(`${key}: ${JSON.stringify(a)} in English vs ${JSON.stringify(b)} translated`);
    }
  }
  return differences;
}

/**
 * The translated page with every display equation replaced by the English page's equation at the
 * same position (display equations are identical in both editions). Used after an English edit
 * that only changes equations: `npm run zh:equations`. Throws when the two pages do not have the
 * same number of display equations, since the positions would then not correspond.
 */
export function carryEquations(english: string, translated: string): string {
  const englishMath = displayMath(english);
  const translatedMath = displayMath(translated);
  if (englishMath.length !== translatedMath.length) {
    throw new Error(`${englishMath.length} display equations in English, ${translatedMath.length} translated: carry them over by hand`);
  }
  let result = translated;
  for (let i = translatedMath.length - 1; i >= 0; i--) {
    const target = translatedMath[i];
    const source = englishMath[i];
    if (target === undefined || source === undefined) continue;
    result = result.slice(0, target.start) + source.text + result.slice(target.end);
  }
  return result;
}

/** Source ranges (offsets in the whole file) of the display-math blocks of an MDX page. */
function displayMath(source: string): Array<{ start: number; end: number; text: string }> {
  const { body, tree } = parsePage(source);
  const offset = source.length - body.length;
  const blocks: Array<{ start: number; end: number; text: string }> = [];
  visit(tree, 'math', (node) => {
    const start = (node.position?.start.offset ?? 0) + offset;
    const end = (node.position?.end.offset ?? 0) + offset;
    blocks.push({ start, end, text: source.slice(start, end) });
  });
  return blocks;
}
