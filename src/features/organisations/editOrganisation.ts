import type { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { Organisation } from '../../models/organisation';
import { identityKeyOf, toSearchKey } from '../../models/searchKey';
import type { OrganisationFields } from './organisationForm';

/** `same-identity`: another organisation already has this name in this country. */
export type EditOutcome = 'saved' | 'unchanged' | 'same-identity' | 'gone';

const FIELDS = ['name', 'country', 'category', 'sector', 'website', 'domains', 'description'] as const;

function fieldsOf(stored: Record<string, unknown>): OrganisationFields {
  return Object.fromEntries(
    FIELDS.map((name) => [
      name,
      name === 'domains'
        ? [...((stored[name] as string[]) ?? [])]
        : (stored[name] ?? (name === 'description' ? '' : null)),
    ]),
  ) as unknown as OrganisationFields;
}

/**
 * Saves the secretariat's edit in one audited change: the name's search and identity keys follow it, the
 * slug stays (public addresses do not move). Only the fields that changed appear in the audit event.
 */
export async function editOrganisation(
  recordChange: RecordChange,
  actor: Actor,
  organisationId: Types.ObjectId,
  fields: OrganisationFields,
): Promise<EditOutcome> {
  return recordChange<EditOutcome>(actor, 'organisation.updated', async (tx) => {
    const stored = await Organisation.findById(
      organisationId,
      Object.fromEntries(FIELDS.map((name) => [name, 1])),
    )
      .session(tx.session)
      .lean();
    if (!stored) return { unchanged: true, result: 'gone' };
    const current = fieldsOf(stored as Record<string, unknown>);
    const changed = FIELDS.filter((name) => JSON.stringify(current[name]) !== JSON.stringify(fields[name]));
    if (changed.length === 0) return { unchanged: true, result: 'unchanged' };
    const identityKey = identityKeyOf(fields.name, fields.country);
    const taken = await Organisation.exists({
      identityKey: { $eq: identityKey },
      _id: { $ne: organisationId },
    }).session(tx.session);
    if (taken) return { unchanged: true, result: 'same-identity' };
    await Organisation.updateOne(
      { _id: organisationId },
      { $set: { ...fields, searchKey: toSearchKey(fields.name), identityKey } },
      { session: tx.session, runValidators: true },
    );
    return {
      subject: { kind: 'organisation', id: String(organisationId) },
      organisation: organisationId,
      before: Object.fromEntries(changed.map((name) => [name, current[name]])),
      after: Object.fromEntries(changed.map((name) => [name, fields[name]])),
      result: 'saved',
    };
  });
}
