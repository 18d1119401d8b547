/**
 * <elbo-gap>: mounts `./app` (d3 and the math library) when the figure nears the viewport.
 * While mounted, `value` holds the current state (model, x, m, s) and an `input` event announces
 * programmatic changes (buttons, animation); changes made with the controls bubble up as their
 * own input events.
 */
import { defineLazyWidget } from '../lazy';

defineLazyWidget('elbo-gap', async () => (await import('./app')).mountElboGap);
