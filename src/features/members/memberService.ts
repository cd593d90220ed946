import { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { Evidence } from '../../models/evidence';
import { Organisation } from '../../models/organisation';
import type { EvidenceKind } from '../../reference/evidenceLevels';
import type { Sector } from '../../reference/sectors';
import { syncOrganisationDerivedFields } from '../../registry/derivedFields';
import { isCheckableKind, queueCheckInChange } from '../evidence/queueCheck';

export interface PublicFields {
  description: string;
  website: string | null;
  domains: string[];
  sector: Sector | null;
}

export interface NewEvidence {
  kind: EvidenceKind;
  subject: string;
  /** A commitment key such as `tech-accord:stronger-defence`, or null. */
  commitment: string | null;
}

const sameFields = (a: PublicFields, b: PublicFields) =>
  a.description === b.description && a.website === b.website && a.sector === b.sector && a.domains.join(' ') === b.domains.join(' ');

/**
 * What a member changes on its own organisation: the public fields and the evidence entries. Callers have
 * already authorised the actor for the organisation; every change is one audited event.
 */
export function createMemberService(deps: { recordChange: RecordChange; evidenceClaimMs: number }) {
  const { recordChange, evidenceClaimMs } = deps;
  return {
    /** False when nothing changed (no audit event). */
    async updatePublicFields(actor: Actor, organisationId: Types.ObjectId, fields: PublicFields): Promise<boolean> {
      return recordChange<boolean>(actor, 'organisation.updated', async (tx) => {
        const stored = await Organisation.findById(organisationId, { description: 1, website: 1, domains: 1, sector: 1 }).session(tx.session).lean();
        if (!stored) throw new Error('The organisation no longer exists');
        const before: PublicFields = {
          description: stored.description,
          website: stored.website ?? null,
          domains: stored.domains,
          sector: stored.sector ?? null,
        };
        if (sameFields(before, fields)) return { unchanged: true, result: false };
        await Organisation.updateOne({ _id: organisationId }, { $set: fields }, { session: tx.session, runValidators: true });
        return { subject: { kind: 'organisation', id: String(organisationId) }, organisation: organisationId, before, after: fields, result: true };
      });
    },

    /** 'duplicate' when the organisation already has this kind of evidence for this subject. */
    async addEvidence(actor: Actor, organisationId: Types.ObjectId, entry: NewEvidence): Promise<'added' | 'duplicate'> {
      return recordChange<'added' | 'duplicate'>(actor, 'evidence.added', async (tx) => {
        const filter = { organisation: organisationId, kind: { $eq: entry.kind }, subject: { $eq: entry.subject } };
        if (await Evidence.exists(filter).session(tx.session)) return { unchanged: true, result: 'duplicate' };
        const [created] = await Evidence.create([{ organisation: organisationId, ...entry, status: 'pending-review' }], { session: tx.session });
        if (!created) throw new Error('The evidence entry was not created');
        // Checked as soon as the change commits, instead of waiting for the next sweep.
        if (isCheckableKind(entry.kind)) await queueCheckInChange(tx, created._id, evidenceClaimMs);
        await syncOrganisationDerivedFields(tx, organisationId);
        return { subject: { kind: 'evidence', id: String(created._id) }, organisation: organisationId, after: entry, result: 'added' };
      });
    },

    /** False when the organisation has no such entry (already removed, or another organisation's). */
    async removeEvidence(actor: Actor, organisationId: Types.ObjectId, evidenceId: string): Promise<boolean> {
      if (!Types.ObjectId.isValid(evidenceId)) return false;
      return recordChange<boolean>(actor, 'evidence.removed', async (tx) => {
        const filter = { _id: new Types.ObjectId(evidenceId), organisation: organisationId };
        const existing = await Evidence.findOne(filter, { kind: 1, subject: 1, commitment: 1, status: 1 }).session(tx.session).lean();
        if (!existing) return { unchanged: true, result: false };
        await Evidence.deleteOne(filter, { session: tx.session });
        await syncOrganisationDerivedFields(tx, organisationId);
        const before = { kind: existing.kind, subject: existing.subject, commitment: existing.commitment, status: existing.status };
        return { subject: { kind: 'evidence', id: evidenceId }, organisation: organisationId, before, result: true };
      });
    },
  };
}

export type MemberService = ReturnType<typeof createMemberService>;
