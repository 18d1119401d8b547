/**
 * TensorFlow.js in Node: the WASM backend (tfjs-node cannot be installed here; its install
 * script downloads libtensorflow). The `.wasm` binaries ship inside the npm package, so they are
 * loaded from its folder on disk. Used by unit tests and scripts, never by the browser bundle.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from './tf';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Makes WASM the active backend (idempotent) and returns its name. */
export async function useNodeBackend(): Promise<string> {
  if (tf.getBackend() === 'wasm') return 'wasm';
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  setWasmPaths(`${join(packageDir, 'dist')}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('The TensorFlow.js WASM backend failed to initialise.');
  await tf.ready();
  return tf.getBackend();
}
