/**
 * Lets plain Node (24, type stripping) load TensorFlow.js's ES-module files, for the command-line
 * programs in train/ and bench/. `@tensorflow/tfjs-core` ships its gradient registrations
 * (`dist/gradients/*_grad.js`, imported by `src/lib/vae/gradients.ts`) only as ES modules written
 * for bundlers: their relative imports have no file extension, which Node's ES-module resolver
 * refuses (ERR_MODULE_NOT_FOUND). This hook adds `.js` (or `/index.js`) to such imports inside
 * TensorFlow.js's `dist/` folders and changes nothing else. Vite, which builds the book and runs
 * the unit tests, resolves these imports itself and never loads this file.
 *
 * Import it before anything that imports the library, and import the library dynamically after
 * it (static imports are resolved before any module body runs):
 *   import '../src/lib/node/tfjs-esm-resolve.ts';
 *   const { run } = await import('./run.ts');
 */
import { registerHooks } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TFJS_DIST = /\/node_modules\/@tensorflow\/tfjs-[a-z-]+\/dist\//;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (parent && TFJS_DIST.test(parent) && specifier.startsWith('.') && !/\.[cm]?js$/.test(specifier)) {
      const base = new URL(specifier, parent);
      for (const candidate of [`${base.href}.js`, `${base.href}/index.js`]) {
        if (existsSync(fileURLToPath(candidate))) return nextResolve(candidate, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
