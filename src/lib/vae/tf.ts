/**
 * The library's one entry to TensorFlow.js. `@tensorflow/tfjs-core` alone has no gradient
 * functions registered (the `@tensorflow/tfjs` bundle normally does it); importing them here
 * once means every module that does `import * as tf from './tf.ts'` can differentiate.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';

export * from '@tensorflow/tfjs-core';
