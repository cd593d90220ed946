import type { TFunction } from 'i18next';
import type { Types } from 'mongoose';
import { AuditEvent } from '../../models/auditEvent';
import type { Language } from '../../middleware/i18n';
import { EVIDENCE_LAPSE_REASON } from '../evidence/continuous/lapseRule';
import { codeLabel, formatDate } from './labels';

const MAX_SHOWN = 50;

export interface StatusChangeRecord {
  at: Date;
  state: string;
  reason: string;
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Every public status change of an organisation, newest first, from its audit events (the one record of them). */
export async function loadStatusHistory(organisation: Types.ObjectId): Promise<StatusChangeRecord[]> {
  const events = await AuditEvent.find(
    { organisation, action: 'organisation.status-changed' },
    { at: 1, after: 1 },
  )
    .sort({ at: -1 })
    .limit(MAX_SHOWN)
    .lean();
  return events.map((event) => {
    const after = (event.after ?? {}) as Record<string, unknown>;
    return { at: event.at, state: textOf(after['state']), reason: textOf(after['reason']) };
  });
}

/** The reason as the public reads it: the automatic lapse's code becomes a sentence. */
export function publicReason(reason: string, t: TFunction): string {
  return reason === EVIDENCE_LAPSE_REASON ? t('directory:profile.evidenceLapseReason') : reason;
}

export function statusHistoryView(history: StatusChangeRecord[], lang: Language, t: TFunction) {
  return history.map((change) => ({
    date: formatDate(change.at, lang),
    state: codeLabel('organisationStatus', change.state, t),
    reason: publicReason(change.reason, t),
  }));
}
