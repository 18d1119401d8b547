/** <density-fit>: mounts `./density-fit-figure` (d3, draggable points, the mixture library) when the figure nears the viewport. */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('density-fit', async () => (await import('./density-fit-figure.ts')).mountDensityFit);
