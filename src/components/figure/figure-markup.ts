/**
 * What every theory figure's server-rendered markup starts from: the page's UI strings, the prefix
 * that keeps several copies of one figure on a page apart (in element ids and URL parameters), and
 * the id maker. In a figure's `.astro` front matter:
 *
 *   type Props = FigureProps;
 *   const { prefix, t, id } = figureMarkup(Astro, 'kl');   // ids kl-<prefix><name>
 */
import type { AstroGlobal } from 'astro';
import { pageStrings } from '../textbook/locale.ts';

export interface FigureProps {
  /** Distinguishes several copies of the figure on one page: element ids and URL parameters get this prefix. */
  prefix?: string;
}

export function figureMarkup(astro: Pick<AstroGlobal, 'locals' | 'props'>, idStem: string, defaultPrefix = '') {
  const prefix = (astro.props as FigureProps).prefix ?? defaultPrefix;
  return { prefix, t: pageStrings(astro), id: (name: string) => `${idStem}-${prefix}${name}` };
}
