/**
 * The gradients of the kernels the book's models differentiate through, registered one by one.
 * `@tensorflow/tfjs-core` alone registers none (the `@tensorflow/tfjs` bundle registers all of
 * them, through `register_all_gradients`); the book registers only these, as TensorFlow.js's
 * custom-bundle guide does. Importing all 100-odd gradient functions, with the ops they call,
 * cost every model chapter about 9 KB of compressed JavaScript for convolutions, pooling and
 * trigonometry the book never trains.
 *
 * The list is every kernel name whose gradient a backward pass of the library looks up: it was
 * recorded over the unit suite, which trains every model kind on the CPU backend (the 'flagged'
 * products that WebGL and WebGPU run as well) and on WASM (the explicit SIMD transposes, whose
 * own gradient `./simd` registers), plus Transpose and Cast. A kernel missing from it makes a
 * training step throw "gradient function not found for <kernel>";
 * `tests/unit/lib/vae/gradients.test.ts` trains one step of every model kind on both backends to
 * catch that.
 */
import { type GradConfig, registerGradient } from '@tensorflow/tfjs-core';
import { addGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Add_grad.js';
import { batchMatMulGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchMatMul_grad.js';
import { castGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Cast_grad.js';
import { clipByValueGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ClipByValue_grad.js';
import { concatGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Concat_grad.js';
import { expGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Exp_grad.js';
import { identityGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Identity_grad.js';
import { isFiniteGradConfig } from '@tensorflow/tfjs-core/dist/gradients/IsFinite_grad.js';
import { leakyReluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/LeakyRelu_grad.js';
import { logGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Log_grad.js';
import { maxGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Max_grad.js';
import { meanGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Mean_grad.js';
import { multiplyGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad.js';
import { negGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Neg_grad.js';
import { reluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Relu_grad.js';
import { reshapeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Reshape_grad.js';
import { selectGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Select_grad.js';
import { sigmoidGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sigmoid_grad.js';
import { softplusGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Softplus_grad.js';
import { squareGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Square_grad.js';
import { squaredDifferenceGradConfig } from '@tensorflow/tfjs-core/dist/gradients/SquaredDifference_grad.js';
import { subGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sub_grad.js';
import { sumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sum_grad.js';
import { tanhGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Tanh_grad.js';
import { transposeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Transpose_grad.js';
import { zerosLikeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ZerosLike_grad.js';

/** The registered gradient configs, one per kernel. */
export const GRADIENTS: readonly GradConfig[] = [
  addGradConfig,
  batchMatMulGradConfig,
  castGradConfig,
  clipByValueGradConfig,
  concatGradConfig,
  expGradConfig,
  identityGradConfig,
  isFiniteGradConfig,
  leakyReluGradConfig,
  logGradConfig,
  maxGradConfig,
  meanGradConfig,
  multiplyGradConfig,
  negGradConfig,
  reluGradConfig,
  reshapeGradConfig,
  selectGradConfig,
  sigmoidGradConfig,
  softplusGradConfig,
  squareGradConfig,
  squaredDifferenceGradConfig,
  subGradConfig,
  sumGradConfig,
  tanhGradConfig,
  transposeGradConfig,
  zerosLikeGradConfig,
];

for (const config of GRADIENTS) registerGradient(config);
