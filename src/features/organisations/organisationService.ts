import { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { Organisation } from '../../models/organisation';
import { escapeRegExp, toSearchKey } from '../../models/searchKey';
import type { OrganisationState } from '../../reference/statuses';
import { editOrganisation } from './editOrganisation';
import { mergeOrganisations, mergePreview } from './mergeOrganisations';
import type { OrganisationFields } from './organisationForm';

export interface StatusChange {
  state: OrganisationState;
  /** Shown on the public profile next to the status and its date. */
  reason: string;
}

/** The secretariat's view of organisations: search, and public status changes through the audited path. */
export function createOrganisationService(deps: { recordChange: RecordChange }) {
  return {
    /** Name search on the accent-folded key, prefix-anchored so it stays on the index; raw input never reaches the query. */
    async search(query: string, limit = 50) {
      const key = toSearchKey(query);
      const filter = key ? { searchKey: { $regex: `^${escapeRegExp(key)}` } } : {};
      return Organisation.find(filter, { slug: 1, name: 1, country: 1, status: 1 }).sort({ searchKey: 1 }).limit(limit).lean();
    },

    findBySlug: (slug: string) => Organisation.findBySlug(slug).lean(),

    /** Merges a duplicate into the organisation kept (everything moves; the duplicate's address redirects). */
    merge: (actor: Actor, keptId: Types.ObjectId, duplicateId: Types.ObjectId) =>
      mergeOrganisations(deps.recordChange, actor, keptId, duplicateId),

    mergePreview,

    /** The secretariat's edit of any organisation's public fields. */
    edit: (actor: Actor, organisationId: Types.ObjectId, fields: OrganisationFields) =>
      editOrganisation(deps.recordChange, actor, organisationId, fields),

    /** Sets the public status with today's date; only active organisations are listed in the directory. */
    async changeStatus(actor: Actor, organisationId: Types.ObjectId | string, change: StatusChange): Promise<boolean> {
      return deps.recordChange(actor, 'organisation.status-changed', async (tx) => {
        const before = await Organisation.findById(organisationId, { status: 1 }).session(tx.session).lean();
        if (!before) return { unchanged: true, result: false };
        const status = { state: change.state, reason: change.reason, since: tx.now };
        await Organisation.updateOne({ _id: before._id }, { $set: { status } }, { session: tx.session, runValidators: true });
        return {
          subject: { kind: 'organisation', id: String(before._id) },
          organisation: before._id,
          before: { state: before.status.state, reason: before.status.reason },
          after: { state: change.state, reason: change.reason },
          result: true,
        };
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
