/**
 * The library's one entry to TensorFlow.js. `@tensorflow/tfjs-core` alone has no gradient
 * functions registered; importing `./gradients.ts` here once registers those the models need,
 * so every module that does `import * as tf from './tf.ts'` can differentiate.
 */
import './gradients.ts';

export * from '@tensorflow/tfjs-core';
