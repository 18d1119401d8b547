/**
 * Serves the repository's reuse terms from the site itself, so the footer's links work on any
 * host and offline: /LICENSE.txt (code, MIT), /LICENSE-TEXT.txt (text and figures, CC BY-SA 4.0)
 * and /CITATION.cff. The files are read from the repository root at build time (one source).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import citation from '../../CITATION.cff?raw';
import licence from '../../LICENSE?raw';
import textLicence from '../../LICENSE-TEXT.md?raw';

const FILES: Record<string, string> = {
  'LICENSE.txt': licence,
  'LICENSE-TEXT.txt': textLicence,
  'CITATION.cff': citation,
};

export const getStaticPaths: GetStaticPaths = () => Object.keys(FILES).map((file) => ({ params: { file } }));

export const GET: APIRoute = ({ params }) => new Response(FILES[params['file'] ?? ''] ?? '', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
