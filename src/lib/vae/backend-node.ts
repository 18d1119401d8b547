/**
 * TensorFlow.js in Node: the WASM backend (tfjs-node cannot be installed here; its install
 * script downloads libtensorflow). The `.wasm` binaries ship inside the npm package, so they are
 * loaded from its folder on disk. Used by unit tests and scripts, never by the browser bundle.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type BackendLoader, loadBrowserBackend } from './backend.ts';
import * as tf from './tf.ts';

/**
 * Loads a backend package in Node: WASM with its binaries from the package folder; the others
 * as in a browser (WebGPU and WebGL then fail to initialise, which `chooseBackend` reports).
 */
export const loadNodeBackend: BackendLoader = async (name) => {
  if (name !== 'wasm') return loadBrowserBackend(name);
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const packageDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  wasm.setWasmPaths(`${join(packageDir, 'dist')}/`);
};

/** Makes WASM the active backend (idempotent) and returns its name. */
export async function useNodeBackend(): Promise<string> {
  if (tf.getBackend() === 'wasm') return 'wasm';
  await loadNodeBackend('wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('The TensorFlow.js WASM backend failed to initialise.');
  await tf.ready();
  return tf.getBackend();
}
