/**
 * <model-gallery>: mounts `./model-gallery-figure.ts` (the model library and TensorFlow.js) when the figure nears the
 * viewport; leaving the page frees the models. The element carries `data-ready` (samples drawn
 * and the button usable), `data-backend`, `data-seed` (of the samples shown) and `data-tensors`
 * (live tensors after the last drawing); each card `data-model`, `data-ms` (its last drawing
 * time) and, per figure row, `data-figure` + `data-value` (the raw manifest number). Its `value`
 * (with an `input` event) holds every card's sample pixels of the last drawing (`ModelGalleryState`).
 * Tests read the page's live tensor count through `window.vaeBookDebug.tensors()` (models/page.ts).
 */
import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('model-gallery', async () => (await import('./model-gallery-figure.ts')).mountModelGallery);
