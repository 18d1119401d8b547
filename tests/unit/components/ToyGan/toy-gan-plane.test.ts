/** The toy GAN plane's axes (src/components/ToyGan/plane.ts): ticks at the integers inside the plane. */
import { describe, expect, it } from 'vitest';
import { DOMAIN, planeTicks } from '../../../../src/components/ToyGan/plane.ts';

describe('planeTicks(domain)', () => {
  it('gives the integers inside [−DOMAIN, DOMAIN]: −2 … 2 for the plane shown', () => {
    expect(DOMAIN).toBe(2.75);
    expect(planeTicks()).toEqual([-2, -1, 0, 1, 2]);
    expect(planeTicks(3)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });
});
