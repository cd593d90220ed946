import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { requireSignedIn } from '../../middleware/authorise';
import { regenerateSession } from '../../middleware/session';
import { policies } from '../../policies/policies';
import type { FeatureContext } from '..';
import { changePasswordForm, checkNewPasswordShape, errorsFromResult, type FieldErrors } from './passwordForm';

const disableForm = z.object({ disablePassword: z.string().max(100_000).catch('') });
type SecurityErrors = FieldErrors & { disablePassword?: string };

/** The signed-in user's own security: password, two-factor on or off, sign out everywhere. */
export function securityRoutes(context: FeatureContext): Router {
  const router = Router();
  const { passwords, twoFactor, userSessions } = context.services;

  async function render(req: Request, res: Response, status: number, errors: SecurityErrors = {}) {
    const user = req.user!;
    res.status(status).render('accounts/security', {
      title: req.t('accounts:security.title'),
      errors,
      mustChange: user.mustChangePassword,
      twoFactor: await twoFactor.status(user.id),
      twoFactorRequired: policies.mustUseTwoFactor(user),
    });
  }

  router.get('/account/security', requireSignedIn(), (req, res) => render(req, res, 200));

  router.post('/account/security/password', requireSignedIn(), async (req, res) => {
    const input = changePasswordForm.parse(req.body ?? {});
    if (input.currentPassword === '') return render(req, res, 400, { currentPassword: req.t('accounts:passwordErrors.currentMissing') });
    const shapeErrors = checkNewPasswordShape(req, input);
    if (Object.keys(shapeErrors).length > 0) return render(req, res, 400, shapeErrors);
    const result = await passwords.changePassword(actorFrom(req), {
      currentPassword: input.currentPassword.slice(0, 1024),
      password: input.password,
      currentSessionId: req.sessionID ?? null,
    });
    if (!result.ok) return render(req, res, 400, errorsFromResult(req, result));
    req.flash('success', req.t('accounts:security.passwordChanged'));
    res.redirect(303, req.user!.mustChangePassword ? '/account' : '/account/security');
  });

  router.post('/account/two-factor/disable', requireSignedIn(), async (req, res) => {
    const { disablePassword } = disableForm.parse(req.body ?? {});
    if (disablePassword === '') return render(req, res, 400, { disablePassword: req.t('accounts:passwordErrors.currentMissing') });
    const outcome = await twoFactor.disable(actorFrom(req), disablePassword.slice(0, 1024));
    if (outcome === 'required') return render(req, res, 403);
    if (outcome === 'wrong-password') return render(req, res, 400, { disablePassword: req.t('accounts:passwordErrors.currentWrong') });
    req.flash('success', req.t('accounts:security.twoFactorTurnedOff'));
    res.redirect(303, '/account/security');
  });

  router.post('/account/security/sign-out-everywhere', requireSignedIn(), async (req, res) => {
    await userSessions.signOutEverywhere(actorFrom(req));
    // This session's record is gone from the store; a fresh anonymous one carries the confirmation.
    await regenerateSession(req);
    req.flash('success', req.t('accounts:security.signedOutEverywhere'));
    res.redirect(303, '/account/sign-in');
  });

  return router;
}
