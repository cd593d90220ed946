import type { TFunction } from 'i18next';
import type { Types } from 'mongoose';
import type { Language } from '../../middleware/i18n';
import { Activity } from '../../models/activity';
import type { InitiativeSlug } from '../../reference/initiatives';
import { formatDate } from '../directory/labels';
import { activityPath } from './activityView';

export interface CoSignedStatement {
  initiative: InitiativeSlug;
  slug: string;
  title: { en: string; fr: string };
  date: Date | null;
}

/** The joint statements an organisation co-signed, newest first (undated last), read by the co-signers index. */
export async function loadCoSignedStatements(organisation: Types.ObjectId): Promise<CoSignedStatement[]> {
  const found = await Activity.find({ coSigners: organisation }, { initiative: 1, slug: 1, kind: 1, title: 1, date: 1, publishedAt: 1 })
    .sort({ date: -1, publishedAt: -1 })
    .lean();
  return found
    .filter((activity) => activity.kind === 'statement')
    .map((activity) => ({
      initiative: activity.initiative as InitiativeSlug,
      slug: activity.slug,
      title: { en: activity.title.en, fr: activity.title.fr },
      date: activity.date ?? null,
    }));
}

/** The profile's list: each statement's title in the page's language, its initiative and date, a link to its page. */
export function coSignedStatementsView(statements: CoSignedStatement[], lang: Language, t: TFunction) {
  return statements.map((statement) => ({
    caption: t('activities:profile.caption', { title: statement.title[lang], initiative: t(`directory:initiative.${statement.initiative}`) }),
    href: activityPath(statement),
    date: formatDate(statement.date, lang),
    datetime: statement.date?.toISOString().slice(0, 10) ?? null,
  }));
}
