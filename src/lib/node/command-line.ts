/**
 * The shape every command-line program of the book shares (train/train.ts, bench/bench.ts): parse
 * the arguments (a RangeError is a mistake on the command line: its message and the usage text,
 * exit code 2), print the usage for --help, run, and turn an error into a message on stderr and
 * exit code 1 (a RangeError's message alone; anything else with its stack).
 *
 *   process.exitCode = await runCommand('train', USAGE, parseOptions, async (options) => { … return 0; });
 */
export async function runCommand<O extends { help: boolean }>(
  name: string,
  usage: string,
  parse: () => O,
  run: (options: O) => Promise<number>,
): Promise<number> {
  let options: O;
  try {
    options = parse();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(usage);
    return 0;
  }
  try {
    return await run(options);
  } catch (error) {
    const text = error instanceof RangeError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${name}: ${text}\n`);
    return 1;
  }
}
