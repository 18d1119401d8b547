/**
 * `npm run train` (or `node train/train.ts`): trains the checkpoints the book ships, evaluates
 * them and writes them with their manifest to public/models/. Progress goes to stderr.
 * The work is done by train/train-models.ts; this file is the command line.
 */
import { parseArgs } from 'node:util';
import '../src/lib/node/tfjs-esm-resolve.ts';
import { runCommand } from '../src/lib/node/command-line.ts';
import { prepareData } from '../scripts/prepare-data.ts';

const USAGE = `Usage: npm run train -- [options]    (or: node train/train.ts [options])

Trains the book's shipped models on the full MNIST training set, evaluates them on the test set
and writes <out>/<name>.json + .bin and <out>/manifest.json.

  --only a,b     train only these models (names as in the manifest; default: all, in order)
  --epochs N     override every model's epoch count (a smoke test: --epochs 1)
  --out DIR      write somewhere else than public/models (a smoke test should not overwrite the
                 shipped files: npm run train -- --epochs 1 --out /tmp/models)
  --help         this text
`;

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: '' },
      epochs: { type: 'string' },
      out: { type: 'string', default: 'public/models' },
      help: { type: 'boolean', default: false },
    },
  });
  const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
  if (epochs !== undefined && !(Number.isInteger(epochs) && epochs >= 1)) throw new RangeError(`--epochs must be an integer ≥ 1, got ${values.epochs}`);
  const only = values.only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { help: values.help, only, epochs, out: values.out };
}

process.exitCode = await runCommand('train', USAGE, options, async (settings) => {
  // The library loads after the resolve hook above is registered (see tfjs-esm-resolve.ts).
  const { trainModels } = await import('./train-models.ts');
  await trainModels(settings, () => prepareData({ log: (line) => process.stderr.write(`${line}\n`) }));
  return 0;
});
