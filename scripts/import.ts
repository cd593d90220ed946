import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openCommandLineContext } from '../src/startup/commandLine';
import { importFile } from '../src/import/importCsv';
import { formatReport } from '../src/import/report';
import { loadReferenceData } from '../src/reference/loadReferenceData';

const usage = 'Usage: npm run import -- FILE [--initiative paris-call|tech-accord] [--dry-run]';

const argumentsSchema = z.object({
  file: z.string().min(1),
  initiative: z.enum(['paris-call', 'tech-accord']).optional(),
  dryRun: z.boolean(),
});

function readArguments() {
  const { values, positionals } = parseArgs({
    options: { initiative: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  return argumentsSchema.parse({
    file: positionals[0],
    initiative: values.initiative,
    dryRun: values['dry-run'],
  });
}

async function main(): Promise<void> {
  const parsed = (() => {
    try {
      return readArguments();
    } catch (error) {
      const message =
        error instanceof z.ZodError
          ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
          : String(error);
      throw new Error(`${message}\n${usage}`);
    }
  })();
  const context = await openCommandLineContext('import');
  try {
    await loadReferenceData();
    const report = await importFile(parsed.file, {
      initiative: parsed.initiative,
      dryRun: parsed.dryRun,
      writer: context.writer,
      // On a terminal the count rewrites one line; in a log each step gets its own line.
      onProgress: ({ processed, total }) =>
        process.stderr.write(
          process.stderr.isTTY ? `\r${processed}/${total} rows` : `${processed}/${total} rows\n`,
        ),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(`${formatReport(report)}\n`);
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Import failed: ${message}\n`);
  process.exit(1);
});
