import type { PledgeSave } from './crash-log';
import {
  sameSet,
  type Findings,
  type StoredEvent,
  type StoredOrganisation,
  type StoredPledge,
} from './crash-findings';

interface PledgeState {
  version?: unknown;
  commitments?: unknown;
  statement?: unknown;
  initiative?: unknown;
}

const sameState = (state: PledgeState | null, pledge: StoredPledge | undefined): boolean =>
  state === null || pledge === undefined
    ? state === null && pledge === undefined
    : state.version === pledge.version &&
      Array.isArray(state.commitments) &&
      sameSet(state.commitments as string[], pledge.commitments) &&
      state.statement === pledge.statement;

/**
 * One organisation's pledge versions after the crash: numbered 1…n without a gap, each with exactly one
 * `pledge.updated` event describing it (and the version before it), each event with its version, every
 * version one that was sent, every acknowledged save there with its commitments, and a member's
 * acknowledged saves in the order it made them. The organisation's directory commitments follow the last.
 */
export function checkPledges(
  findings: Findings,
  organisation: StoredOrganisation,
  pledges: StoredPledge[],
  events: StoredEvent[],
  saves: PledgeSave[],
  emailOf: (member: number) => string,
): void {
  const { slug } = organisation;
  const half = (what: string) => findings.half.push(`${slug}: ${what}`);
  pledges.sort((a, b) => a.version - b.version);
  const versions = pledges.map((pledge) => pledge.version);
  if (versions.some((version, index) => version !== index + 1))
    half(`pledge versions ${versions.join(',')} are not 1…${versions.length}`);
  const updates = events.filter((event) => event.action === 'pledge.updated');

  for (const [index, pledge] of pledges.entries()) {
    const own = updates.filter((event) => event.subject.id === String(pledge._id));
    if (own.length !== 1) half(`pledge version ${pledge.version} has ${own.length} audit events`);
    const event = own[0];
    const after = event?.after as PledgeState | undefined;
    if (event && (!sameState(after ?? null, pledge) || after?.initiative !== pledge.initiative))
      half(`the audit event of pledge version ${pledge.version} describes another pledge`);
    if (event && !sameState((event.before as PledgeState | null) ?? null, pledges[index - 1]))
      half(`the audit event of pledge version ${pledge.version} names the wrong version before it`);
    const sent = saves.find((save) => save.statement === pledge.statement);
    if (!sent) half(`pledge version ${pledge.version} was never sent`);
    else if (!sameSet(sent.commitments, pledge.commitments))
      half(`pledge version ${pledge.version} has other commitments than were sent`);
    else if (
      event &&
      (event.actor.label !== emailOf(sent.member) || pledge.changedBy !== emailOf(sent.member))
    )
      half(`pledge version ${pledge.version} is not attributed to the member who saved it`);
  }
  for (const event of updates)
    if (!pledges.some((pledge) => String(pledge._id) === event.subject.id))
      half(`a pledge.updated event names a pledge that is not there`);

  const current = pledges.at(-1);
  const expectedCommitments = (current?.commitments ?? []).map((code) => `${current?.initiative}:${code}`);
  if (!sameSet(organisation.commitments, expectedCommitments))
    half(`the directory commitments do not follow the current pledge`);

  const lastVersionBy = new Map<number, number>();
  for (const save of saves) {
    const stored = pledges.find((pledge) => pledge.statement === save.statement);
    if (save.outcome !== 'acknowledged') {
      if (stored) findings.unacknowledgedWhole += 1;
      else findings.unacknowledgedAbsent += 1;
      continue;
    }
    findings.acknowledged += 1;
    if (!stored) {
      findings.lost.push(
        `${slug}: the acknowledged pledge save "${save.statement.split('. ')[0]}" is not there`,
      );
      continue;
    }
    findings.found += 1;
    if (stored.version <= (lastVersionBy.get(save.member) ?? 0))
      half(`member ${save.member}'s saves are out of order`);
    lastVersionBy.set(save.member, stored.version);
  }
}
