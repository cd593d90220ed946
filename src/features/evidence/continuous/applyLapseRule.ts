import type { Types } from 'mongoose';
import type { Actor } from '../../../audit/actor';
import type { RecordChange } from '../../../audit/recordChange';
import { Evidence } from '../../../models/evidence';
import { Organisation } from '../../../models/organisation';
import { isCheckableKind } from '../queueCheck';
import type { EvidenceSettings } from '../evidenceSettings';
import { EVIDENCE_LAPSE_REASON, lapseDecision } from './lapseRule';

/** Lapses or restores one organisation by the lapse rule, as an audited status change; null when unchanged. */
export async function applyLapseRule(
  recordChange: RecordChange,
  actor: Actor,
  organisationId: Types.ObjectId | string,
  settings: Pick<EvidenceSettings, 'staleAfterMs' | 'lapseAfterMs'>,
): Promise<'lapse' | 'restore' | null> {
  return recordChange(actor, 'organisation.status-changed', async (tx) => {
    const organisation = await Organisation.findById(organisationId, { status: 1, commitments: 1 })
      .session(tx.session)
      .lean();
    if (!organisation) return { unchanged: true, result: null };
    const evidence = await Evidence.find(
      { organisation: organisationId },
      { commitment: 1, kind: 1, status: 1, failingSince: 1 },
    )
      .session(tx.session)
      .lean();
    const decision = lapseDecision({
      state: organisation.status.state,
      reason: organisation.status.reason ?? null,
      commitments: organisation.commitments,
      evidence: evidence.map((item) => ({
        commitment: item.commitment ?? null,
        // Only evidence the registry checks goes stale; a rejected document stays failing, whatever its age.
        status: item.status === 'stale' && !isCheckableKind(item.kind) ? 'failing' : item.status,
        staleSince:
          item.status === 'stale' && isCheckableKind(item.kind) && item.failingSince
            ? new Date(item.failingSince.getTime() + settings.staleAfterMs)
            : null,
      })),
      now: tx.now,
      lapseAfterMs: settings.lapseAfterMs,
    });
    if (decision === 'keep') return { unchanged: true, result: null };
    const status =
      decision === 'lapse'
        ? { state: 'lapsed', reason: EVIDENCE_LAPSE_REASON, since: tx.now }
        : { state: 'active', reason: '', since: tx.now };
    await Organisation.updateOne(
      { _id: organisationId },
      { $set: { status } },
      { session: tx.session, runValidators: true },
    );
    return {
      subject: { kind: 'organisation', id: String(organisationId) },
      organisation: organisationId,
      before: organisation.status,
      after: status,
      result: decision,
    };
  });
}
