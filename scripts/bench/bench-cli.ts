import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildCompiled } from './bench-data-dir';

export const log = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * The command line as `shape` describes it: every option a string (zod coerces and defaults it) except the
 * `flags`, which are booleans. A bad value stops the benchmark with `--name: reason`.
 */
export function readArguments<Shape extends z.ZodRawShape>(
  shape: Shape,
  flags: readonly (keyof Shape & string)[] = [],
): z.infer<z.ZodObject<Shape>> {
  const options = Object.fromEntries(
    Object.keys(shape).map((name) => [name, { type: flags.includes(name) ? 'boolean' : 'string' } as const]),
  );
  const parsed = z.object(shape).safeParse(parseArgs({ options }).values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return parsed.data;
}

/**
 * Runs a benchmark: reads its arguments (a bad one stops it before anything is built), compiles src/ and
 * the children to dist/ when it measures the compiled server, then runs `main`; a failure is one line on
 * stderr and exit code 1.
 */
export function runBench<Arguments>(
  name: string,
  readArgs: () => Arguments,
  main: (args: Arguments) => Promise<void>,
  { compile = true } = {},
): void {
  const run = async () => {
    const args = readArgs();
    if (compile) {
      log('compiling to dist/ (tsc)');
      await buildCompiled();
    }
    await main(args);
  };
  run().catch((error: unknown) => {
    process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
