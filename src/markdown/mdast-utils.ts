/** Small helpers shared by the book's remark plugins. */
import type { VFile } from 'vfile';

/** The parts of an MDX JSX element (mdast-util-mdx-jsx) that the plugins read and write. */
export interface MdxJsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
}

/** A literal string attribute of a JSX element, or undefined if absent or an expression. */
export function jsxAttribute(element: MdxJsxElement, name: string): string | undefined {
  const attribute = element.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  return typeof attribute?.value === 'string' ? attribute.value : undefined;
}

export function setJsxAttribute(element: MdxJsxElement, name: string, value: string): void {
  element.attributes = element.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === name));
  element.attributes.push({ type: 'mdxJsxAttribute', name, value });
}

/** The chapter label ("1", "A", …) from the frontmatter Astro injects into each file. */
export function chapterLabel(file: VFile): string | undefined {
  const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter;
  const chapter = frontmatter?.['chapter'];
  return typeof chapter === 'string' || typeof chapter === 'number' ? String(chapter) : undefined;
}
