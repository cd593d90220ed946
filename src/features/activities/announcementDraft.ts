import type { i18n, TFunction } from 'i18next';
import { languages, type Language } from '../../middleware/i18n';
import { Organisation } from '../../models/organisation';
import type { InitiativeSlug } from '../../reference/initiatives';
import { compareText, countryName } from '../directory/labels';

export interface Period {
  initiative: InitiativeSlug;
  /** First and last day, inclusive (UTC). */
  from: Date;
  to: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The organisations that joined the initiative in the period (approved applications set the joining date). */
export async function joinedIn(period: Period) {
  return Organisation.find(
    {
      memberships: {
        $elemMatch: {
          initiative: { $eq: period.initiative },
          joinedAt: { $gte: period.from, $lt: new Date(period.to.getTime() + DAY_MS) },
        },
      },
    },
    { name: 1, country: 1, sector: 1, demo: 1 },
  ).lean();
}

type Joined = Awaited<ReturnType<typeof joinedIn>>;

function draftIn(lang: Language, t: TFunction, period: Period, joined: Joined) {
  const countries = [...new Set(joined.flatMap((o) => (o.country ? [o.country] : [])))]
    .map((code) => countryName(code, lang, t))
    .sort((a, b) => compareText(a, b, lang));
  const sectorCounts = new Map<string, number>();
  for (const organisation of joined) {
    const label = organisation.sector ? t(`directory:sector.${organisation.sector}`) : t('directory:notStated');
    sectorCounts.set(label, (sectorCounts.get(label) ?? 0) + 1);
  }
  const sectors = [...sectorCounts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0], lang)).map(([label, count]) => `${label} (${count})`);
  const names = joined.map((o) => o.name).sort((a, b) => compareText(a, b, lang));
  const initiative = t(`activities:announcement.initiative.${period.initiative}`);
  const count = joined.length;
  const lead = t('activities:announcement.lead', { initiative, count, countryCount: countries.length, countries: countries.join(', ') });
  return {
    title: t('activities:announcement.title', { initiative, count }),
    text: [lead, t('activities:announcement.sectors', { sectors: sectors.join(', ') }), t('activities:announcement.names', { names: names.join(', ') })].join('\n\n'),
  };
}

/**
 * Drafts the announcement of a period's new signatories in both languages: how many, from which countries
 * and sectors, and who. The secretariat edits it before publishing it as an activity.
 */
export function createAnnouncementDrafter(texts: i18n) {
  return async (period: Period) => {
    const joined = await joinedIn(period);
    const [en, fr] = languages.map((lang) => draftIn(lang, texts.getFixedT(lang), period, joined)) as [
      ReturnType<typeof draftIn>,
      ReturnType<typeof draftIn>,
    ];
    const countries = new Set(joined.flatMap((o) => (o.country ? [o.country] : [])));
    return { count: joined.length, countryCount: countries.size, en, fr };
  };
}
