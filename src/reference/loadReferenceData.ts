import { Initiative } from '../models/initiative';
import { INITIATIVES, type InitiativeDefinition } from './initiatives';

export interface ReferenceLoadReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

function toDocument(definition: InitiativeDefinition) {
  return {
    slug: definition.slug,
    name: definition.name,
    description: definition.description,
    website: definition.website,
    launchedAt: definition.launchedAt,
    signatoryCategory: definition.signatoryCategory,
    commitments: definition.commitments.map((commitment, order) => ({ ...commitment, order })),
  };
}

function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}

function comparable(value: unknown): string {
  return JSON.stringify(value);
}

/** Makes the initiatives collection match the reference definitions; safe to run at every start. */
export async function loadReferenceData(): Promise<ReferenceLoadReport> {
  const report: ReferenceLoadReport = { created: [], updated: [], unchanged: [] };
  for (const definition of INITIATIVES) {
    const wanted = toDocument(definition);
    const existing = await Initiative.findOne({ slug: { $eq: definition.slug } }).lean();
    if (!existing) {
      const created = await Initiative.create(wanted).then(
        () => true,
        (error: unknown) => {
          // Another instance starting at the same moment created it first.
          if (isDuplicateKeyError(error)) return false;
          throw error;
        },
      );
      report[created ? 'created' : 'unchanged'].push(definition.slug);
      continue;
    }
    const current = toDocument({
      ...definition,
      name: { en: existing.name.en, fr: existing.name.fr },
      description: { en: existing.description.en, fr: existing.description.fr },
      website: existing.website,
      launchedAt: existing.launchedAt,
      signatoryCategory: existing.signatoryCategory ?? null,
      commitments: existing.commitments.map(({ code, title, text }) => ({
        code,
        title: { en: title.en, fr: title.fr },
        text: { en: text.en, fr: text.fr },
      })),
    });
    if (comparable(current) === comparable(wanted)) {
      report.unchanged.push(definition.slug);
    } else {
      await Initiative.updateOne({ _id: existing._id }, { $set: wanted }, { runValidators: true });
      report.updated.push(definition.slug);
    }
  }
  return report;
}
