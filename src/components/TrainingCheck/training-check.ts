/**
 * <training-check>: mounts `./training-check-figure.ts` (the model library and TensorFlow.js) when the widget nears the
 * viewport; leaving the page stops training and frees the model. The element carries
 * `data-ready`, `data-backend`, `data-step` and, after a recovery, `data-recovered`.
 * Test hook: `element.app.loseContextForTest()`.
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('training-check', async () => (await import('./training-check-figure.ts')).mountTrainingCheck);
