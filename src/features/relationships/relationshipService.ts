import { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { Organisation } from '../../models/organisation';
import { Relationship, relationshipsInvolving, sidesOf } from '../../models/relationship';
import type { RelationshipKind } from '../../reference/relationships';

/** A side as the secretariat names it: an organisation of the registry by slug, or one outside it by name. */
export type PartyInput = { slug: string } | { name: string; url: string | null };

export interface RelationshipInput {
  from: PartyInput;
  kind: RelationshipKind;
  to: PartyInput;
  since: Date | null;
  until: Date | null;
  sourceUrl: string;
}

export type PartySide = 'from' | 'to';

/** A side names a slug no organisation has, or neither side is in the registry, or both are the same one. */
export class RelationshipPartyError extends Error {
  constructor(
    readonly side: PartySide,
    readonly reason: 'unknown' | 'noneInRegistry' | 'same',
  ) {
    super(`relationship ${side}: ${reason}`);
  }
}

async function resolveParty(side: PartySide, party: PartyInput) {
  if (!('slug' in party)) return { organisation: null, name: party.name, url: party.url };
  const organisation = await Organisation.findBySlug(party.slug).select('name website').lean();
  if (!organisation) throw new RelationshipPartyError(side, 'unknown');
  return { organisation: organisation._id, name: organisation.name, url: organisation.website ?? null };
}

async function resolve(input: RelationshipInput) {
  const from = await resolveParty('from', input.from);
  const to = await resolveParty('to', input.to);
  if (!from.organisation && !to.organisation) throw new RelationshipPartyError('from', 'noneInRegistry');
  if (from.organisation && to.organisation && from.organisation.equals(to.organisation))
    throw new RelationshipPartyError('to', 'same');
  return { from, kind: input.kind, to, since: input.since, until: input.until, sourceUrl: input.sourceUrl };
}

const validId = (id: string) => Types.ObjectId.isValid(id) && String(new Types.ObjectId(id)) === id;
const subjectOf = (id: unknown) => ({ kind: 'relationship', id: String(id) });

/** The secretariat's relationships between organisations, every change through the audited path. */
export function createRelationshipService(deps: { recordChange: RecordChange }) {
  return {
    list: () => Relationship.find().sort({ 'from.name': 1, kind: 1, 'to.name': 1 }).lean(),

    find: (id: string) => (validId(id) ? Relationship.findById(id).lean() : Promise.resolve(null)),

    involving: (organisation: Types.ObjectId) => relationshipsInvolving(organisation).sort({ since: 1 }).lean(),

    async create(actor: Actor, input: RelationshipInput): Promise<string> {
      const fields = await resolve(input);
      return deps.recordChange(actor, 'relationship.created', async (tx) => {
        const [created] = await Relationship.create([fields], { session: tx.session });
        if (!created) throw new Error('The relationship was not created');
        const organisation = fields.from.organisation ?? fields.to.organisation;
        return { subject: subjectOf(created._id), organisation, after: fields, result: String(created._id) };
      });
    },

    /** False when no relationship has this id. */
    async update(actor: Actor, id: string, input: RelationshipInput): Promise<boolean> {
      if (!validId(id)) return false;
      const fields = await resolve(input);
      return deps.recordChange(actor, 'relationship.updated', async (tx) => {
        const before = await Relationship.findById(id).session(tx.session).lean();
        if (!before) return { unchanged: true, result: false };
        await Relationship.updateOne({ _id: before._id }, { $set: fields }, { session: tx.session, runValidators: true });
        const organisation = fields.from.organisation ?? fields.to.organisation;
        return { subject: subjectOf(before._id), organisation, before, after: fields, result: true };
      });
    },

    async remove(actor: Actor, id: string): Promise<boolean> {
      if (!validId(id)) return false;
      return deps.recordChange(actor, 'relationship.removed', async (tx) => {
        const before = await Relationship.findById(id).session(tx.session).lean();
        if (!before) return { unchanged: true, result: false };
        await Relationship.deleteOne({ _id: before._id }, { session: tx.session });
        const organisation = sidesOf(before).from.organisation ?? sidesOf(before).to.organisation;
        return { subject: subjectOf(before._id), organisation, before, result: true };
      });
    },
  };
}

export type RelationshipService = ReturnType<typeof createRelationshipService>;
