/**
 * <backend-check>: mounts `./backend-check-figure.ts` (TensorFlow.js and the backend check) when the widget nears the
 * viewport; it runs the check once, and again on "Run the check". When a run finishes the element
 * carries `data-ready="true"` and `data-backend="<name>"`; after a WebGL context loss also
 * `data-context-lost="true"`. Test hook: `element.app.loseContextForTest()`.
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('backend-check', async () => (await import('./backend-check-figure.ts')).mountBackendCheck);
