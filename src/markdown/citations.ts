/**
 * remark plugin: citations from the book's one bibliography (`src/bibliography.ts`).
 *
 * `[@kingma2013]` becomes "(Kingma & Welling, 2013)" and `[@kingma2013; @rezende2014]`
 * becomes "(Kingma & Welling, 2013; Rezende et al., 2014)", each name linked to its entry in a
 * "References" section that the plugin appends to the end of the chapter, listing the works cited
 * in order of first citation. An unknown key stops the build.
 */
import type { List, ListItem, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { bibliography, type Reference } from '../bibliography.ts';
import { localeFromPath, uiStrings } from '../i18n/index.ts';

const CITATION = /\[(@[\w-]+(?:\s*;\s*@[\w-]+)*)\]/g;

/** "Kingma & Welling, 2013", "Bishop, 2006", "Rezende et al., 2014". */
export function citationText(reference: Reference): string {
  const [first, second] = reference.authors;
  const names = reference.authors.length === 1 ? first : reference.authors.length === 2 ? `${first} & ${second}` : `${first} et al.`;
  return `${names}, ${reference.year}`;
}

export const referenceId = (key: string): string => `ref-${key}`;

function lookup(key: string, file: VFile): Reference {
  const reference: Reference | undefined = (bibliography as Record<string, Reference>)[key];
  if (reference === undefined) file.fail(`Unknown citation key "${key}" (see src/bibliography.ts).`);
  return reference;
}

function referenceItem(key: string, reference: Reference): ListItem {
  const title: PhrasingContent = reference.url
    ? { type: 'link', url: reference.url, children: [{ type: 'text', value: reference.title }] }
    : { type: 'text', value: reference.title };
  return {
    type: 'listItem',
    data: { hProperties: { id: referenceId(key) } },
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: `${reference.authorList} (${reference.year}). ` },
          { type: 'emphasis', children: [title] },
          { type: 'text', value: `. ${reference.venue}.` },
        ],
      },
    ],
  };
}

export default function remarkCitations() {
  return (tree: Root, file: VFile) => {
    const cited: string[] = [];

    visit(tree, 'text', (node: Text, index, parent) => {
      if (parent === undefined || index === undefined || !node.value.includes('[@')) return undefined;
      const parts: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(CITATION)) {
        const keys = (match[1] ?? '').split(';').map((k) => k.trim().slice(1));
        parts.push({ type: 'text', value: `${node.value.slice(last, match.index)}(` });
        keys.forEach((key, i) => {
          const reference = lookup(key, file);
          if (!cited.includes(key)) cited.push(key);
          if (i > 0) parts.push({ type: 'text', value: '; ' });
          parts.push({
            type: 'link',
            url: `#${referenceId(key)}`,
            data: { hProperties: { className: ['citation'] } },
            children: [{ type: 'text', value: citationText(reference) }],
          });
        });
        parts.push({ type: 'text', value: ')' });
        last = match.index + match[0].length;
      }
      if (parts.length === 0) return undefined;
      parts.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...(parts as typeof parent.children));
      return index + parts.length;
    });

    if (cited.length === 0) return;
    const heading = uiStrings(localeFromPath(file.path))['references.heading'];
    const list: List = {
      type: 'list',
      ordered: false,
      data: { hProperties: { className: ['references'] } },
      children: cited.map((key) => referenceItem(key, lookup(key, file))),
    };
    tree.children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: heading }] } satisfies RootContent, list);
  };
}
