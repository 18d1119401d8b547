/**
 * <jensen-explorer>: mounts `./jensen-explorer-figure` (d3, the draggable-points helper and the math library) when
 * the figure nears the viewport. While mounted, `value` holds the current points and weights, and
 * an `input` event announces changes made on the graph or with the buttons.
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('jensen-explorer', async () => (await import('./jensen-explorer-figure.ts')).mountJensenExplorer);
