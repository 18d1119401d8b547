/**
 * Build-time HTML of a question string: text is escaped, `$…$` is typeset with KaTeX (the same
 * package and stylesheet the chapters use), so questions reach the reader as static HTML and
 * maths, like the chapters. A TeX error stops the build.
 */
import katex from 'katex';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `text` with each inline `$…$` formula passed through `maths` and the rest through `prose`. */
function mapInlineMaths(text: string, maths: (tex: string) => string, prose: (part: string) => string): string {
  return text
    .split(/(\$[^$]+\$)/g)
    .map((part) => (part.startsWith('$') && part.endsWith('$') && part.length > 2 ? maths(part.slice(1, -1)) : prose(part)))
    .join('');
}

/** HTML for a string with inline `$…$` maths. */
export function textToHtml(text: string): string {
  return mapInlineMaths(text, (tex) => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), escapeHtml);
}

/**
 * Plain text of a question string for an accessible name: maths becomes the text of KaTeX's
 * MathML (e.g. "log pθ(x, y)"), since accessibility checkers and some screen readers do not read
 * a `<math>` element inside a form control's label.
 */
export function textToPlain(text: string): string {
  const mathText = (tex: string) =>
    katex
      .renderToString(tex, { output: 'mathml', throwOnError: true, strict: 'error' })
      .replace(/<annotation[\s\S]*?<\/annotation>/g, '')
      .replace(/<[^>]+>/g, '');
  return mapInlineMaths(text, mathText, (part) => part)
    .replace(/\s+/g, ' ')
    .trim();
}
