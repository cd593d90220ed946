import { MongoClient, type Db } from 'mongodb';
import { request } from 'undici';
import { AUDIT_ACTION_NAMES, isPublicAction } from '../../src/audit/actions';
import type { CrashWrite, EvidenceAdd, EvidenceRemove, PledgeSave } from './crash-log';
import { checkEvidence } from './crash-check-evidence';
import { checkPledges } from './crash-check-pledges';
import {
  Findings,
  sameSet,
  type StoredEvent,
  type StoredEvidence,
  type StoredOrganisation,
  type StoredPledge,
} from './crash-findings';
import type { CrashMember } from './crash-members';

async function checkJobsByEvidence(db: Db): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const job of await db
    .collection<{ data?: { evidenceId?: string } }>('jobs')
    .find({ name: 'evidence.check' })
    .toArray()) {
    const id = String(job.data?.evidenceId);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** The registry version (the sum of its counters) moves once per public change, in its transaction. */
async function checkRegistryVersion(db: Db, findings: Findings): Promise<void> {
  const publicActions = AUDIT_ACTION_NAMES.filter((action) => isPublicAction(action));
  const changes = await db.collection('auditevents').countDocuments({ action: { $in: publicActions } });
  const counters = await db
    .collection<{ _id: string; version: number }>('registry_versions')
    .find()
    .toArray();
  const version = counters.reduce((sum, counter) => sum + counter.version, 0);
  if (version !== changes)
    findings.half.push(`the registry version is ${version}, after ${changes} public changes`);
}

/** What the public sees of an organisation (the API and the profile page) is what the database holds. */
async function checkPublicView(
  baseUrl: string,
  findings: Findings,
  slug: string,
  pledges: StoredPledge[],
  entries: StoredEvidence[],
): Promise<void> {
  const api = await request(`${baseUrl}/api/v1/organisations/${slug}`, {
    headers: { accept: 'application/json' },
  });
  const body = (await api.body.json()) as {
    pledges?: { version: number; statement: string; commitments: string[] }[];
    evidence?: { subject: string }[];
  };
  const shown = (body.pledges ?? []).map(
    (pledge) => `${pledge.version}|${pledge.statement}|${[...pledge.commitments].sort().join(',')}`,
  );
  const stored = pledges.map(
    (pledge) => `${pledge.version}|${pledge.statement}|${[...pledge.commitments].sort().join(',')}`,
  );
  if (api.statusCode !== 200 || !sameSet(shown, stored))
    findings.half.push(`${slug}: the API shows other pledges than are stored`);
  if (
    !sameSet(
      (body.evidence ?? []).map((entry) => entry.subject),
      entries.map((entry) => entry.subject),
    )
  )
    findings.half.push(`${slug}: the API shows other evidence than is stored`);
  // Rendered pages follow the directory's read model, which may rest up to 5 s after a rebuild before it
  // sees the last change; the API above reads the database directly.
  const current = pledges.at(-1);
  for (let waited = 0; ; waited += 500) {
    const profile = await request(`${baseUrl}/signatories/${slug}`, { headers: { accept: 'text/html' } });
    const html = await profile.body.text();
    if (profile.statusCode === 200 && (!current || html.includes(current.statement))) return;
    if (waited >= 20_000) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  findings.half.push(`${slug}: the profile does not show the current pledge`);
}

/**
 * After the restart: reads every organisation the members wrote to straight from the database, checks it
 * against every write sent (in the order sent), and (with `baseUrl`) that the public API and profile show the same.
 */
export async function verifyAfterCrash(
  uri: string,
  baseUrl: string | null,
  sent: readonly CrashWrite[],
  members: CrashMember[],
): Promise<Findings> {
  const findings = new Findings();
  const client = await new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 }).connect();
  try {
    const db = client.db();
    const checkJobs = await checkJobsByEvidence(db);
    const emailOf = (member: number) => members[member]?.email ?? '';
    for (const slug of [...new Set(members.map((member) => member.slug))]) {
      const organisation = await db.collection<StoredOrganisation>('organisations').findOne({ slug });
      if (!organisation) throw new Error(`no organisation ${slug}`);
      const mine = { organisation: organisation._id };
      const pledges = await db.collection<StoredPledge>('pledges').find(mine).toArray();
      const entries = await db.collection<StoredEvidence>('evidences').find(mine).toArray();
      const events = await db.collection<StoredEvent>('auditevents').find(mine).toArray();
      const writes = sent.filter((write) => write.slug === slug);
      checkPledges(
        findings,
        organisation,
        pledges,
        events,
        writes.filter((write): write is PledgeSave => write.kind === 'pledge'),
        emailOf,
      );
      checkEvidence(
        findings,
        organisation,
        entries,
        events,
        checkJobs,
        writes.filter((write): write is EvidenceAdd | EvidenceRemove => write.kind !== 'pledge'),
      );
      if (baseUrl) await checkPublicView(baseUrl, findings, slug, pledges, entries);
    }
    await checkRegistryVersion(db, findings);
  } finally {
    await client.close();
  }
  return findings;
}
