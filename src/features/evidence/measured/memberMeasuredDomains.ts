import type { Types } from 'mongoose';
import type { Actor } from '../../../audit/actor';
import type { RecordChange } from '../../../audit/recordChange';
import { MeasuredEvidence } from '../../../models/measuredEvidence';
import { CHECK_NAMES } from '../checks/types';

export type AddMailDomainOutcome = 'added' | 'duplicate';
export type NotOursOutcome = 'marked' | 'not-found';

/**
 * What a member changes in the registry's measurements of its organisation: a mail domain to measure (when
 * the website's domain is not where its mail goes), or a measured domain marked "not ours". Callers have
 * authorised the actor for the organisation; each change is one audited event.
 */
export function createMemberMeasuredDomains(deps: { recordChange: RecordChange; claimMs: number }) {
  const { recordChange, claimMs } = deps;

  async function addMailDomain(actor: Actor, organisation: Types.ObjectId, domain: string): Promise<AddMailDomainOutcome> {
    return recordChange<AddMailDomainOutcome>(actor, 'evidence.measured-added', async (tx) => {
      const filter = { organisation, domain: { $eq: domain } };
      const existing = await MeasuredEvidence.find(filter, { check: 1, notOurs: 1 }).session(tx.session).lean();
      if (existing.some((entry) => entry.notOurs === null)) return { unchanged: true, result: 'duplicate' };
      const nextCheckAt = new Date(tx.now.getTime() + claimMs);
      // A domain marked "not ours" earlier is measured again: the member now says it is theirs.
      await MeasuredEvidence.updateMany(filter, { $set: { notOurs: null, origin: 'member', nextCheckAt } }, { session: tx.session });
      const missing = CHECK_NAMES.filter((check) => !existing.some((entry) => entry.check === check));
      const created = await MeasuredEvidence.insertMany(
        missing.map((check) => ({ organisation, domain, check, origin: 'member', nextCheckAt })),
        { session: tx.session },
      );
      for (const entry of [...existing, ...created]) tx.enqueue('evidence.measure', { measuredId: String(entry._id) });
      return {
        subject: { kind: 'measured-domain', id: domain },
        organisation,
        after: { domain, origin: 'member' },
        result: 'added',
      };
    });
  }

  async function markNotOurs(actor: Actor, organisation: Types.ObjectId, domain: string): Promise<NotOursOutcome> {
    return recordChange<NotOursOutcome>(actor, 'evidence.measured-not-ours', async (tx) => {
      const filter = { organisation, domain: { $eq: domain }, notOurs: null };
      const shown = await MeasuredEvidence.findOne(filter, { origin: 1 }).session(tx.session).lean();
      if (!shown) return { unchanged: true, result: 'not-found' };
      await MeasuredEvidence.updateMany(
        filter,
        { $set: { notOurs: { by: actor.label, at: tx.now }, nextCheckAt: null } },
        { session: tx.session },
      );
      return {
        subject: { kind: 'measured-domain', id: domain },
        organisation,
        before: { domain, origin: shown.origin },
        after: { domain, notOurs: true },
        result: 'marked',
      };
    });
  }

  return { addMailDomain, markNotOurs };
}
