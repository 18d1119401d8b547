/**
 * <latent-interpolation>: mounts `./latent-interpolation-figure.ts` (the model library, TensorFlow.js, the pretrained VAE and
 * MNIST) when the figure nears the viewport.
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('latent-interpolation', async () => (await import('./latent-interpolation-figure.ts')).mountLatentInterpolation);
