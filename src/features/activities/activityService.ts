import { Types, type ClientSession } from 'mongoose';
import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { Activity } from '../../models/activity';
import { Organisation } from '../../models/organisation';
import { toSlug } from '../../models/searchKey';
import type { ActivityKind } from '../../reference/activities';
import type { InitiativeSlug } from '../../reference/initiatives';

export type PartnerInput = { slug: string } | { name: string; url: string | null };

export interface ActivityInput {
  initiative: InitiativeSlug;
  kind: ActivityKind;
  title: { en: string; fr: string };
  text: { en: string; fr: string };
  date: Date | null;
  allDay: boolean;
  timeZone: string | null;
  durationMinutes: number | null;
  link: string | null;
  recordingUrl: string | null;
  /** Slugs of the co-signing organisations (statements). */
  coSigners: string[];
  partners: PartnerInput[];
}

/** A co-signer or partner slug that no organisation has. */
export class UnknownOrganisationError extends Error {
  constructor(
    readonly field: 'coSigners' | 'partners',
    readonly slug: string,
  ) {
    super(`${field}: no organisation ${slug}`);
  }
}

async function organisationsBySlug(field: 'coSigners' | 'partners', slugs: string[]) {
  const found = await Organisation.find({ slug: { $in: slugs } }, { slug: 1, name: 1, website: 1 }).lean();
  const missing = slugs.find((slug) => !found.some((organisation) => organisation.slug === slug));
  if (missing) throw new UnknownOrganisationError(field, missing);
  return new Map(found.map((organisation) => [organisation.slug, organisation]));
}

async function resolve(input: ActivityInput) {
  const coSigners = await organisationsBySlug('coSigners', input.coSigners);
  const partnerSlugs = input.partners.flatMap((partner) => ('slug' in partner ? [partner.slug] : []));
  const partnersInRegistry = await organisationsBySlug('partners', partnerSlugs);
  const partners = input.partners.map((partner) => {
    if (!('slug' in partner)) return { organisation: null, name: partner.name, url: partner.url };
    const organisation = partnersInRegistry.get(partner.slug);
    return { organisation: organisation?._id ?? null, name: organisation?.name ?? partner.slug, url: null };
  });
  const { coSigners: _slugs, partners: _partners, ...rest } = input;
  return { ...rest, coSigners: input.coSigners.flatMap((slug) => coSigners.get(slug)?._id ?? []), partners };
}

/** A slug from the English title, unique within the initiative. */
async function freeSlug(initiative: InitiativeSlug, title: string, session: ClientSession) {
  const base = toSlug(title, 'activity').slice(0, 90);
  for (let n = 1; ; n += 1) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await Activity.exists({ initiative: { $eq: initiative }, slug }).session(session))) return slug;
  }
}

const validId = (id: string) => Types.ObjectId.isValid(id) && String(new Types.ObjectId(id)) === id;

/** An initiative's activities: the public reads and the secretariat's audited writes. */
export function createActivityService(deps: { recordChange: RecordChange }) {
  return {
    listFor: (initiative: InitiativeSlug) => Activity.find({ initiative: { $eq: initiative } }).lean(),
    listAll: () => Activity.find().sort({ publishedAt: -1 }).lean(),
    find: (initiative: InitiativeSlug, slug: string) =>
      Activity.findOne({ initiative: { $eq: initiative }, slug: { $eq: slug } }).lean(),
    findById: (id: string) => (validId(id) ? Activity.findById(id).lean() : Promise.resolve(null)),

    /** Returns the new activity's slug. */
    async create(actor: Actor, input: ActivityInput): Promise<string> {
      const fields = await resolve(input);
      return deps.recordChange(actor, 'activity.created', async (tx) => {
        const slug = await freeSlug(input.initiative, input.title.en, tx.session);
        const [created] = await Activity.create([{ ...fields, slug, publishedAt: tx.now }], { session: tx.session });
        if (!created) throw new Error('The activity was not created');
        return { subject: { kind: 'activity', id: String(created._id) }, after: { ...fields, slug }, result: slug };
      });
    },

    /** False when no activity has this id. The slug stays, so links to the activity keep working. */
    async update(actor: Actor, id: string, input: ActivityInput): Promise<boolean> {
      if (!validId(id)) return false;
      const fields = await resolve(input);
      return deps.recordChange(actor, 'activity.updated', async (tx) => {
        const before = await Activity.findById(id).session(tx.session).lean();
        if (!before) return { unchanged: true, result: false };
        await Activity.updateOne({ _id: before._id }, { $set: fields }, { session: tx.session, runValidators: true });
        return { subject: { kind: 'activity', id }, before, after: fields, result: true };
      });
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
