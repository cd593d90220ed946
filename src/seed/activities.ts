import { systemActor } from '../audit/actor';
import type { RecordChange } from '../audit/recordChange';
import { createActivityService, type PartnerInput } from '../features/activities/activityService';
import { Activity } from '../models/activity';
import { Organisation } from '../models/organisation';
import { toSearchKey, toSlug } from '../models/searchKey';
import { TECH_ACCORD_ACTIVITIES, type SeedPartner } from './techAccordActivities';

/** A partner the registry holds (by any of its names) is linked to its profile; otherwise it is named. */
async function partnerInput(partner: SeedPartner): Promise<PartnerInput> {
  for (const name of partner.registryNames) {
    const found = await Organisation.findOne({ searchKey: { $eq: toSearchKey(name) } }, { slug: 1 }).sort({ slug: 1 }).lean();
    if (found) return { slug: found.slug };
  }
  return { name: partner.name, url: null };
}

/**
 * Records the Tech Accord's seeded activities that are missing, through the audited write path. An activity
 * keeps its slug when edited, so one the secretariat changed is found and left alone.
 */
export async function ensureSeedActivities(recordChange: RecordChange): Promise<{ created: string[] }> {
  const activities = createActivityService({ recordChange });
  const actor = systemActor('seed');
  const created: string[] = [];
  for (const seed of TECH_ACCORD_ACTIVITIES) {
    if (await Activity.exists({ initiative: 'tech-accord', slug: toSlug(seed.title.en, 'activity').slice(0, 90) })) continue;
    const slug = await activities.create(actor, {
      initiative: 'tech-accord',
      kind: seed.kind,
      title: seed.title,
      text: seed.text,
      date: seed.day ? new Date(`${seed.day}T00:00:00Z`) : null,
      allDay: true,
      timeZone: null,
      durationMinutes: null,
      link: seed.link,
      recordingUrl: null,
      coSigners: [],
      partners: await Promise.all(seed.partners.map(partnerInput)),
    });
    created.push(slug);
  }
  return { created };
}
