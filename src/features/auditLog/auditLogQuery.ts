import type { Types } from 'mongoose';
import { AuditEvent } from '../../models/auditEvent';
import { Organisation } from '../../models/organisation';
import { escapeRegExp, toSearchKey } from '../../models/searchKey';
import { endOfDay, type AuditFilter } from './auditFilter';

export const EVENTS_PER_PAGE = 50;
const MATCHING_ORGANISATIONS_LIMIT = 500;

type Matched = { _id: Types.ObjectId; mergedIds?: Types.ObjectId[] };

// Events about a duplicate merged into an organisation keep the duplicate's id (events are never
// rewritten), so the kept organisation answers for the ids merged into it.
const withMergedIds = (matches: Matched[]) => matches.flatMap((organisation) => [organisation._id, ...(organisation.mergedIds ?? [])]);

/** Organisations named by a slug, or whose name starts with the text (accent-folded). */
async function organisationIds(text: string): Promise<Types.ObjectId[]> {
  const bySlug = await Organisation.findBySlug(text.toLowerCase()).select({ _id: 1, mergedIds: 1 }).lean<Matched>();
  if (bySlug) return withMergedIds([bySlug]);
  const key = toSearchKey(text);
  if (!key) return [];
  const matches = await Organisation.find({ searchKey: { $regex: `^${escapeRegExp(key)}` } }, { _id: 1, mergedIds: 1 })
    .limit(MATCHING_ORGANISATIONS_LIMIT)
    .lean<Matched[]>();
  return withMergedIds(matches);
}

/** The stored query for a validated filter; user text reaches it only escaped or as values. */
export async function auditQueryOf(filter: AuditFilter): Promise<Record<string, unknown>> {
  const query: Record<string, unknown> = {};
  if (filter.actor) query['actor.label'] = { $regex: `^${escapeRegExp(filter.actor)}`, $options: 'i' };
  if (filter.organisation) query['organisation'] = { $in: await organisationIds(filter.organisation) };
  if (filter.action) query['action'] = { $eq: filter.action };
  if (filter.from || filter.to) {
    query['at'] = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: endOfDay(filter.to) } : {}) };
  }
  return query;
}

const NEWEST_FIRST = { at: -1, _id: -1 } as const;

/** One page of matching events, newest first, with their organisation's name and slug. */
export async function auditPage(filter: AuditFilter, requestedPage: number) {
  const query = await auditQueryOf(filter);
  const total = await AuditEvent.countDocuments(query);
  const lastPage = Math.max(1, Math.ceil(total / EVENTS_PER_PAGE));
  const page = Math.min(requestedPage, lastPage);
  const events = await AuditEvent.find(query)
    .sort(NEWEST_FIRST)
    .skip((page - 1) * EVENTS_PER_PAGE)
    .limit(EVENTS_PER_PAGE)
    .populate<{ organisation: { name: string; slug: string } | null }>('organisation', { name: 1, slug: 1 })
    .lean();
  return { events, total, page, lastPage };
}

/** Every matching event, newest first, read from the database in batches as the consumer pulls them. */
export async function auditCursor(filter: AuditFilter) {
  const query = await auditQueryOf(filter);
  return AuditEvent.find(query)
    .sort(NEWEST_FIRST)
    .populate<{ organisation: { name: string; slug: string } | null }>('organisation', { name: 1, slug: 1 })
    .lean()
    .cursor({ batchSize: 500 });
}

export type AuditPage = Awaited<ReturnType<typeof auditPage>>;
export type ListedAuditEvent = AuditPage['events'][number];
