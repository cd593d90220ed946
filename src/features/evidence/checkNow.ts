import { Types, type ClientSession } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { AuditEvent } from '../../models/auditEvent';
import { Evidence } from '../../models/evidence';
import type { EvidenceSettings } from './evidenceSettings';
import { isCheckableKind, queueCheckInChange } from './queueCheck';

const HOUR_MS = 3_600_000;

export type CheckNowOutcome =
  | { outcome: 'queued' }
  | { outcome: 'not-found' | 'not-checkable' }
  /** Refused by the rate limit of the entry or of the user, until `retryAt`. */
  | { outcome: 'limited'; limit: 'entry' | 'user'; retryAt: Date };

/** Since when, and how often, this user asked for checks in the last hour (audit events are the counter). */
async function recentRequests(actor: Actor, now: Date, session: ClientSession) {
  if (!actor.userId || !Types.ObjectId.isValid(actor.userId)) return [];
  return AuditEvent.find(
    {
      action: 'evidence.check-requested',
      'actor.userId': new Types.ObjectId(actor.userId),
      at: { $gt: new Date(now.getTime() - HOUR_MS) },
    },
    { at: 1 },
  )
    .sort({ at: 1 })
    .session(session)
    .lean();
}

/**
 * A member's "Check now": one audited request that queues a check job in the same transaction, refused
 * while the entry was asked for within the cooldown or the user has used up the hour's requests.
 */
export function createCheckNow(deps: { recordChange: RecordChange; settings: EvidenceSettings }) {
  const { recordChange, settings } = deps;
  return async function requestCheck(
    actor: Actor,
    organisationId: Types.ObjectId,
    evidenceId: string,
  ): Promise<CheckNowOutcome> {
    if (!Types.ObjectId.isValid(evidenceId)) return { outcome: 'not-found' };
    return recordChange<CheckNowOutcome>(actor, 'evidence.check-requested', async (tx) => {
      const filter = { _id: new Types.ObjectId(evidenceId), organisation: organisationId };
      const entry = await Evidence.findOne(filter, { kind: 1, subject: 1, checkRequestedAt: 1 })
        .session(tx.session)
        .lean();
      if (!entry) return { unchanged: true, result: { outcome: 'not-found' } };
      if (!isCheckableKind(entry.kind)) return { unchanged: true, result: { outcome: 'not-checkable' } };
      const { entryCooldownMs, perUserPerHour } = settings.checkNow;
      const requestedAt = entry.checkRequestedAt?.getTime() ?? null;
      if (requestedAt !== null && tx.now.getTime() - requestedAt < entryCooldownMs) {
        const retryAt = new Date(requestedAt + entryCooldownMs);
        return { unchanged: true, result: { outcome: 'limited', limit: 'entry', retryAt } };
      }
      const recent = await recentRequests(actor, tx.now, tx.session);
      const oldest = recent[0];
      if (recent.length >= perUserPerHour && oldest) {
        const retryAt = new Date(oldest.at.getTime() + HOUR_MS);
        return { unchanged: true, result: { outcome: 'limited', limit: 'user', retryAt } };
      }
      await queueCheckInChange(tx, entry._id, settings.claimMs, { checkRequestedAt: tx.now });
      return {
        subject: { kind: 'evidence', id: evidenceId },
        organisation: organisationId,
        after: { kind: entry.kind, subject: entry.subject },
        result: { outcome: 'queued' },
      };
    });
  };
}
