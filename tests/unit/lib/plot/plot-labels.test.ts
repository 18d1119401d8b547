/** spreadLabels (src/lib/plot/labels.ts): line labels that would overlap are moved apart. */
import { describe, expect, it } from 'vitest';
import { spreadLabels } from '../../../../src/lib/plot/labels.ts';

describe('spreadLabels(positions, gap)', () => {
  it('leaves labels that are far enough apart where they are', () => {
    expect(spreadLabels([40, 100], 14)).toEqual([40, 100]);
  });

  it('moves the lower of two coinciding labels down by the gap, keeping the input order', () => {
    expect(spreadLabels([60, 60], 14)).toEqual([60, 74]);
    expect(spreadLabels([65, 60], 14)).toEqual([74, 60]);
  });

  it('pushes a chain of close labels apart so that every neighbour is at least the gap away', () => {
    const out = spreadLabels([10, 12, 15, 80], 14);
    expect(out).toEqual([10, 24, 38, 80]);
  });
});
