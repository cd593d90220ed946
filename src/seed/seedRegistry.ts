import { systemActor } from '../audit/actor';
import { importFile } from '../import/importCsv';
import type { ImportProgress, ImportReport } from '../import/report';
import { Organisation } from '../models/organisation';
import { loadReferenceData, type ReferenceLoadReport } from '../reference/loadReferenceData';
import { PARIS_CALL_FILE, seedDataDir, seedFile, TECH_ACCORD_FILE } from './dataFiles';
import { ensureDemoContent, type DemoContentReport, type SeedWriters } from './demoContent';
import { ensureSeedActivities } from './activities';
import { ensureSeedPetitions } from './petitions';
import { ensureMovement, type MovementReport } from './movement';

export interface SeedReport {
  skipped: boolean;
  reference: ReferenceLoadReport;
  imports: { file: string; report: ImportReport }[];
  missingFiles: string[];
  demo: DemoContentReport | null;
  /** Petitions the seed created (it creates each once, then leaves it to the secretariat). */
  petitions: string[];
  /** Slugs of the Tech Accord activities the seed recorded (each once, like the petitions). */
  activities: string[];
  movement: MovementReport | null;
}

export interface SeedOptions {
  /** The audited write helper and pledge service the demo content is written through. */
  writers: SeedWriters;
  dataDir?: string;
  onProgress?: (file: string, progress: ImportProgress) => void;
}

/** Reference data, the real Paris Call supporters and Tech Accord founders, then the demo pledges and evidence. */
export async function seedRegistry(options: SeedOptions): Promise<SeedReport> {
  const reference = await loadReferenceData();
  const dir = options.dataDir ?? seedDataDir();
  const sources = [
    { name: PARIS_CALL_FILE, initiative: 'paris-call' as const },
    { name: TECH_ACCORD_FILE, initiative: 'tech-accord' as const },
  ];
  const imports: SeedReport['imports'] = [];
  const missingFiles: string[] = [];
  for (const source of sources) {
    const file = seedFile(dir, source.name);
    if (!file) {
      missingFiles.push(source.name);
      continue;
    }
    const onProgress = options.onProgress
      ? (progress: ImportProgress) => options.onProgress?.(source.name, progress)
      : undefined;
    imports.push({
      file: source.name,
      report: await importFile(file, {
        initiative: source.initiative,
        onProgress,
        writer: { recordChange: options.writers.recordChange, actor: systemActor('seed') },
      }),
    });
  }
  const demo = await ensureDemoContent(options.writers);
  const { created: petitions } = await ensureSeedPetitions(options.writers.recordChange);
  const movement = await ensureMovement(options.writers.recordChange);
  const { created: activities } = await ensureSeedActivities(options.writers.recordChange);
  return { skipped: false, reference, imports, missingFiles, demo, petitions, activities, movement };
}

/**
 * For the server's start: reference data always (idempotent); the rest only into an empty registry,
 * so a restart never re-imports over the secretariat's edits.
 */
export async function seedOnFirstStart(options: SeedOptions): Promise<SeedReport> {
  const hasOrganisations = (await Organisation.estimatedDocumentCount()) > 0;
  if (hasOrganisations) {
    const reference = await loadReferenceData();
    const { created: petitions } = await ensureSeedPetitions(options.writers.recordChange);
    const { created: activities } = await ensureSeedActivities(options.writers.recordChange);
    return { skipped: true, reference, imports: [], missingFiles: [], demo: null, petitions, activities, movement: null };
  }
  return seedRegistry(options);
}

export function describeSeed(report: SeedReport): string[] {
  const petitions = [
    ...report.petitions.map((slug) => `petition created: ${slug}`),
    ...(report.activities.length > 0 ? [`Tech Accord activities recorded: ${report.activities.join(', ')}`] : []),
  ];
  if (report.skipped) return ['registry already has organisations: demo data not loaded again', ...petitions];
  const lines = report.imports.map(
    ({ file, report: r }) =>
      `${file}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`,
  );
  for (const file of report.missingFiles)
    lines.push(`${file} not found: seeded without it (reference data only)`);
  if (report.demo) {
    lines.push(
      `demo data: ${report.demo.organisations} demo organisations, ${report.demo.pledgeVersions} pledge versions and ${report.demo.evidence} evidence records added`,
    );
  }
  if (report.movement?.linked) {
    lines.push(
      `wider movement: ${report.movement.membershipsAdded} membership and ${report.movement.relationshipsAdded} relationships added (CyberPeace Institute and its funders)`,
    );
  }
  return [...lines, ...petitions];
}
