import type { Types } from 'mongoose';
import type { ChangeTransaction } from '../../audit/recordChange';
import { Evidence } from '../../models/evidence';
import { CHECK_NAMES } from './checks/types';

export const isCheckableKind = (kind: string): boolean => (CHECK_NAMES as readonly string[]).includes(kind);

/**
 * Inside a change: queues a check of one entry (the job exists only if the change commits) and moves its
 * next sweep a claim period ahead, so the sweep does not check it a second time meanwhile.
 */
export async function queueCheckInChange(
  tx: ChangeTransaction,
  evidenceId: Types.ObjectId | string,
  claimMs: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await Evidence.updateOne(
    { _id: evidenceId },
    { $set: { nextCheckAt: new Date(tx.now.getTime() + claimMs), ...extra } },
    { session: tx.session },
  );
  tx.enqueue('evidence.check', { evidenceId: String(evidenceId) });
}
