/** <kl-explorer>: mounts `./app` (d3, the math library, KaTeX) when the figure nears the viewport. */
import { defineLazyWidget } from '../lazy';

defineLazyWidget('kl-explorer', async () => (await import('./app')).mountKLExplorer);
