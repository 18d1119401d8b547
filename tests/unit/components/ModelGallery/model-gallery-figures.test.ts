/**
 * The figures the model gallery prints beside each model's samples come from the manifest
 * entry: every generative model gets a card (not the classifier), and each figure's raw value
 * is the manifest's number.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardFigures, FIGURE_KEYS, galleryEntries, galleryStrings, timeText } from '../../../../src/components/ModelGallery/figures.ts';
import type { PretrainedEntry } from '../../../../src/components/page-services/pretrained.ts';
import { en } from '../../../../src/i18n/en.ts';

const manifest = JSON.parse(readFileSync(new URL('../../../../public/models/manifest.json', import.meta.url), 'utf8')) as { models: PretrainedEntry[] };
const s = galleryStrings(en);

describe('model gallery figures', () => {
  it('galleryEntries keeps every generative model of the manifest, in order, and drops the classifier', () => {
    expect(galleryEntries(manifest.models).map((e) => e.name)).toEqual(['ae2', 'vae2', 'vae20', 'cvae', 'gan', 'vaegan']);
  });

  it('cardFigures(entry) lists the manifest numbers in FIGURE_KEYS order, with text and no NaN', () => {
    for (const entry of galleryEntries(manifest.models)) {
      const figures = cardFigures(entry, s);
      expect(figures.map((f) => f.key)).toEqual([...FIGURE_KEYS]);
      const value = (key: string) => figures.find((f) => f.key === key)?.value;
      expect(value('test')).toBe(entry.test.dReal ?? entry.test.loss);
      expect(value('iwae')).toBe(entry.test.iwae?.nll);
      expect(value('quality')).toBe(entry.samples?.accuracy ?? entry.samples?.meanMaxProb);
      expect(value('nn')).toBe(entry.samples?.nnDistance);
      expect(value('weights')).toBe(entry.bytes);
      expect(value('training')).toBe(entry.epochs);
      for (const figure of figures) {
        expect(figure.label.length).toBeGreaterThan(0);
        expect(figure.text).not.toMatch(/NaN|undefined|Infinity|\{/);
      }
    }
  });

  it('the texts say what kind of number each is: −ELBO, reconstruction only, or D(real)', () => {
    const byName = Object.fromEntries(galleryEntries(manifest.models).map((e) => [e.name, cardFigures(e, s)]));
    const text = (name: string, key: string) => byName[name]?.find((f) => f.key === key)?.text;
    expect(text('vae20', 'test')).toBe('101.43 nats (−ELBO: 75.44 + KL 25.99)');
    expect(text('ae2', 'test')).toBe('147.31 nats (reconstruction only, not a bound)');
    expect(text('gan', 'test')).toBe('D(real) = 0.574 (no likelihood)');
    expect(text('gan', 'weights')).toBe('740 kB (uint8)');
    expect(text('vae2', 'iwae')).toBe('150.35 nats');
    expect(text('cvae', 'quality')).toBe('100.0 % the requested digit; confidence 0.997');
    expect(text('vaegan', 'weights')).toBe('967 kB (uint8)');
    expect(timeText(Math.PI, s)).toBe('3.1 ms for 20 samples');
    expect(timeText(123.4, s)).toBe('123 ms for 20 samples');
  });
});
