import type { Types } from 'mongoose';
import type { Actor } from '../../../audit/actor';
import type { AuditDetails, RecordChange } from '../../../audit/recordChange';
import { MeasuredEvidence } from '../../../models/measuredEvidence';
import { Organisation } from '../../../models/organisation';
import { CHECK_NAMES } from '../checks/types';
import { registrableDomainOf } from './registrableDomain';

const BATCH = 200;

interface Wanted {
  organisation: Types.ObjectId;
  domain: string;
}

const keyOf = (organisation: Types.ObjectId | string, domain: string) => `${String(organisation)} ${domain}`;

/** The organisations' website domains that have no measured entries yet (demo organisations are never measured). */
async function missingWebsiteDomains(): Promise<Wanted[]> {
  const known = new Set<string>();
  const existing = MeasuredEvidence.find({}, { organisation: 1, domain: 1 }).lean().cursor({ batchSize: 2000 });
  for await (const entry of existing) known.add(keyOf(entry.organisation, entry.domain));
  const wanted: Wanted[] = [];
  const organisations = Organisation.find({ website: { $ne: null }, demo: { $ne: true } }, { website: 1 })
    .lean()
    .cursor({ batchSize: 2000 });
  for await (const organisation of organisations) {
    const domain = registrableDomainOf(organisation.website);
    if (domain && !known.has(keyOf(organisation._id, domain))) wanted.push({ organisation: organisation._id, domain });
  }
  return wanted;
}

/**
 * Gives every organisation with a website its registrable domain to measure: four pending entries, checked
 * by the sweep's jobs (nothing here touches the network). A domain once marked "not ours" keeps its entries
 * and so is not added again. Returns how many domains were added.
 */
export async function syncMeasuredDomains(recordChange: RecordChange, actor: Actor): Promise<number> {
  const wanted = await missingWebsiteDomains();
  for (let start = 0; start < wanted.length; start += BATCH) {
    const batch = wanted.slice(start, start + BATCH);
    const add = recordChange(actor, 'evidence.measured-added', async (tx) => {
      const entries = batch.flatMap(({ organisation, domain }) =>
        CHECK_NAMES.map((check) => ({ organisation, domain, check, origin: 'website', nextCheckAt: tx.now })),
      );
      await MeasuredEvidence.insertMany(entries, { session: tx.session });
      const events: AuditDetails[] = batch.map(({ organisation, domain }) => ({
        subject: { kind: 'measured-domain', id: domain },
        organisation,
        after: { domain, origin: 'website' },
      }));
      return { events, result: null };
    });
    // Another worker's sweep added the same domains meanwhile: the next sweep sees what is still missing.
    await add.catch((error: unknown) => {
      if ((error as { code?: number }).code !== 11000) throw error;
    });
  }
  return wanted.length;
}
