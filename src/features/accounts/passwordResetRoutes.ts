import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { createRateLimiter } from '../../middleware/rateLimit';
import type { FeatureContext } from '..';
import { checkNewPasswordShape, errorsFromResult, newPasswordForm, type FieldErrors } from './passwordForm';

const resetRequestForm = z.object({ email: z.string().trim().max(254).pipe(z.email()) });

export function renderSetPassword(
  req: Request,
  res: Response,
  view: { status: number; title: string; lead?: string; email?: string; errors?: FieldErrors },
) {
  res.status(view.status).render('accounts/set-password', {
    title: view.title,
    lead: view.lead,
    email: view.email,
    action: req.originalUrl.split('?')[0],
    errors: view.errors ?? {},
  });
}

/** Password reset by e-mail: ask for a link (same answer whether the address is known), then use it once. */
export function passwordResetRoutes(context: FeatureContext): Router {
  const router = Router();
  const { passwords } = context.services;
  const perIpLimit = createRateLimiter(context.connection, { name: 'password-reset', windowMs: 15 * 60_000, limit: 10, writesOnly: true });

  router.get('/account/reset-password', (req, res) => {
    res.render('accounts/reset-request', { title: req.t('accounts:resetRequest.title'), values: { email: '' }, errors: {} });
  });

  router.post('/account/reset-password', perIpLimit, async (req, res) => {
    const parsed = resetRequestForm.safeParse(req.body);
    if (!parsed.success) {
      const typed: unknown = (req.body as Record<string, unknown> | undefined)?.['email'];
      const email = typeof typed === 'string' ? typed.slice(0, 254) : '';
      return res.status(400).render('accounts/reset-request', {
        title: req.t('accounts:resetRequest.title'),
        values: { email },
        errors: { email: req.t('accounts:resetRequest.errors.email') },
      });
    }
    await passwords.requestReset(actorFrom(req), parsed.data.email, req.language);
    res.render('accounts/reset-sent', { title: req.t('accounts:resetRequest.sentTitle'), email: parsed.data.email });
  });

  router.get('/account/reset-password/:token', async (req, res) => {
    const usable = await passwords.linkIsUsable('reset', req.params.token);
    if (!usable) return res.status(410).render('accounts/link-unusable', { title: req.t('accounts:setPassword.linkUnusableTitle'), purpose: 'reset' });
    renderSetPassword(req, res, { status: 200, title: req.t('accounts:setPassword.resetTitle'), email: usable.email });
  });

  router.post('/account/reset-password/:token', async (req, res) => {
    const input = newPasswordForm.parse(req.body ?? {});
    const title = req.t('accounts:setPassword.resetTitle');
    const shapeErrors = checkNewPasswordShape(req, input);
    const usable = await passwords.linkIsUsable('reset', req.params.token);
    if (!usable) return res.status(410).render('accounts/link-unusable', { title: req.t('accounts:setPassword.linkUnusableTitle'), purpose: 'reset' });
    if (Object.keys(shapeErrors).length > 0) return renderSetPassword(req, res, { status: 400, title, email: usable.email, errors: shapeErrors });
    const result = await passwords.resetPassword(actorFrom(req), req.params.token, input.password);
    if (!result.ok && result.field === 'link') return res.status(410).render('accounts/link-unusable', { title: req.t('accounts:setPassword.linkUnusableTitle'), purpose: 'reset' });
    if (!result.ok) return renderSetPassword(req, res, { status: 400, title, email: usable.email, errors: errorsFromResult(req, result) });
    req.flash('success', req.t('accounts:setPassword.done'));
    res.redirect(303, '/account/sign-in');
  });

  return router;
}
