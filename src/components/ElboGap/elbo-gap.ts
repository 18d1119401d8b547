/**
 * <elbo-gap>: mounts `./elbo-gap-figure` (d3 and the math library) when the figure nears the viewport.
 * While mounted, `value` holds the current state (model, x, m, s) and an `input` event announces
 * programmatic changes (buttons, animation); changes made with the controls bubble up as their
 * own input events.
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('elbo-gap', async () => (await import('./elbo-gap-figure.ts')).mountElboGap);
