/**
 * How every benchmark reports a figure: one JSON line, appended to $VAE_BENCH_OUT when set (the
 * `npm run bench` driver collects them there), printed otherwise.
 */
import { appendFileSync } from 'node:fs';

export function emit(figure: Record<string, unknown>): void {
  const line = JSON.stringify(figure);
  if (process.env['VAE_BENCH_OUT']) appendFileSync(process.env['VAE_BENCH_OUT'], `${line}\n`);
  else console.log(line);
}
