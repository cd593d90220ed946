import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openCommandLineContext } from '../src/startup/commandLine';
import { describeSeed, seedRegistry } from '../src/seed/seedRegistry';
import { generateSyntheticRegistry } from '../src/seed/synthetic';

const usage = 'Usage: npm run seed [-- --synthetic COUNT]';

function readArguments(): { synthetic: number | null } {
  const { values } = parseArgs({ options: { synthetic: { type: 'string' } } });
  const synthetic = z.coerce.number().int().min(1).max(2_000_000).optional().safeParse(values.synthetic);
  if (!synthetic.success) throw new Error(`--synthetic needs a whole number between 1 and 2000000\n${usage}`);
  return { synthetic: synthetic.data ?? null };
}

async function main(): Promise<void> {
  const { synthetic } = readArguments();
  const context = await openCommandLineContext('seed');
  try {
    const report = await seedRegistry({
      writers: context.services,
      onProgress: (file, { processed, total }) =>
        process.stderr.write(`\r${file}: ${processed}/${total} rows`),
    });
    process.stderr.write('\n');
    for (const line of describeSeed(report)) process.stdout.write(`${line}\n`);
    if (synthetic !== null) {
      const started = Date.now();
      await generateSyntheticRegistry(context.writer, synthetic, {
        onProgress: (done, total) => process.stderr.write(`\rsynthetic: ${done}/${total} organisations`),
      });
      process.stderr.write('\n');
      process.stdout.write(
        `synthetic registry: ${synthetic} organisations in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
