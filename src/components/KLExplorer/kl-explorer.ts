/** <kl-explorer>: mounts `./kl-explorer-figure` (d3, the math library, KaTeX) when the figure nears the viewport. */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('kl-explorer', async () => (await import('./kl-explorer-figure.ts')).mountKLExplorer);
