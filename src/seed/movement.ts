import { systemActor } from '../audit/actor';
import type { RecordChange } from '../audit/recordChange';
import { createRelationshipService, type PartyInput } from '../features/relationships/relationshipService';
import { Organisation } from '../models/organisation';
import { Relationship } from '../models/relationship';
import { syncOrganisationDerivedFields } from '../registry/derivedFields';

const seedActor = systemActor('seed');

/**
 * The CyberPeace Institute (Geneva, 2019) signed both the Tech Accord and the Paris Call and is funded by
 * Microsoft, the Hewlett Foundation and Mastercard, with Facebook and the Ford Foundation. It comes in with
 * the Paris Call supporters; the seed links to that record. Funders the registry does not hold are recorded
 * by name, outside the registry.
 */
const CYBERPEACE = 'cyberpeace institute';
const CYBERPEACE_SOURCE = 'https://cyberpeaceinstitute.org/';
const FUNDERS = ['Microsoft', 'Hewlett Foundation', 'Mastercard', 'Facebook', 'Ford Foundation'];

export interface MovementReport {
  /** False when the imported data has no CyberPeace Institute to link to (the data files are missing). */
  linked: boolean;
  membershipsAdded: number;
  relationshipsAdded: number;
}

async function funderParty(name: string): Promise<PartyInput> {
  const found = await Organisation.findOne({ searchKey: { $eq: name.toLowerCase() } }, { slug: 1 }).sort({ slug: 1 }).lean();
  return found ? { slug: found.slug } : { name, url: null };
}

/** Its Tech Accord signature, the date of which the sources do not give. */
async function ensureTechAccordMembership(recordChange: RecordChange, id: unknown): Promise<number> {
  return recordChange(seedActor, 'organisation.updated', async (tx) => {
    const organisation = await Organisation.findById(id).session(tx.session).lean();
    if (!organisation || organisation.memberships.some((m) => m.initiative === 'tech-accord'))
      return { unchanged: true, result: 0 };
    const membership = { initiative: 'tech-accord' as const, joinedAt: null, status: 'active' as const };
    await Organisation.updateOne({ _id: organisation._id }, { $push: { memberships: membership } }, { session: tx.session });
    await syncOrganisationDerivedFields(tx, organisation._id);
    return {
      subject: { kind: 'organisation', id: String(organisation._id) },
      organisation: organisation._id,
      before: { memberships: organisation.memberships.map((m) => m.initiative) },
      after: { memberships: [...organisation.memberships.map((m) => m.initiative), 'tech-accord'] },
      result: 1,
    };
  });
}

/** Idempotent: adds the memberships and relationships that are missing, nothing else. */
export async function ensureMovement(recordChange: RecordChange): Promise<MovementReport> {
  const cyberPeace = await Organisation.findOne({ searchKey: { $eq: CYBERPEACE } }).lean();
  if (!cyberPeace) return { linked: false, membershipsAdded: 0, relationshipsAdded: 0 };
  const membershipsAdded = await ensureTechAccordMembership(recordChange, cyberPeace._id);
  const relationships = createRelationshipService({ recordChange });
  let relationshipsAdded = 0;
  for (const name of FUNDERS) {
    const from = await funderParty(name);
    const fromName = 'slug' in from ? await nameOf(from.slug) : from.name;
    if (await Relationship.exists({ kind: 'funds', 'to.organisation': cyberPeace._id, 'from.name': { $eq: fromName } }))
      continue;
    await relationships.create(seedActor, {
      from,
      kind: 'funds',
      to: { slug: cyberPeace.slug },
      since: null,
      until: null,
      sourceUrl: CYBERPEACE_SOURCE,
    });
    relationshipsAdded += 1;
  }
  return { linked: true, membershipsAdded, relationshipsAdded };
}

async function nameOf(slug: string): Promise<string> {
  return (await Organisation.findBySlug(slug).select('name').lean())?.name ?? slug;
}
