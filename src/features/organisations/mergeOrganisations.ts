import type { ClientSession, Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { Application } from '../../models/application';
import { AuditEvent } from '../../models/auditEvent';
import { Evidence } from '../../models/evidence';
import { MeasuredEvidence } from '../../models/measuredEvidence';
import { Organisation } from '../../models/organisation';
import { Petition } from '../../models/petition';
import { Pledge } from '../../models/pledge';
import { Relationship } from '../../models/relationship';
import { User } from '../../models/user';
import { syncOrganisationDerivedFields } from '../../registry/derivedFields';
import { mergeMemberships, mergePledges } from './mergeParts';

export type MergeOutcome = 'merged' | 'same' | 'gone';

/** What moves, counted for the confirmation page. */
export async function mergePreview(removed: Types.ObjectId) {
  const [pledges, evidence, users, applications, events] = await Promise.all([
    Pledge.countDocuments({ organisation: removed }),
    Evidence.countDocuments({ organisation: removed }),
    User.countDocuments({ organisation: removed }),
    Application.countDocuments({ organisation: removed }),
    AuditEvent.countDocuments({ organisation: removed }),
  ]);
  return { pledges, evidence, users, applications, events };
}

/** Evidence of the removed organisation moves, except an entry the kept one already has (same kind and subject). */
async function moveEvidence(session: ClientSession, kept: Types.ObjectId, removed: Types.ObjectId) {
  const keptEntries = await Evidence.find({ organisation: kept }, { kind: 1, subject: 1 })
    .session(session)
    .lean();
  const held = new Set(keptEntries.map((entry) => `${entry.kind}|${entry.subject}`));
  const entries = await Evidence.find({ organisation: removed }, { kind: 1, subject: 1 })
    .session(session)
    .lean();
  const duplicates = entries
    .filter((entry) => held.has(`${entry.kind}|${entry.subject}`))
    .map((entry) => entry._id);
  await Evidence.deleteMany({ _id: { $in: duplicates } }, { session });
  // The registry's own measurements are not evidence to keep: the kept organisation's website is measured by the sweep.
  await MeasuredEvidence.deleteMany({ organisation: removed }, { session });
  const moved = await Evidence.updateMany(
    { organisation: removed },
    { $set: { organisation: kept } },
    { session },
  );
  return { moved: moved.modifiedCount, droppedAsDuplicates: duplicates.length };
}

/**
 * Merges a duplicate into the organisation kept, in one audited change: memberships, pledge versions,
 * evidence, users, applications, petitions and relationships move to it; its empty fields take the duplicate's values;
 * the duplicate's slug becomes one of its former slugs (the old address redirects) and its id one of its
 * merged ids, through which the duplicate's past audit events (append-only, never rewritten) resolve to
 * it; the duplicate is deleted.
 */
export async function mergeOrganisations(
  recordChange: RecordChange,
  actor: Actor,
  keptId: Types.ObjectId,
  removedId: Types.ObjectId,
): Promise<MergeOutcome> {
  if (keptId.equals(removedId)) return 'same';
  return recordChange<MergeOutcome>(actor, 'organisation.merged', async (tx) => {
    const { session } = tx;
    // One at a time: operations of one transaction must not run concurrently.
    const kept = await Organisation.findById(keptId).session(session).lean();
    const removed = await Organisation.findById(removedId).session(session).lean();
    if (!kept || !removed) return { unchanged: true, result: 'gone' };
    const pledges = await mergePledges(session, keptId, removedId);
    const evidence = await moveEvidence(session, keptId, removedId);
    const users = await User.updateMany(
      { organisation: removedId },
      { $set: { organisation: keptId } },
      { session },
    );
    await Application.updateMany(
      { organisation: removedId },
      { $set: { organisation: keptId } },
      { session },
    );
    await Petition.updateMany({ organisation: removedId }, { $set: { organisation: keptId } }, { session });
    for (const side of ['from', 'to'] as const) {
      await Relationship.updateMany(
        { [`${side}.organisation`]: removedId },
        { $set: { [`${side}.organisation`]: keptId, [`${side}.name`]: kept.name } },
        { session },
      );
    }
    const events = await AuditEvent.countDocuments({ organisation: removedId }).session(session);
    await Organisation.deleteOne({ _id: removedId }, { session });
    const filled = {
      category: kept.category ?? removed.category ?? null,
      sector: kept.sector ?? removed.sector ?? null,
      website: kept.website ?? removed.website ?? null,
      description: kept.description || removed.description || '',
    };
    await Organisation.updateOne(
      { _id: keptId },
      {
        $set: {
          ...filled,
          memberships: mergeMemberships(kept.memberships, removed.memberships),
          domains: [...new Set([...kept.domains, ...removed.domains])],
          formerSlugs: [
            ...new Set([...(kept.formerSlugs ?? []), removed.slug, ...(removed.formerSlugs ?? [])]),
          ],
          mergedIds: [...(kept.mergedIds ?? []), removedId, ...(removed.mergedIds ?? [])],
        },
      },
      { session, runValidators: true },
    );
    await syncOrganisationDerivedFields(tx, keptId);
    return {
      subject: { kind: 'organisation', id: String(keptId) },
      organisation: keptId,
      before: {
        kept: { slug: kept.slug, name: kept.name },
        removed: {
          id: String(removedId),
          slug: removed.slug,
          name: removed.name,
          country: removed.country ?? null,
        },
      },
      after: {
        slug: kept.slug,
        moved: { pledges, evidence, users: users.modifiedCount },
        auditEventsResolvedHere: events,
      },
      result: 'merged',
    };
  });
}
