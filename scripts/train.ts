/**
 * `npm run train [-- --only vae20,cvae] [-- --epochs 1] [-- --out dir]`: trains the checkpoints
 * the book ships (train/models.train.ts, run by Vitest so that the library's extension-less
 * imports resolve) and writes them with their manifest to public/models/.
 *   --only a,b     train only these models (names as in the manifest; default: all)
 *   --epochs n     override every model's epoch count (smoke test: --epochs 1)
 *   --out dir      write somewhere else than public/models (a smoke test should not overwrite
 *                  the shipped files: `npm run train -- --epochs 1 --out /tmp/models`)
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const env: Record<string, string> = { ...process.env } as Record<string, string>;
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? '';
  const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
  const value = () => inline ?? args[++i] ?? '';
  if (flag === '--only') env['VAE_TRAIN_ONLY'] = value();
  else if (flag === '--epochs') env['VAE_TRAIN_EPOCHS'] = value();
  else if (flag === '--out') env['VAE_TRAIN_OUT'] = value();
  else {
    console.error(`Unknown option ${arg}. Use --only name[,name], --epochs n, --out dir.`);
    process.exit(2);
  }
}
const result = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.train.config.ts', '--reporter', 'dot'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
