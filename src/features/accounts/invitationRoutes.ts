import { Router } from 'express';
import { actorFrom } from '../../audit/actor';
import type { FeatureContext } from '..';
import { checkNewPasswordShape, errorsFromResult, newPasswordForm } from './passwordForm';
import { renderSetPassword } from './passwordResetRoutes';
import { completeSignIn } from './signInRoutes';

/** An invitation link (7 days, once): the invitee chooses a password and is signed in. */
export function invitationRoutes(context: FeatureContext): Router {
  const router = Router();
  const { passwords } = context.services;
  const unusable = { title: '', purpose: 'invitation' };

  router.get('/account/invitation/:token', async (req, res) => {
    const usable = await passwords.linkIsUsable('invitation', req.params.token);
    if (!usable) return res.status(410).render('accounts/link-unusable', { ...unusable, title: req.t('accounts:setPassword.linkUnusableTitle') });
    renderSetPassword(req, res, {
      status: 200,
      title: req.t('accounts:setPassword.invitationTitle'),
      lead: req.t('accounts:setPassword.invitationLead', { email: usable.email }),
      email: usable.email,
    });
  });

  router.post('/account/invitation/:token', async (req, res) => {
    const input = newPasswordForm.parse(req.body ?? {});
    const usable = await passwords.linkIsUsable('invitation', req.params.token);
    if (!usable) return res.status(410).render('accounts/link-unusable', { ...unusable, title: req.t('accounts:setPassword.linkUnusableTitle') });
    const view = {
      title: req.t('accounts:setPassword.invitationTitle'),
      lead: req.t('accounts:setPassword.invitationLead', { email: usable.email }),
      email: usable.email,
    };
    const shapeErrors = checkNewPasswordShape(req, input);
    if (Object.keys(shapeErrors).length > 0) return renderSetPassword(req, res, { ...view, status: 400, errors: shapeErrors });
    const result = await passwords.acceptInvitation(actorFrom(req), req.params.token, input.password);
    if (!result.ok && result.field === 'link') return res.status(410).render('accounts/link-unusable', { ...unusable, title: req.t('accounts:setPassword.linkUnusableTitle') });
    if (!result.ok) return renderSetPassword(req, res, { ...view, status: 400, errors: errorsFromResult(req, result) });
    await completeSignIn(req, result.user, context);
    req.flash('success', req.t('accounts:setPassword.welcome'));
    res.redirect(303, '/account');
  });

  return router;
}
