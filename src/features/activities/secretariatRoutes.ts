import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import type { ActivityRecord } from '../../models/activity';
import { ACTIVITY_KINDS } from '../../reference/activities';
import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import type { FeatureContext } from '..';
import { emptyActivityForm, enteredActivityValues, parseActivityForm, type ActivityFormErrors, type ActivityFormValues } from './activityForm';
import { UnknownOrganisationError } from './activityService';
import { activityPath, organisationsNamedIn } from './activityView';
import { instantToZonedTime } from './zonedTime';

const periodQuery = z.object({
  initiative: z.enum(INITIATIVE_SLUGS),
  from: z.iso.date(),
  to: z.iso.date(),
});

async function formValuesOf(activity: ActivityRecord): Promise<ActivityFormValues> {
  const named = await organisationsNamedIn([activity]);
  const slugOf = (id: unknown) => named.get(String(id))?.slug ?? '';
  const zoned = activity.date && !activity.allDay && activity.timeZone ? instantToZonedTime(activity.date, activity.timeZone) : null;
  return {
    initiative: activity.initiative,
    kind: activity.kind,
    titleEn: activity.title.en,
    titleFr: activity.title.fr,
    textEn: activity.text.en,
    textFr: activity.text.fr,
    date: zoned?.day ?? activity.date?.toISOString().slice(0, 10) ?? '',
    time: zoned?.time ?? '',
    timeZone: activity.timeZone ?? '',
    duration: activity.durationMinutes ? String(activity.durationMinutes) : '',
    link: activity.link ?? '',
    recordingUrl: activity.recordingUrl ?? '',
    coSigners: activity.coSigners.map(slugOf).join('\n'),
    partners: activity.partners.map((p) => (p.organisation ? slugOf(p.organisation) : p.url ? `${p.name} | ${p.url}` : p.name)).join('\n'),
  };
}

interface FormView {
  id: string | null;
  values: ActivityFormValues;
  errors?: ActivityFormErrors;
  status?: number;
  draft?: { count: number; countryCount: number };
}

function renderForm(req: Request, res: Response, view: FormView) {
  res.status(view.status ?? 200).render('secretariat/activities/form', {
    title: req.t(view.id ? 'activities:form.editTitle' : 'activities:form.newTitle'),
    ...view,
    errors: view.errors ?? {},
    draft: view.draft ?? null,
    kinds: ACTIVITY_KINDS.map((kind) => ({ value: kind, label: req.t(`activities:kind.${kind}`) })),
    initiatives: INITIATIVE_SLUGS.map((slug) => ({ value: slug, label: req.t(`directory:initiative.${slug}`) })),
  });
}

async function save(write: () => Promise<unknown>): Promise<ActivityFormErrors | null> {
  try {
    await write();
    return null;
  } catch (error) {
    if (error instanceof UnknownOrganisationError) return { [error.field]: 'errors.unknownOrganisation' };
    throw error;
  }
}

/** The secretariat writes activities in both languages and drafts new-member announcements. */
export function activityAdminRoutes(context: FeatureContext): Router {
  const router = Router();
  const { activities, draftAnnouncement } = context.services;

  router.get('/activities', async (req, res) => {
    const all = (await activities.listAll()) as ActivityRecord[];
    res.render('secretariat/activities/index', {
      title: req.t('activities:admin.title'),
      activities: all.map((activity) => ({ id: String(activity._id), title: activity.title[req.language], kind: activity.kind, initiative: activity.initiative, url: activityPath(activity) })),
    });
  });

  router.get('/activities/new', (req, res) => renderForm(req, res, { id: null, values: { ...emptyActivityForm(), initiative: 'tech-accord', kind: 'event' } }));

  router.post('/activities', async (req, res) => {
    const values = enteredActivityValues(req.body);
    const { input, errors } = parseActivityForm(values);
    const failed = input ? await save(() => activities.create(actorFrom(req), input)) : errors;
    if (failed) return renderForm(req, res, { id: null, values, errors: failed, status: 400 });
    req.flash('success', req.t('activities:admin.created'));
    res.redirect(303, '/secretariat/activities');
  });

  router.get('/activities/:id', async (req, res) => {
    const activity = await activities.findById(req.params.id);
    if (!activity) throw createError(404);
    renderForm(req, res, { id: String(activity._id), values: await formValuesOf(activity as ActivityRecord) });
  });

  router.post('/activities/:id', async (req, res) => {
    const id = req.params.id;
    if (!(await activities.findById(id))) throw createError(404);
    const values = enteredActivityValues(req.body);
    const { input, errors } = parseActivityForm(values);
    const failed = input ? await save(() => activities.update(actorFrom(req), id, input)) : errors;
    if (failed) return renderForm(req, res, { id, values, errors: failed, status: 400 });
    req.flash('success', req.t('activities:admin.updated'));
    res.redirect(303, '/secretariat/activities');
  });

  /** The period form; with a valid period, the drafted announcement in the activity form, ready to edit. */
  router.get('/announcements/new', async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const entered = { initiative: String(query['initiative'] ?? 'tech-accord').slice(0, 40), from: String(query['from'] ?? '').slice(0, 20), to: String(query['to'] ?? '').slice(0, 20) };
    const parsed = periodQuery.safeParse(entered);
    const asked = 'from' in query || 'to' in query;
    if (!parsed.success || parsed.data.to < parsed.data.from) {
      return res.status(asked ? 400 : 200).render('secretariat/activities/period', {
        title: req.t('activities:announcement.periodTitle'),
        period: entered,
        error: asked ? req.t('activities:errors.period') : null,
        initiatives: INITIATIVE_SLUGS.map((slug) => ({ value: slug, label: req.t(`directory:initiative.${slug}`) })),
      });
    }
    const period = { initiative: parsed.data.initiative, from: new Date(`${parsed.data.from}T00:00:00Z`), to: new Date(`${parsed.data.to}T00:00:00Z`) };
    const draft = await draftAnnouncement(period);
    renderForm(req, res, {
      id: null,
      draft: { count: draft.count, countryCount: draft.countryCount },
      values: {
        ...emptyActivityForm(),
        initiative: period.initiative,
        kind: 'announcement',
        titleEn: draft.en.title,
        titleFr: draft.fr.title,
        textEn: draft.en.text,
        textFr: draft.fr.text,
        date: parsed.data.to,
      },
    });
  });

  return router;
}
