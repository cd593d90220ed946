import type { TFunction } from 'i18next';
import type { Types } from 'mongoose';
import type { Language } from '../../middleware/i18n';
import type { ActivityRecord } from '../../models/activity';
import { Organisation } from '../../models/organisation';
import { formatDate } from '../directory/labels';

export const activityPath = (activity: Pick<ActivityRecord, 'initiative' | 'slug'>) =>
  `/initiatives/${activity.initiative}/activities/${activity.slug}`;

/** Names and slugs of the registry organisations the activities mention, to link each to its profile. */
export async function organisationsNamedIn(activities: ActivityRecord[]) {
  const ids: Types.ObjectId[] = activities.flatMap((activity) => [
    ...activity.coSigners,
    ...activity.partners.flatMap((partner) => (partner.organisation ? [partner.organisation] : [])),
  ]);
  const found = await Organisation.find({ _id: { $in: ids } }, { slug: 1, name: 1 }).lean();
  return new Map(found.map((organisation) => [String(organisation._id), organisation]));
}
export type NamedOrganisations = Awaited<ReturnType<typeof organisationsNamedIn>>;

const locales: Record<Language, string> = { en: 'en-GB', fr: 'fr' };

/** An event's start in its own time zone ("4 February 2019", or with the time and the zone's name). */
export function whenOf(activity: ActivityRecord, lang: Language): string | null {
  if (!activity.date) return null;
  if (activity.allDay || !activity.timeZone) return formatDate(activity.date, lang);
  const format = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: activity.timeZone });
  return `${format.format(activity.date)} (${activity.timeZone})`;
}

const safeUrl = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : null);

export function activityViewModel(activity: ActivityRecord, named: NamedOrganisations, lang: Language, t: TFunction, now: Date) {
  const profile = (id: unknown) => {
    const organisation = named.get(String(id));
    return organisation ? { name: organisation.name, href: `/signatories/${organisation.slug}` } : null;
  };
  return {
    slug: activity.slug,
    kind: activity.kind,
    kindLabel: t(`activities:kind.${activity.kind}`),
    title: activity.title[lang],
    paragraphs: activity.text[lang].split(/\r?\n\s*\r?\n/).map((paragraph) => paragraph.trim()).filter(Boolean),
    when: whenOf(activity, lang),
    datetime: activity.date?.toISOString() ?? null,
    upcoming: activity.kind === 'event' && activity.date != null && activity.date >= now,
    link: safeUrl(activity.link),
    recordingUrl: safeUrl(activity.recordingUrl),
    coSigners: activity.coSigners.flatMap((id) => profile(id) ?? []),
    partners: activity.partners.map((partner) => profile(partner.organisation) ?? { name: partner.name, href: safeUrl(partner.url) }),
    url: activityPath(activity),
    calendarUrl: activity.kind === 'event' && activity.date ? `${activityPath(activity)}/calendar.ics` : null,
  };
}

/** Upcoming events first (soonest first), then everything else, newest first; undated last. */
export function orderActivities(activities: ActivityRecord[], now: Date): ActivityRecord[] {
  const upcoming = (a: ActivityRecord) => a.kind === 'event' && a.date != null && a.date >= now;
  const time = (a: ActivityRecord) => a.date?.getTime() ?? Number.NEGATIVE_INFINITY;
  return [...activities].sort((a, b) => {
    if (upcoming(a) !== upcoming(b)) return upcoming(a) ? -1 : 1;
    if (upcoming(a)) return time(a) - time(b);
    return time(b) - time(a) || b.publishedAt.getTime() - a.publishedAt.getTime();
  });
}
