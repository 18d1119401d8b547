/** <gradient-estimators>: mounts `./app` (d3 and the math library) when the figure nears the viewport. */
import { defineLazyWidget } from '../lazy';

defineLazyWidget('gradient-estimators', async () => (await import('./app')).mountGradientEstimators);
