/**
 * <iwae-bound>: mounts `./iwae-bound-figure.ts` (d3 and the plain-number math) when the figure nears the
 * viewport; the app then imports `./vae-panel` (TensorFlow.js, the 2-D VAE, MNIST).
 *
 * Attributes for tests. On the element: `data-ready` (the toy panel works) and `data-k`. On
 * `[data-panel="toy"]`: `data-k`, `data-bound` and `data-se` (the estimate of L_K and its
 * standard error), `data-log-px`, `data-elbo`. On `[data-panel="vae"]`: `data-ready` (model and
 * digits loaded), `data-busy` while computing, `data-digit` (test-set index), `data-k`,
 * `data-bound`, `data-se`, `data-elbo`, `data-elbo-se`, `data-tensors` (live TensorFlow.js
 * tensors after each update) and, once the curve is drawn, `data-curve` (JSON [{k, mean, se}]).
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('iwae-bound', async () => (await import('./iwae-bound-figure.ts')).mountIwaeBound);
