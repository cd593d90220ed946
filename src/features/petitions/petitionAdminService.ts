import type { Types } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { Organisation } from '../../models/organisation';
import { Petition, type PetitionState } from '../../models/petition';
import { Signature } from '../../models/signature';
import type { PetitionDetails } from './petitionForm';

export class PetitionOwnerNotFoundError extends Error {
  override name = 'PetitionOwnerNotFoundError';
}
export class PetitionSlugTakenError extends Error {
  override name = 'PetitionSlugTakenError';
}

async function ownerOf(details: PetitionDetails) {
  if (details.ownerSlug === '') return { name: details.ownerName, organisation: null };
  const organisation = await Organisation.findOne({ slug: { $eq: details.ownerSlug } }, { _id: 1 }).lean();
  if (!organisation) throw new PetitionOwnerNotFoundError(details.ownerSlug);
  return { name: details.ownerName, organisation: organisation._id };
}

/** What an audit event keeps of a petition: its public fields. */
const publicFields = (petition: { slug: string; initiative?: string | null; owner: { name: string }; title: unknown; text: unknown; state?: string }) => ({
  slug: petition.slug,
  initiative: petition.initiative ?? null,
  owner: petition.owner.name,
  title: petition.title,
  text: petition.text,
  state: petition.state,
});

/** The signatures handed to the petition's owner: no e-mail address, ever. */
export interface ExportedSignature {
  name: string;
  organisation: string;
  country: string;
  showName: boolean;
  confirmedAt: Date;
}

/** The secretariat's side of petitions: create, edit, open and close, export for the owner. */
export function createPetitionAdminService(deps: { recordChange: RecordChange }) {
  const { recordChange } = deps;

  return {
    async create(actor: Actor, slug: string, details: PetitionDetails): Promise<void> {
      if (await Petition.exists({ slug: { $eq: slug } })) throw new PetitionSlugTakenError(slug);
      const owner = await ownerOf(details);
      await recordChange(actor, 'petition.created', async (tx) => {
        const [petition] = await Petition.create(
          [{ slug, initiative: details.initiative, owner, title: details.title, text: details.text, state: 'open', openedAt: tx.now }],
          { session: tx.session },
        );
        return { subject: { kind: 'petition', id: String(petition!._id) }, after: publicFields(petition!), result: undefined };
      });
    },

    async update(actor: Actor, id: Types.ObjectId, details: PetitionDetails): Promise<void> {
      const owner = await ownerOf(details);
      await recordChange(actor, 'petition.updated', async (tx) => {
        const before = await Petition.findById(id).session(tx.session).lean();
        if (!before) throw new Error('The petition no longer exists');
        const after = await Petition.findOneAndUpdate(
          { _id: id },
          { $set: { initiative: details.initiative, owner, title: details.title, text: details.text } },
          { session: tx.session, returnDocument: 'after', runValidators: true },
        ).lean();
        const [was, is] = [publicFields(before), publicFields(after!)];
        if (JSON.stringify(was) === JSON.stringify(is) && String(before.owner.organisation) === String(owner.organisation)) {
          return { unchanged: true, result: undefined };
        }
        return { subject: { kind: 'petition', id: String(id) }, before: was, after: is, result: undefined };
      });
    },

    async setState(actor: Actor, id: Types.ObjectId, state: PetitionState): Promise<void> {
      await recordChange(actor, state === 'open' ? 'petition.opened' : 'petition.closed', async (tx) => {
        const updated = await Petition.findOneAndUpdate(
          { _id: id, state: { $ne: state } },
          { $set: { state, closedAt: state === 'closed' ? tx.now : null } },
          { session: tx.session, returnDocument: 'after' },
        ).lean();
        if (!updated) return { unchanged: true, result: undefined };
        return { subject: { kind: 'petition', id: String(id) }, before: { state: state === 'open' ? 'closed' : 'open' }, after: { state }, result: undefined };
      });
    },

    /** The confirmed signatures, read inside the change that records who exported them and how many. */
    async exportSignatures(actor: Actor, id: Types.ObjectId): Promise<ExportedSignature[]> {
      return recordChange(actor, 'petition.signatures-exported', async (tx) => {
        const rows = await Signature.find(
          { petition: id, confirmedAt: { $ne: null } },
          { _id: 0, name: 1, organisation: 1, country: 1, showName: 1, confirmedAt: 1 },
        )
          .sort({ confirmedAt: 1 })
          .session(tx.session)
          .lean();
        const result = rows.map((row) => ({
          name: row.name,
          organisation: row.organisation ?? '',
          country: row.country,
          showName: row.showName,
          confirmedAt: row.confirmedAt!,
        }));
        return { subject: { kind: 'petition', id: String(id) }, after: { signatures: result.length }, result };
      });
    },
  };
}

export type PetitionAdminService = ReturnType<typeof createPetitionAdminService>;
