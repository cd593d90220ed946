import { Router, type Request } from 'express';
import createError from 'http-errors';
import type { TFunction } from 'i18next';
import { findInitiative, type InitiativeSlug } from '../../reference/initiatives';
import type { DirectoryDependencies } from '../directory';
import { onlyLanguageParameter } from '../directory/cachedPage';
import { sendVersioned } from './api/conditional';
import { activityFeedItem, asHtmlText } from './feedActivities';
import { feedEvents, type FeedEvent } from './feedEvents';
import { setOpenDataHeaders, type Licence } from './openDataHeaders';
import { factsOfEntry, presentOrganisation } from './presentOrganisation';

type OrganisationEvent = Exclude<FeedEvent, { kind: 'activity' }>;

function entryTitle(event: OrganisationEvent, name: string, t: TFunction): string {
  const initiative = t(`directory:initiative.${event.initiative}`);
  const demo = event.entry.demo ? ` ${t('opendata:feed.demo')}` : '';
  if (event.kind === 'joined') return t('opendata:feed.joined', { name, initiative }) + demo;
  return (
    t('opendata:feed.pledged', { name, initiative, version: event.version, count: event.commitments }) + demo
  );
}

interface FeedRequest {
  req: Request;
  base: string;
  path: string;
  initiative: InitiativeSlug | null;
  licence: Licence;
}

async function atomFeed({ req, base, path, initiative, licence }: FeedRequest, events: FeedEvent[]) {
  const t = req.t;
  const title = initiative
    ? t('opendata:feed.initiativeTitle', { initiative: t(`directory:initiative.${initiative}`) })
    : t('opendata:feed.title');
  // Loaded on the first feed asked for, not with the server.
  const { Feed } = await import('feed');
  const feed = new Feed({
    title,
    description: t('opendata:feed.description'),
    id: `${base}${path}`,
    link: `${base}${initiative ? `/initiatives/${initiative}` : '/signatories'}`,
    language: req.language,
    updated: events[0]?.at ?? new Date(0),
    feedLinks: { atom: `${base}${path}` },
    copyright: `${licence.name} (${licence.url})`,
  });
  for (const event of events) {
    if (event.kind === 'activity') {
      feed.addItem(activityFeedItem(event, base, req.language, t));
      continue;
    }
    const organisation = presentOrganisation(factsOfEntry(event.entry), { baseUrl: base });
    const anchor =
      event.kind === 'joined' ? `joined-${event.initiative}` : `pledge-${event.initiative}-${event.version}`;
    feed.addItem({
      title: asHtmlText(entryTitle(event, organisation.name, t)),
      id: `${organisation.profileUrl}#${anchor}`,
      link: organisation.profileUrl,
      date: event.at,
      description: asHtmlText(
        [organisation.country, organisation.category, organisation.sector].filter(Boolean).join(' · '),
      ),
      category: organisation.memberships.map((membership) => ({ term: membership.initiative })),
    });
  }
  return feed.atom1();
}

/** Atom feeds of joinings, pledge changes and activities: the whole registry, and one per initiative. */
export function feedRoutes(directory: DirectoryDependencies, licence: Licence): Router {
  const router = Router();
  const serve =
    (initiative: InitiativeSlug | null) =>
    async (req: Request, res: Parameters<Parameters<Router['get']>[1]>[1]) => {
      if (!onlyLanguageParameter(req.query)) throw createError(400, 'The feed takes no parameter but lang.');
      const base = directory.baseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      const snapshot = await directory.readModel.current();
      setOpenDataHeaders(res, licence);
      res.vary('Accept-Language').vary('Cookie');
      const request = { req, base, path: req.path, initiative, licence };
      await sendVersioned(
        req,
        res,
        `${snapshot.token}-${req.language}`,
        async () => atomFeed(request, await feedEvents(snapshot, initiative)),
        'application/atom+xml; charset=utf-8',
      );
    };
  router.get('/feed.atom', serve(null));
  router.get('/initiatives/:slug/feed.atom', (req, res) => {
    const initiative = findInitiative(req.params.slug);
    if (!initiative) throw createError(404);
    return serve(initiative.slug as InitiativeSlug)(req, res);
  });
  return router;
}
