/** <em-stepper>: mounts `./app` (d3, draggable points, the mixture library) when the figure nears the viewport. */
import { defineLazyWidget } from '../lazy';

defineLazyWidget('em-stepper', async () => (await import('./app')).mountEMStepper);
