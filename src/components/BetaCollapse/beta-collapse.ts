/**
 * <beta-collapse>: mounts `./beta-collapse-figure.ts` (the training panel, TensorFlow.js, the pretrained 20-D VAE and
 * MNIST) when the figure nears the viewport.
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('beta-collapse', async () => (await import('./beta-collapse-figure.ts')).mountBetaCollapse);
