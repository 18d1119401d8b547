/** <em-stepper>: mounts `./em-stepper-figure` (d3, draggable points, the mixture library) when the figure nears the viewport. */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('em-stepper', async () => (await import('./em-stepper-figure.ts')).mountEMStepper);
