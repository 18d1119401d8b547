/**
 * Every svg in a figure's markup (src/components/**\/*.astro) is one named image or group to
 * assistive technology: `role="img"` (a chart) or `role="group"` (a chart whose points are
 * sliders), with an `aria-label` or `aria-labelledby`, or else hidden with `aria-hidden="true"`.
 * The charts drawn on the shared frame (src/lib/plot/chart-frame.ts) take their names from here,
 * server-rendered in the page's language, so the frame itself ships no check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const COMPONENTS = join(import.meta.dirname, '../../../src/components');

function astroFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? astroFiles(path) : entry.name.endsWith('.astro') ? [path] : [];
  });
}

/** The opening `<svg …>` tags of a file, with their attributes (no attribute value here holds a `>`). */
const svgTags = (source: string) => source.match(/<svg\b[^>]*>/g) ?? [];

describe('chart svgs in the figures’ markup', () => {
  const tags = astroFiles(COMPONENTS).flatMap((file) => svgTags(readFileSync(file, 'utf8')).map((tag) => ({ file: relative(COMPONENTS, file), tag })));

  it('finds the charts (the scan is not empty)', () => {
    expect(tags.filter(({ tag }) => /data-(plot|history)/.test(tag)).length).toBeGreaterThanOrEqual(10);
  });

  it('every svg is a named img or group, or hidden', () => {
    const unnamed = tags.filter(({ tag }) => {
      if (/aria-hidden="true"/.test(tag)) return false;
      return !/\brole="(img|group)"/.test(tag) || !/\saria-(label|labelledby)=/.test(tag);
    });
    expect(unnamed).toEqual([]);
  });
});
