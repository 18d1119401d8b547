/**
 * The glossary (`src/i18n/glossary.ts`) gives each term one translation: no English term and no
 * Chinese term appears twice, and each locale's order sorts its own column.
 */
import { describe, expect, it } from 'vitest';
import { glossary, sortedGlossary } from '../../../src/i18n/glossary.ts';

const duplicates = (values: string[]) => values.filter((value, i) => values.indexOf(value) !== i);

describe('the glossary', () => {
  it('translates each English term once, and uses each Chinese term for one English term', () => {
    expect(duplicates(glossary.map((t) => t.en.toLowerCase()))).toEqual([]);
    expect(duplicates(glossary.map((t) => t.zh))).toEqual([]);
  });

  it('holds the terms the chapters rely on, with the glossary’s translations', () => {
    const zhOf = (en: string) => glossary.find((t) => t.en === en)?.zh;
    expect(zhOf('latent variable')).toBe('隐变量');
    expect(zhOf('evidence lower bound (ELBO)')).toBe('证据下界（ELBO）');
    expect(zhOf('reparameterisation trick')).toBe('重参数化技巧');
    expect(zhOf('amortised inference')).toBe('摊销推断');
  });

  it('sorts English alphabetically and Chinese by pinyin', () => {
    const en = sortedGlossary('en').map((t) => t.en);
    expect(en.indexOf('active units')).toBeLessThan(en.indexOf('backend'));
    const zh = sortedGlossary('zh').map((t) => t.zh);
    // bǎ(n) < yǐn < zhòng by pinyin, whatever their code points.
    expect(zh.indexOf('伯努利分布')).toBeLessThan(zh.indexOf('隐变量'));
    expect(zh.indexOf('隐变量')).toBeLessThan(zh.indexOf('重参数化技巧'));
  });
});
