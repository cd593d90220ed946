import { isCheckableKind } from '../../src/features/evidence/queueCheck';
import { evidenceLevelOf, type EvidenceStatus } from '../../src/reference/evidenceLevels';
import type { EvidenceAdd, EvidenceRemove } from './crash-log';
import type { Findings, StoredEvent, StoredEvidence, StoredOrganisation } from './crash-findings';

interface EntryFields {
  kind?: unknown;
  subject?: unknown;
  commitment?: unknown;
}

const describes = (
  fields: EntryFields | null | undefined,
  entry: { kind: string; subject: string; commitment: string | null },
) =>
  fields?.kind === entry.kind &&
  fields.subject === entry.subject &&
  (fields.commitment ?? null) === entry.commitment;

/**
 * One organisation's evidence after the crash: every entry there has exactly one `evidence.added` event
 * describing it, its check job if its kind is checked, and no removal; every added entry that is gone has
 * exactly one `evidence.removed` event; every acknowledged add has its event (and its entry, unless a removal
 * of it was sent), every acknowledged removal its event and no entry. The evidence level follows the entries.
 */
export function checkEvidence(
  findings: Findings,
  organisation: StoredOrganisation,
  entries: StoredEvidence[],
  events: StoredEvent[],
  checkJobs: Map<string, number>,
  writes: (EvidenceAdd | EvidenceRemove)[],
): void {
  const half = (what: string) => findings.half.push(`${organisation.slug}: ${what}`);
  const added = events.filter((event) => event.action === 'evidence.added');
  const removed = events.filter((event) => event.action === 'evidence.removed');
  const adds = writes.filter((write): write is EvidenceAdd => write.kind === 'evidence-add');
  const eventsFor = (list: StoredEvent[], id: string) => list.filter((event) => event.subject.id === id);

  for (const entry of entries) {
    const id = String(entry._id);
    const own = eventsFor(added, id);
    if (own.length !== 1 || !describes(own[0]?.after as EntryFields, entry))
      half(`evidence ${entry.subject} has ${own.length} matching audit events`);
    if (eventsFor(removed, id).length > 0) half(`evidence ${entry.subject} was removed, yet it is there`);
    if (entry.status !== 'pending-review') half(`evidence ${entry.subject} is ${entry.status}`);
    const sent = adds.find((add) => add.subject === entry.subject);
    if (!sent || !describes({ ...sent, kind: sent.evidenceKind }, entry))
      half(`evidence ${entry.subject} is not what was sent`);
  }
  for (const event of added) {
    const entry = entries.find((candidate) => String(candidate._id) === event.subject.id);
    const removals = eventsFor(removed, event.subject.id).length;
    if (!entry && removals !== 1)
      half(`an evidence.added event names an entry that is not there (${removals} removals)`);
    const kind = String((event.after as EntryFields | null)?.kind);
    const jobs = checkJobs.get(event.subject.id) ?? 0;
    if (jobs !== (isCheckableKind(kind) ? 1 : 0)) half(`added ${kind} evidence has ${jobs} check jobs`);
  }
  for (const event of removed)
    if (eventsFor(removed, event.subject.id).length !== 1) half(`an entry was removed twice`);

  for (const write of writes) {
    const whole =
      write.kind === 'evidence-add'
        ? added.filter((event) => (event.after as EntryFields | null)?.subject === write.subject).length ===
            1 &&
          (entries.some((entry) => entry.subject === write.subject) ||
            writes.some((other) => other.kind === 'evidence-remove' && other.subject === write.subject))
        : eventsFor(removed, write.evidenceId).length === 1 &&
          !entries.some((entry) => String(entry._id) === write.evidenceId);
    if (write.outcome !== 'acknowledged') {
      if (whole) findings.unacknowledgedWhole += 1;
      else findings.unacknowledgedAbsent += 1;
      continue;
    }
    findings.acknowledged += 1;
    if (whole) findings.found += 1;
    else
      findings.lost.push(
        `${organisation.slug}: the acknowledged ${write.kind} of ${write.subject} is not there`,
      );
  }
  const level = evidenceLevelOf(entries.map((entry) => entry.status as EvidenceStatus));
  if (organisation.evidenceLevel !== level)
    half(`the evidence level is ${organisation.evidenceLevel}, its entries make it ${level}`);
}
