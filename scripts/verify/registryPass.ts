import { Presets, SingleBar } from 'cli-progress';
import pino from 'pino';
import { systemActor } from '../../src/audit/actor';
import { loadConfig } from '../../src/config';
import { connectDatabase } from '../../src/db';
import { CHECK_NAMES } from '../../src/features/evidence/checks/types';
import type { CheckOutcome } from '../../src/features/evidence/continuous/applyCheckResult';
import { runConcurrently } from '../../src/features/evidence/runConcurrently';
import { createLogger } from '../../src/logger';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { createServices } from '../../src/services';

export interface RegistryPassOptions {
  /** Only this organisation's evidence; every organisation's otherwise. */
  orgSlug?: string;
}

function summaryTable(kinds: string[], outcomes: (CheckOutcome | null)[]): string {
  const counts = new Map<string, Map<string, number>>();
  outcomes.forEach((outcome, index) => {
    const kind = kinds[index] ?? '?';
    const key = outcome ? `${outcome.level}${outcome.status ? ` → ${outcome.status}` : ''}` : 'not checkable';
    const row = counts.get(kind) ?? new Map<string, number>();
    row.set(key, (row.get(key) ?? 0) + 1);
    counts.set(kind, row);
  });
  const lines = [`${'check'.padEnd(14)}${'result → status'.padEnd(28)}count`];
  for (const [kind, row] of [...counts].sort()) {
    for (const [key, count] of [...row].sort()) lines.push(`${kind.padEnd(14)}${key.padEnd(28)}${count}`);
  }
  return lines.join('\n');
}

/** `--all` / `--org SLUG`: re-checks stored evidence now, through the same service and audited writes as the jobs. */
export async function runRegistryPass(options: RegistryPassOptions): Promise<number> {
  const config = loadConfig(process.env);
  const logger = createLogger(config, pino.destination(2));
  const database = await connectDatabase(config, logger);
  try {
    const services = createServices({ config, logger, connection: database.connection });
    const filter: Record<string, unknown> = { kind: { $in: [...CHECK_NAMES] }, demo: { $ne: true } };
    if (options.orgSlug !== undefined) {
      const organisation = await Organisation.findOne({ slug: { $eq: options.orgSlug } }, { _id: 1 }).lean();
      if (!organisation) {
        process.stderr.write(`No organisation has the slug "${options.orgSlug}".\n`);
        return 2;
      }
      filter.organisation = organisation._id;
    }
    const entries = await Evidence.find(filter, { _id: 1, kind: 1 }).sort({ organisation: 1 }).lean();
    process.stderr.write(`Checking ${entries.length} evidence entries (demo evidence is left alone)…\n`);
    const bar = new SingleBar({ stream: process.stderr, etaBuffer: 50 }, Presets.shades_classic);
    bar.start(entries.length, 0);
    const actor = systemActor('verify-command');
    const outcomes = await runConcurrently(entries, services.evidence.settings.concurrency, async (entry) => {
      const outcome = await services.evidence.checkEvidence(actor, String(entry._id));
      bar.increment();
      return outcome;
    });
    bar.stop();
    process.stdout.write(
      `${summaryTable(
        entries.map((entry) => entry.kind),
        outcomes,
      )}\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
