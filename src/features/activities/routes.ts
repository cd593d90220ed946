import { Router, type Request } from 'express';
import createError from 'http-errors';
import type { FeatureContext } from '..';
import type { ActivityRecord } from '../../models/activity';
import { findInitiative, type InitiativeSlug } from '../../reference/initiatives';
import { SLUG_PATTERN } from '../directory/profile';
import { activityViewModel, orderActivities, organisationsNamedIn } from './activityView';
import { calendarOf } from './calendar';

function initiativeOf(req: Request) {
  const initiative = findInitiative(String(req.params['slug']));
  if (!initiative) throw createError(404);
  return { slug: initiative.slug as InitiativeSlug, name: initiative.name };
}

/** The public pages of an initiative's activities and their iCalendar files. */
export function activityRoutes(context: FeatureContext): Router {
  const router = Router();
  const { activities, clock } = context.services;
  const base = (req: Request) => context.config.baseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const sendCalendar = (res: Parameters<Parameters<Router['get']>[1]>[1], fileName: string, body: string) => {
    res.type('text/calendar; charset=utf-8');
    res.attachment(fileName);
    res.send(body);
  };

  router.get('/initiatives/:slug/activities', async (req, res) => {
    const initiative = initiativeOf(req);
    const now = clock.now();
    const stored = orderActivities((await activities.listFor(initiative.slug)) as ActivityRecord[], now);
    const named = await organisationsNamedIn(stored);
    const items = stored.map((activity) => activityViewModel(activity, named, req.language, req.t, now));
    res.render('activities/index', {
      title: req.t('activities:list.title', { initiative: initiative.name[req.language] }),
      initiative: { slug: initiative.slug, name: initiative.name[req.language] },
      upcoming: items.filter((item) => item.upcoming),
      past: items.filter((item) => !item.upcoming),
    });
  });

  router.get('/initiatives/:slug/activities.ics', async (req, res) => {
    const initiative = initiativeOf(req);
    const events = ((await activities.listFor(initiative.slug)) as ActivityRecord[]).filter((item) => item.kind === 'event');
    sendCalendar(res, `${initiative.slug}-activities.ics`, calendarOf(initiative.name.en, events, base(req)));
  });

  async function loadActivity(req: Request) {
    const initiative = initiativeOf(req);
    const slug = String(req.params['activity']);
    const activity = SLUG_PATTERN.test(slug) ? await activities.find(initiative.slug, slug) : null;
    if (!activity) throw createError(404);
    return { initiative, activity: activity as ActivityRecord };
  }

  router.get('/initiatives/:slug/activities/:activity/calendar.ics', async (req, res) => {
    const { initiative, activity } = await loadActivity(req);
    if (activity.kind !== 'event' || !activity.date) throw createError(404);
    sendCalendar(res, `${activity.slug}.ics`, calendarOf(initiative.name.en, [activity], base(req)));
  });

  router.get('/initiatives/:slug/activities/:activity', async (req, res) => {
    const { initiative, activity } = await loadActivity(req);
    const view = activityViewModel(activity, await organisationsNamedIn([activity]), req.language, req.t, clock.now());
    res.render('activities/show', {
      title: view.title,
      initiative: { slug: initiative.slug, name: initiative.name[req.language] },
      activity: view,
    });
  });

  return router;
}
