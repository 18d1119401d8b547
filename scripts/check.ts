/**
 * `npm run check`: Astro's type check (.astro and .ts files), failing loudly when the checker
 * itself cannot run. `astro check` exits 0 when `@astrojs/check` fails to load (it prints an
 * error and returns), which once let a broken install pass CI with no type check at all.
 */
import { spawnSync } from 'node:child_process';

const result = spawnSync('astro', ['check'], {
  encoding: 'utf8',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  shell: process.platform === 'win32',
});
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');

const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
const summary = /Result \(\d+ files?\):\s*\n-\s*(\d+) errors?/.exec(output);
if (result.status !== 0 || summary === null || summary[1] !== '0') {
  console.error(summary === null ? '\ncheck: astro check did not report a result; the type check did not run.' : '\ncheck: type errors.');
  process.exit(1);
}
