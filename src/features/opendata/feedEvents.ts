import { Organisation } from '../../models/organisation';
import { Pledge } from '../../models/pledge';
import type { InitiativeSlug } from '../../reference/initiatives';
import type { DirectoryEntry, DirectorySnapshot } from '../directory/snapshot';
import { activityFeedEvents, type ActivityFeedEvent } from './feedActivities';

export const FEED_LENGTH = 50;

/** A listed organisation joined an initiative or changed its pledge; or an initiative published an activity. */
export type FeedEvent =
  | ActivityFeedEvent
  | { kind: 'joined'; at: Date; entry: DirectoryEntry; initiative: string }
  | {
      kind: 'pledge';
      at: Date;
      entry: DirectoryEntry;
      initiative: string;
      version: number;
      commitments: number;
    };

/** The newest joinings, from the read model: one pass over the entries, keeping the latest few. */
function joinings(snapshot: DirectorySnapshot, initiative: InitiativeSlug | null): FeedEvent[] {
  const events: FeedEvent[] = [];
  for (const entry of snapshot.entries)
    for (const membership of entry.memberships)
      if (membership.joinedAt !== null && (!initiative || membership.initiative === initiative))
        events.push({
          kind: 'joined',
          at: new Date(membership.joinedAt),
          entry,
          initiative: membership.initiative,
        });
  return events.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, FEED_LENGTH);
}

/** The newest pledge versions of listed organisations, read by the changedAt index. */
async function pledgeChanges(
  snapshot: DirectorySnapshot,
  initiative: InitiativeSlug | null,
): Promise<FeedEvent[]> {
  const pledges = await Pledge.find(initiative ? { initiative: { $eq: initiative } } : {})
    .sort({ changedAt: -1 })
    .limit(FEED_LENGTH)
    .select('organisation initiative version commitments changedAt')
    .lean();
  const organisations = await Organisation.find({
    _id: { $in: pledges.map((pledge) => pledge.organisation) },
  })
    .select('slug')
    .lean();
  const slugOf = new Map(organisations.map((organisation) => [String(organisation._id), organisation.slug]));
  return pledges.flatMap((pledge): FeedEvent[] => {
    const entry = snapshot.bySlug.get(slugOf.get(String(pledge.organisation)) ?? '');
    if (!entry) return [];
    return [
      {
        kind: 'pledge',
        at: pledge.changedAt,
        entry,
        initiative: pledge.initiative,
        version: pledge.version,
        commitments: pledge.commitments.length,
      },
    ];
  });
}

/** The feed's entries, newest first: joinings and pledge changes of the organisations the directory lists, and activities. */
export async function feedEvents(
  snapshot: DirectorySnapshot,
  initiative: InitiativeSlug | null,
): Promise<FeedEvent[]> {
  const events = [
    ...joinings(snapshot, initiative),
    ...(await pledgeChanges(snapshot, initiative)),
    ...(await activityFeedEvents(initiative, FEED_LENGTH)),
  ];
  return events.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, FEED_LENGTH);
}
