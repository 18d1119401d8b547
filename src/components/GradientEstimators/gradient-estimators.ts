/** <gradient-estimators>: mounts `./gradient-estimators-figure` (d3 and the math library) when the figure nears the viewport. */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('gradient-estimators', async () => (await import('./gradient-estimators-figure.ts')).mountGradientEstimators);
