/**
 * `npm run bench` (or `node bench/bench.ts`): the model library's training speed, side by side
 * with a straightforward TensorFlow.js implementation of the same VAE, in Node (WASM) and in
 * Chromium. Prints one JSON line per figure on stdout; progress and the runners' own output go to
 * stderr, so `npm run --silent bench > bench.jsonl` keeps only the figures.
 *
 *   (a) ms per training step, library vs straightforward (Node, WASM)
 *   (b) plain matmul throughput, the arithmetic floor of a step, step / floor (Node, WASM)
 *   (c) test-set loss after a fixed training budget (Node, WASM)
 *   (d) decode latency of the 2-D VAE's decoder, one z and a 10 × 10 grid (Node, WASM)
 *   (e) (a), (b) and (d) in headless Chromium for every backend that initialises there
 *   (f) main-thread long tasks while a chapter's VAE trains in the built book (Chromium)
 *   (g) frames per second of live decoding while dragging across a latent plot (Chromium)
 *   (h) the automatically chosen backend against the fastest backend in the same page (Chromium)
 *
 * Figures (a)–(d) run in this process (bench/node-figures.ts); (e)–(h) in headless Chromium,
 * started and driven with Playwright's library (bench/browser/library-figures.ts for (e) and (h),
 * bench/browser/page-figures.ts for (f) and (g) on the built book). See README, "Benchmarks".
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import '../src/lib/node/tfjs-esm-resolve.ts';
import { runCommand } from '../src/lib/node/command-line.ts';
import { prepareData } from '../scripts/prepare-data.ts';

const USAGE = `Usage: npm run bench -- [options]

  --steps N        training budget of figure (c) in steps of 128 images (default 468 = one epoch
                   of the 60,000 training images; 0 skips the figure)
  --rounds N       interleaved rounds of figures (a) and (b) (default 10)
  --seed N         seed of the models, the data order and the noise (default 1)
  --skip-browser   Node only: no Chromium run (figures e–h)
  --backends LIST  backends to try in Chromium (default webgpu,webgl,wasm,cpu)
  --out FILE       also write the JSON lines to FILE
  --help           this text
`;

function options() {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string', default: '468' },
      rounds: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      'skip-browser': { type: 'boolean', default: false },
      backends: { type: 'string', default: 'webgpu,webgl,wasm,cpu' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const count = (name: string, value: string, min: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${value}`);
    return n;
  };
  return {
    help: values.help,
    steps: count('steps', values.steps, 0),
    rounds: count('rounds', values.rounds, 1),
    seed: count('seed', values.seed, 0),
    skipBrowser: values['skip-browser'],
    backends: values.backends,
    out: values.out,
  };
}

/** Runs one group of figures; a failure is reported and the next group still runs. */
async function attempt(name: string, failures: string[], work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    process.stderr.write(`bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    failures.push(name);
  }
}

async function main(settings: ReturnType<typeof options>): Promise<number> {
  const lines: string[] = [];
  const emit = (figure: Record<string, unknown>) => {
    const line = JSON.stringify(figure);
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
  const failures: string[] = [];
  // Its status line goes to stderr: stdout carries only the figures' JSON lines.
  await prepareData({ log: progress });
  // The library loads after the resolve hook above is registered (see tfjs-esm-resolve.ts).
  progress('Node (WASM), figures a–d');
  const { nodeFigures } = await import('./node-figures.ts');
  await attempt('Node figures', failures, () => nodeFigures({ rounds: settings.rounds, steps: settings.steps, seed: settings.seed, emit, progress }));
  if (!settings.skipBrowser) {
    const backends = settings.backends.split(',').filter(Boolean);
    progress(`Chromium (${backends.join(', ')}), figures e–h`);
    const { launchChromium } = await import('./browser/serve.ts');
    const { libraryFigures } = await import('./browser/library-figures.ts');
    const { pageFigures } = await import('./browser/page-figures.ts');
    const browser = await launchChromium();
    try {
      await attempt('Chromium figures e and h', failures, () => libraryFigures({ browser, backends, emit, progress }));
      await attempt('Chromium figures f and g', failures, () => pageFigures({ browser, backends, emit, progress }));
    } finally {
      await browser.close();
    }
  }
  if (settings.out) writeFileSync(settings.out, lines.map((line) => `${line}\n`).join(''));
  if (failures.length > 0) progress(`failed: ${failures.join(', ')} (their figures are missing above)`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await runCommand('bench', USAGE, options, main);
