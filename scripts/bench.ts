/**
 * `npm run bench`: the model library's training speed, side by side with a straightforward
 * TensorFlow.js implementation of the same VAE, in Node (WASM) and in Chromium. Prints one JSON
 * line per figure on stdout; progress and the runners' own output go to stderr, so
 * `npm run --silent bench > bench.jsonl` keeps only the figures.
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
 * The library's modules import each other without file extensions (Vite resolves them), so the
 * measurements run under Vitest (bench/node.bench.ts, `vitest.bench.config.ts`) and in a page
 * that Vite bundles (bench/browser/, driven by Playwright with `bench/playwright.config.ts`).
 * This script only parses the flags, runs the two, and collects their JSON lines. See README,
 * "Benchmarks".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const USAGE = `Usage: npm run bench -- [options]

  --steps N        training budget of figure (c) in steps of 128 images (default 468 = one epoch
                   of the 60,000 training images; 0 skips the figure)
  --rounds N       interleaved rounds of figures (a) and (b) (default 10)
  --seed N         seed of the models, the data order and the noise (default 1)
  --skip-browser   Node only: no Chromium run (figure e)
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

/** Runs `node <script> ...args` in the repository root; its stdout and stderr go to our stderr. */
function run(script: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  let settings: ReturnType<typeof options>;
  try {
    settings = options();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (settings.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vae-bench-out-'));
  const out = join(dir, 'figures.jsonl');
  writeFileSync(out, '');
  const env = {
    VAE_BENCH_OUT: out,
    VAE_BENCH_STEPS: String(settings.steps),
    VAE_BENCH_ROUNDS: String(settings.rounds),
    VAE_BENCH_SEED: String(settings.seed),
    VAE_BENCH_BACKENDS: settings.backends,
  };
  const failures: string[] = [];
  try {
    process.stderr.write('bench: Node (WASM), figures a–d\n');
    if ((await run('node_modules/vitest/vitest.mjs', ['run', '--config', 'vitest.bench.config.ts'], env)) !== 0) failures.push('Node run');
    if (!settings.skipBrowser) {
      process.stderr.write(`bench: Chromium (${settings.backends}), figures e–g\n`);
      if ((await run('node_modules/@playwright/test/cli.js', ['test', '--config', 'bench/playwright.config.ts'], env)) !== 0) failures.push('Chromium run');
    }
    const lines = readFileSync(out, 'utf8');
    process.stdout.write(lines);
    if (settings.out) writeFileSync(settings.out, lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length > 0) process.stderr.write(`bench: failed: ${failures.join(', ')} (its figures are missing above)\n`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main();
