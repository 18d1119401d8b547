/**
 * A shipped model's title in the page's language: the UI string `modelTitle.<name>` when the
 * widget's strings carry it (prefix 'modelTitle.'), else the manifest's English title. Kept free
 * of the model library so that `.astro` files can use it at build time.
 */
export function modelTitle(entry: { readonly name: string; readonly title: string }, strings: Record<string, string>): string {
  return strings[`modelTitle.${entry.name}`] ?? entry.title;
}
