import type { Item } from 'feed';
import type { TFunction } from 'i18next';
import type { Language } from '../../middleware/i18n';
import { Activity, type ActivityRecord } from '../../models/activity';
import type { InitiativeSlug } from '../../reference/initiatives';
import { activityPath } from '../activities/activityView';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The feed library marks titles and summaries `type="html"`, so plain text is escaped as HTML. */
export const asHtmlText = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);

export interface ActivityFeedEvent {
  kind: 'activity';
  at: Date;
  activity: ActivityRecord;
  initiative: string;
}

/** The newest published activities (of one initiative or all), read by the publishedAt index. */
export async function activityFeedEvents(initiative: InitiativeSlug | null, limit: number): Promise<ActivityFeedEvent[]> {
  const activities = (await Activity.find(initiative ? { initiative: { $eq: initiative } } : {})
    .sort({ publishedAt: -1 })
    .limit(limit)
    .lean()) as ActivityRecord[];
  return activities.map((activity) => ({ kind: 'activity', at: activity.publishedAt, activity, initiative: activity.initiative }));
}

/** An activity as an Atom entry in the reader's language, linking to its page. */
export function activityFeedItem(event: ActivityFeedEvent, base: string, lang: Language, t: TFunction): Item {
  const { activity } = event;
  const url = `${base}${activityPath(activity)}`;
  const firstParagraph = activity.text[lang].split(/\r?\n\s*\r?\n/)[0]?.trim() ?? '';
  return {
    title: asHtmlText(t('activities:feed.entry', { kind: t(`activities:kind.${activity.kind}`), title: activity.title[lang] })),
    id: url,
    link: url,
    date: event.at,
    published: event.at,
    description: asHtmlText(firstParagraph),
    category: [{ term: activity.initiative }, { term: activity.kind }],
  };
}
