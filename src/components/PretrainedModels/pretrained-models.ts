/**
 * <pretrained-models>: mounts `./pretrained-models-figure.ts` (the model library and TensorFlow.js) when the widget nears
 * the viewport. The element carries `data-ready` once every model is listed and drawn, and
 * `data-backend`; each row `data-model` and each figure `data-figure` + `data-value` (the raw
 * manifest number), for tests.
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('pretrained-models', async () => (await import('./pretrained-models-figure.ts')).mountPretrainedModels);
