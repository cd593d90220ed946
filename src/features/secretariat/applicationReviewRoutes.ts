import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { APPLICATION_STATES } from '../../models/application';
import { INITIATIVE_SLUGS } from '../../reference/initiatives';
import type { FeatureContext } from '..';
import { ApplicationDecidedError, ApprovalBlockedError, type ReviewService } from '../applications/reviewService';
import { applicationFormOptions } from '../applications/formOptions';

const queueQuery = z.object({
  state: z.enum(APPLICATION_STATES).exclude(['unconfirmed']).catch('submitted'),
  initiative: z.enum(INITIATIVE_SLUGS).nullable().catch(null),
});

const decisionForm = z.object({
  decision: z.enum(['approve', 'reject', 'request-changes']),
  message: z.string().trim().max(5000).catch(''),
});

interface Outcome {
  status: number;
  notice?: string;
  messageError?: string;
  message?: string;
}

async function renderApplication(req: Request, res: Response, review: ReviewService, outcome: Outcome = { status: 200 }) {
  const loaded = await review.load(String(req.params['id']));
  if (!loaded) throw createError(404);
  res.status(outcome.status).render('secretariat/applications/show', {
    title: loaded.application.name,
    ...loaded,
    options: applicationFormOptions(req.language, req.t),
    notice: outcome.notice,
    messageError: outcome.messageError,
    message: outcome.message ?? '',
  });
}

function decidedNotice(req: Request, error: ApplicationDecidedError): string {
  const state = req.t(`applications:state.${error.state}`);
  if (!error.lastEvent) return req.t('secretariat:applications.decided', { state });
  return req.t('secretariat:applications.decidedBy', {
    state,
    by: error.lastEvent.by,
    at: error.lastEvent.at.toISOString().replace('T', ' ').slice(0, 16),
  });
}

/** The review queue, one application, and the decisions on it. */
export function applicationReviewRoutes(context: FeatureContext): Router {
  const router = Router();
  const { review } = context.services;

  router.get('/applications', async (req, res) => {
    const filter = queueQuery.parse(req.query);
    res.render('secretariat/applications/index', {
      title: req.t('secretariat:applications.title'),
      filter,
      applications: await review.queue(filter),
      states: APPLICATION_STATES.filter((state) => state !== 'unconfirmed'),
      initiatives: applicationFormOptions(req.language, req.t).initiatives,
    });
  });

  router.get('/applications/:id', (req, res) => renderApplication(req, res, review));

  router.post('/applications/:id', async (req, res) => {
    const parsed = decisionForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderApplication(req, res, review, { status: 400, notice: req.t('secretariat:applications.chooseDecision') });
    const { decision, message } = parsed.data;
    const id = String(req.params['id']);
    if (decision !== 'approve' && message === '') {
      return renderApplication(req, res, review, { status: 400, messageError: req.t('secretariat:applications.messageRequired') });
    }
    try {
      const actor = actorFrom(req);
      if (decision === 'approve') await review.approve(actor, id);
      else if (decision === 'reject') await review.reject(actor, id, message);
      else await review.requestChanges(actor, id, message);
    } catch (error) {
      if (error instanceof ApplicationDecidedError) return renderApplication(req, res, review, { status: 409, notice: decidedNotice(req, error), message });
      if (error instanceof ApprovalBlockedError)
        return renderApplication(req, res, review, { status: 409, notice: req.t(`secretariat:applications.blocked.${error.reason}`), message });
      throw error;
    }
    req.flash('success', req.t(`secretariat:applications.done.${decision}`));
    res.redirect(303, `/secretariat/applications/${encodeURIComponent(id)}`);
  });

  return router;
}
