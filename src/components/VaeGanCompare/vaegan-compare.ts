/**
 * <vaegan-compare>: mounts `./vae-gan-compare-figure.ts` (models, MNIST and TensorFlow.js) when the figure nears the
 * viewport. Its `value` (with an `input` event) is `VaeGanCompareState`: both sample grids' pixels
 * with their draw of codes, and the real test digits of the reference row.
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('vaegan-compare', async () => (await import('./vae-gan-compare-figure.ts')).mountVaeGanCompare);
