import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';
import { actorFrom } from '../../audit/actor';
import { createRateLimiter } from '../../middleware/rateLimit';
import { TokenAlreadyUsedError } from '../accounts/tokens';
import type { FeatureContext } from '..';
import { HONEYPOT_FIELD, petitionPageView } from './petitionPage';
import { findPetition, listPetitions, ownerSlugOf } from './petitionReads';
import { emptySignatureValues, parseSignatureForm, signatureValuesFrom, type SignatureErrors, type SignatureFormValues } from './signatureForm';
import { SignatureLinkError } from './signatureService';

const slugOf = (req: Request): string => String(req.params['slug'] ?? '');

async function renderPetition(req: Request, res: Response, status: number, values: SignatureFormValues, errors: SignatureErrors = {}) {
  const petition = await findPetition(slugOf(req));
  if (!petition) throw createError(404);
  const view = await petitionPageView(petition, { values, errors }, req.language, req.t, await ownerSlugOf(petition));
  res.status(status).render('petitions/show', view);
}

function renderLinkProblem(req: Request, res: Response) {
  res.status(404).render('petitions/link-problem', { title: req.t('petitions:linkProblem.title'), slug: slugOf(req) });
}

const isLinkProblem = (error: unknown) => error instanceof SignatureLinkError || error instanceof TokenAlreadyUsedError;

/** The public side of petitions: the page and its form, the confirmation and withdrawal links. */
export function petitionRoutes(context: FeatureContext): Router {
  const router = Router();
  const { signatures } = context.services;
  const perIpLimit = createRateLimiter(context.connection, { name: 'petition-sign', windowMs: 60 * 60_000, limit: 20, writesOnly: true });

  router.get('/petitions', async (req, res) => {
    const petitions = await listPetitions();
    res.render('petitions/index', {
      title: req.t('petitions:index.title'),
      petitions: petitions.map((petition) => ({ slug: petition.slug, title: petition.title[req.language], open: petition.state === 'open' })),
    });
  });

  router.get('/petitions/:slug', (req, res) => renderPetition(req, res, 200, emptySignatureValues));

  router.post('/petitions/:slug', perIpLimit, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const petition = await findPetition(slugOf(req));
    if (!petition) throw createError(404);
    const honeypot = body[HONEYPOT_FIELD];
    if (typeof honeypot === 'string' && honeypot.trim() !== '') {
      // Answered as if it worked, so the filler learns nothing; nothing is stored and nothing is sent.
      return res.render('petitions/check-email', { title: req.t('petitions:checkEmail.title'), slug: petition.slug });
    }
    const values = signatureValuesFrom(body);
    const parsed = parseSignatureForm(values);
    if (!parsed.ok) return renderPetition(req, res, 400, values, parsed.errors);
    const outcome = await signatures.sign(actorFrom(req), petition.slug, parsed.details, req.language);
    if (outcome === 'duplicate') return renderPetition(req, res, 409, values, { email: 'petitions:errors.duplicate' });
    if (outcome === 'closed') return renderPetition(req, res, 409, values);
    res.render('petitions/check-email', { title: req.t('petitions:checkEmail.title'), slug: petition.slug });
  });

  router.get('/petitions/:slug/confirm/:token', async (req, res) => {
    try {
      const slug = await signatures.confirm(actorFrom(req), req.params['token']);
      req.flash('success', req.t('petitions:confirmed'));
      res.redirect(303, `/petitions/${slug}`);
    } catch (error) {
      if (isLinkProblem(error)) return renderLinkProblem(req, res);
      throw error;
    }
  });

  router.get('/petitions/:slug/withdraw/:secret', async (req, res) => {
    const signature = await signatures.findByWithdrawSecret(slugOf(req), req.params['secret']);
    if (!signature) return renderLinkProblem(req, res);
    res.render('petitions/withdraw', { title: req.t('petitions:withdraw.title'), action: req.originalUrl.split('?')[0], slug: slugOf(req) });
  });

  router.post('/petitions/:slug/withdraw/:secret', perIpLimit, async (req, res) => {
    try {
      await signatures.withdraw(actorFrom(req), slugOf(req), req.params['secret']);
    } catch (error) {
      if (isLinkProblem(error)) return renderLinkProblem(req, res);
      throw error;
    }
    req.flash('success', req.t('petitions:withdraw.done'));
    res.redirect(303, `/petitions/${slugOf(req)}`);
  });

  return router;
}
