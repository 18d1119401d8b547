/**
 * remark plugin: textbook numbering and cross-references.
 *
 * - A display equation (`$$ … $$`) containing `\label{eq:name}` is numbered per chapter as
 *   (C.n), where C is the frontmatter `chapter` label: the label is removed, `\tag{C.n}` is added
 *   so KaTeX prints the number, and the equation is wrapped in `<div class="equation" id="eq:name">`.
 * - `<Figure>` and `<Exercise>` elements receive a `number` attribute (C.n), counted separately,
 *   and their optional `label` becomes the target of references.
 * - An empty link `[](#eq:name)`, `[](#fig:name)` or `[](#ex:name)` is filled with "(C.n)",
 *   "Figure C.n" or "Exercise C.n". Forward references work: labels are collected first.
 *
 * Unknown or duplicate labels stop the build with a message naming the file and the label, so a
 * broken reference never reaches a reader. So does an equation reference wrapped in its own
 * brackets, `([](#eq:x))` or `（[](#eq:x)）`: its text already carries them, and the reader would
 * see "((A.7))".
 */
import type { Link, Parent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { localeFromPath, uiStrings } from '../i18n/index.ts';
import { chapterLabel, type MdxJsxElement, jsxAttribute, setJsxAttribute } from './mdast-utils.ts';

/** A display-math node as produced by remark-math (mdast-util-math). */
interface DisplayMath {
  type: 'math';
  value: string;
  data?: Record<string, unknown>;
}

type Kind = 'eq' | 'fig' | 'ex';

interface Target {
  kind: Kind;
  number: string;
}

const LABEL_IN_TEX = /\\label\{([^}]*)\}/g;
const LABEL_SYNTAX = /^(eq|fig|ex):[a-z0-9][a-z0-9-]*$/;
const NUMBERED_ELEMENTS: Record<string, Exclude<Kind, 'eq'>> = { Figure: 'fig', Exercise: 'ex' };

/** Re-creates the hast that remark-math attaches to a display-math node, for a new TeX value. */
function setDisplayMath(node: DisplayMath, tex: string): void {
  node.value = tex;
  node.data = {
    ...node.data,
    hName: 'pre',
    hChildren: [
      {
        type: 'element',
        tagName: 'code',
        properties: { className: ['language-math', 'math-display'] },
        children: [{ type: 'text', value: tex }],
      },
    ],
  };
}

const OPENING = /[(（]$/;
const CLOSING = /^[)）]/;

/** Whether the siblings right before and after `parent.children[index]` are "(" and ")" (ASCII or full-width). */
function wrappedInBrackets(parent: Parent | undefined, index: number | undefined): boolean {
  if (parent === undefined || index === undefined) return false;
  const before = parent.children[index - 1];
  const after = parent.children[index + 1];
  return before?.type === 'text' && after?.type === 'text' && OPENING.test(before.value) && CLOSING.test(after.value);
}

export default function remarkNumbering() {
  return (tree: Root, file: VFile) => {
    const t = uiStrings(localeFromPath(file.path));
    const chapter = chapterLabel(file);
    const targets = new Map<string, Target>();
    const counts: Record<Kind, number> = { eq: 0, fig: 0, ex: 0 };

    const register = (label: string | undefined, kind: Kind): string => {
      if (chapter === undefined) {
        file.fail(`Numbered ${kind === 'eq' ? 'equations' : 'elements'} need a \`chapter\` label in the frontmatter.`);
      }
      const number = `${chapter}.${++counts[kind]}`;
      if (label === undefined) return number;
      if (!LABEL_SYNTAX.test(label) || !label.startsWith(`${kind}:`)) {
        file.fail(`Label "${label}" must look like "${kind}:lowercase-name".`);
      }
      if (targets.has(label)) file.fail(`Label "${label}" is defined twice.`);
      targets.set(label, { kind, number });
      return number;
    };

    // Pass 1, in document order: number equations, figures and exercises.
    visit(tree, (node, index, parent) => {
      if (node.type === 'math' && parent !== undefined && index !== undefined) {
        const math = node as unknown as DisplayMath;
        const labels = [...math.value.matchAll(LABEL_IN_TEX)].map((m) => m[1] ?? '');
        if (labels.length === 0) return;
        if (labels.length > 1) file.fail(`An equation has several labels: ${labels.join(', ')}.`);
        const label = labels[0];
        const number = register(label, 'eq');
        setDisplayMath(math, `${math.value.replace(LABEL_IN_TEX, '').trim()}\n\\tag{${number}}`);
        const wrapper = {
          type: 'numberedEquation',
          children: [math],
          data: { hName: 'div', hProperties: { id: label, className: ['equation'] } },
        } as unknown as RootContent;
        (parent as Parent).children[index] = wrapper;
        return 'skip';
      }
      if (node.type === 'mdxJsxFlowElement') {
        const element = node as unknown as MdxJsxElement;
        const kind = element.name === null ? undefined : NUMBERED_ELEMENTS[element.name];
        if (kind === undefined) return;
        setJsxAttribute(element, 'number', register(jsxAttribute(element, 'label'), kind));
      }
      return undefined;
    });

    // Pass 2: fill empty cross-reference links.
    visit(tree, 'link', (link: Link, index, parent) => {
      const match = /^#((eq|fig|ex):.*)$/.exec(link.url);
      if (match === null || link.children.length > 0) return;
      const label = match[1] ?? '';
      const target = targets.get(label);
      if (target === undefined) file.fail(`Reference to unknown label "${label}".`);
      if (target.kind === 'eq' && wrappedInBrackets(parent, index)) {
        file.fail(
          `The reference [](#${label}) is wrapped in its own brackets; it prints "(${target.number})" itself, so the reader would see "((${target.number}))". Remove the brackets around it (or write "see [](#${label})").`,
          link.position,
        );
      }
      const text: Record<Kind, string> = {
        eq: `(${target.number})`,
        fig: `${t['figure.label']} ${target.number}`,
        ex: `${t['exercise.label']} ${target.number}`,
      };
      link.children = [{ type: 'text', value: text[target.kind] } satisfies Text];
      link.data = { ...link.data, hProperties: { className: ['xref', `xref-${target.kind}`] } };
    });
  };
}
