import { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { Evidence } from '../../models/evidence';
import { syncOrganisationDerivedFields } from '../../registry/derivedFields';
import { recordInHistory, type HistoryEntry } from './continuous/history';
import { isCheckableKind } from './queueCheck';

export type ReviewDecision = 'accepted' | 'rejected';
export type ReviewOutcome = 'reviewed' | 'unchanged' | 'not-found' | 'not-manual';

const LIST_LIMIT = 200;

/** Manual evidence (a document, a policy or report address) is decided by the secretariat: accepted is verified, rejected failing. */
export function createEvidenceReview(deps: { recordChange: RecordChange }) {
  const { recordChange } = deps;

  /** What the secretariat's evidence page lists: manual entries waiting for a decision, and entries failing or stale. */
  async function queue() {
    const populate = { path: 'organisation', select: 'name slug' };
    const [pending, failing] = await Promise.all([
      Evidence.find({ status: 'pending-review', kind: { $in: ['vdp-url', 'report-url', 'document'] }, demo: { $ne: true } })
        .sort({ createdAt: 1 })
        .limit(LIST_LIMIT)
        .populate<{ organisation: { _id: Types.ObjectId; name: string; slug: string } | null }>(populate)
        .lean(),
      Evidence.find({ status: { $in: ['failing', 'stale'] }, demo: { $ne: true } })
        .sort({ failingSince: 1 })
        .limit(LIST_LIMIT)
        .populate<{ organisation: { _id: Types.ObjectId; name: string; slug: string } | null }>(populate)
        .lean(),
    ]);
    return { pending, failing };
  }

  async function review(actor: Actor, evidenceId: string, decision: ReviewDecision, note: string): Promise<ReviewOutcome> {
    if (!Types.ObjectId.isValid(evidenceId)) return 'not-found';
    return recordChange<ReviewOutcome>(actor, 'evidence.reviewed', async (tx) => {
      const entry = await Evidence.findById(evidenceId).session(tx.session).lean();
      if (!entry) return { unchanged: true, result: 'not-found' };
      if (isCheckableKind(entry.kind)) return { unchanged: true, result: 'not-manual' };
      if (entry.review?.decision === decision && entry.review.note === note) return { unchanged: true, result: 'unchanged' };
      const status = decision === 'accepted' ? 'verified' : 'failing';
      const { history } = recordInHistory(
        entry.history as unknown as HistoryEntry[],
        { level: decision, findings: [], status },
        tx.now,
      );
      await Evidence.updateOne(
        { _id: entry._id },
        {
          $set: {
            status,
            review: { decision, note, by: actor.label, at: tx.now },
            failingSince: status === 'failing' ? (entry.failingSince ?? tx.now) : null,
            checkedAt: tx.now,
            history,
          },
        },
        { session: tx.session, runValidators: true },
      );
      await syncOrganisationDerivedFields(tx, entry.organisation);
      return {
        subject: { kind: 'evidence', id: evidenceId },
        organisation: entry.organisation,
        before: { status: entry.status, review: entry.review?.decision ?? null },
        after: { status, review: decision, note },
        result: 'reviewed',
      };
    });
  }

  return { queue, review };
}

export type EvidenceReview = ReturnType<typeof createEvidenceReview>;
