import { Router, type Request, type Response } from 'express';
import { actorFrom } from '../../audit/actor';
import { createRateLimiter } from '../../middleware/rateLimit';
import { TokenAlreadyUsedError } from '../accounts/tokens';
import type { FeatureContext } from '..';
import {
  formValuesFrom,
  formValuesOf,
  parseApplicationForm,
  type ApplicationFormValues,
  type FieldErrors,
} from './applicationForm';
import { ApplicationLinkError } from './applicationService';
import { applicationFormOptions } from './formOptions';

/** A field people never see; software that fills every field fills it too. */
export const HONEYPOT_FIELD = 'nickname';

const emptyForm: ApplicationFormValues = formValuesFrom({});

function renderForm(req: Request, res: Response, status: number, values: ApplicationFormValues, errors: FieldErrors = {}, action = '/apply') {
  res.status(status).render('applications/apply', {
    title: req.t('applications:apply.title'),
    values,
    errors,
    action,
    options: applicationFormOptions(req.language, req.t),
    honeypot: HONEYPOT_FIELD,
  });
}

function renderLinkProblem(req: Request, res: Response) {
  res.status(404).render('applications/link-problem', { title: req.t('applications:linkProblem.title') });
}

/** The public side of applying: the form, the e-mail confirmation and the private status page. */
export function applicationRoutes(context: FeatureContext): Router {
  const router = Router();
  const { applications } = context.services;
  const perIpLimit = createRateLimiter(context.connection, { name: 'apply', windowMs: 60 * 60_000, limit: 20, writesOnly: true });

  router.get('/apply', (req, res) => renderForm(req, res, 200, emptyForm));

  router.post('/apply', perIpLimit, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValuesFrom(body);
    const honeypot = body[HONEYPOT_FIELD];
    if (typeof honeypot === 'string' && honeypot.trim() !== '') {
      // Answer as if it worked, so the filler learns nothing; nothing is stored and nothing is sent.
      return res.status(200).render('applications/check-email', { title: req.t('applications:checkEmail.title') });
    }
    const parsed = parseApplicationForm(values);
    if (!parsed.ok) return renderForm(req, res, 400, values, parsed.errors);
    await applications.submit(actorFrom(req), parsed.details, req.language);
    res.status(200).render('applications/check-email', { title: req.t('applications:checkEmail.title'), email: parsed.details.contact.email });
  });

  router.get('/apply/confirm/:token', async (req, res) => {
    try {
      const { statusPath } = await applications.confirm(actorFrom(req), req.params['token']);
      req.flash('success', req.t('applications:status.confirmed'));
      res.redirect(303, statusPath);
    } catch (error) {
      if (error instanceof ApplicationLinkError || error instanceof TokenAlreadyUsedError) return renderLinkProblem(req, res);
      throw error;
    }
  });

  router.get('/apply/status/:token', async (req, res) => {
    const application = await applications.loadByStatusToken(req.params['token']);
    if (!application) return renderLinkProblem(req, res);
    res.render('applications/status', {
      title: req.t('applications:status.title'),
      application,
      values: formValuesOf(application),
      errors: {},
      action: req.originalUrl.split('?')[0],
      options: applicationFormOptions(req.language, req.t),
      honeypot: null,
    });
  });

  router.post('/apply/status/:token', perIpLimit, async (req, res) => {
    const application = await applications.loadByStatusToken(req.params['token']);
    if (!application) return renderLinkProblem(req, res);
    const values = formValuesFrom((req.body ?? {}) as Record<string, unknown>);
    const parsed = parseApplicationForm(values);
    const action = req.originalUrl.split('?')[0];
    if (!parsed.ok || application.state !== 'changes-requested') {
      return res.status(400).render('applications/status', {
        title: req.t('applications:status.title'),
        application,
        values,
        errors: parsed.ok ? {} : parsed.errors,
        action,
        options: applicationFormOptions(req.language, req.t),
        honeypot: null,
      });
    }
    await applications.resubmit(actorFrom(req), req.params['token'], parsed.details);
    req.flash('success', req.t('applications:status.resubmitted'));
    res.redirect(303, action ?? '/apply');
  });

  return router;
}
