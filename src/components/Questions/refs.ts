/**
 * Build-time link text for a question's `ref` ("Equation (A.3)", "式 (A.3)", "Figure A.1"): the
 * number is found the way the numbering plugin assigns it (src/markdown/numbering.ts), by the
 * order of `\label{eq:…}` in display maths and of `<Figure>` / `<Exercise>` elements in the
 * chapter's English MDX. Both locales share labels and numbers. An unknown label throws, which
 * stops the build, as an unknown cross-reference in a chapter does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type RefNumbers = ReadonlyMap<string, string>;

/** Label → number ("A.3") for every equation, figure and exercise of the chapter source. */
export function refNumbers(source: string, chapter: string): RefNumbers {
  const numbers = new Map<string, string>();
  let eq = 0;
  for (const match of source.matchAll(/\\label\{(eq:[^}]+)\}/g)) numbers.set(match[1] as string, `${chapter}.${++eq}`);
  for (const [tag, kind] of [
    ['Figure', 'fig'],
    ['Exercise', 'ex'],
  ] as const) {
    let n = 0;
    for (const match of source.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
      n++;
      const label = /label="([^"]+)"/.exec(match[1] ?? '')?.[1];
      if (label?.startsWith(`${kind}:`)) numbers.set(label, `${chapter}.${n}`);
    }
  }
  return numbers;
}

/** The chapter's numbers, read from src/content/docs/<slug>.mdx. */
export function chapterRefNumbers(slug: string, chapter: string): RefNumbers {
  return refNumbers(readFileSync(join(process.cwd(), 'src/content/docs', `${slug}.mdx`), 'utf8'), chapter);
}

/** The visible text of a reference, e.g. "Equation (A.3)"; throws for an unknown label. */
export function refText(numbers: RefNumbers, label: string, names: { eq: string; fig: string; ex: string }, slug: string): string {
  const number = numbers.get(label);
  if (number === undefined) throw new Error(`Questions of chapter "${slug}" refer to "${label}", which the chapter does not define`);
  const kind = label.slice(0, label.indexOf(':')) as 'eq' | 'fig' | 'ex';
  return kind === 'eq' ? `${names.eq} (${number})` : `${kind === 'fig' ? names.fig : names.ex} ${number}`;
}
