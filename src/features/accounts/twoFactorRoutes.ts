import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { requireSignedIn } from '../../middleware/authorise';
import { saveSession } from '../../middleware/session';
import { policies } from '../../policies/policies';
import type { FeatureContext } from '..';
import { enrolmentDetails, newTotpSecret } from './twoFactor';

const codeForm = z.object({ code: z.string().max(100_000).catch('') });

/** Two-factor set-up: a secret kept in the session until a code from it checks out, then recovery codes once. */
export function twoFactorRoutes(context: FeatureContext): Router {
  const router = Router();
  const { twoFactor } = context.services;

  async function renderSetUp(req: Request, res: Response, status: number, error?: string) {
    const user = req.user!;
    if (user.twoFactorEnabled) return res.render('accounts/two-factor-on', { title: req.t('accounts:twoFactor.title') });
    req.session.twoFactorSetup ??= newTotpSecret();
    const details = await enrolmentDetails(req.session.twoFactorSetup, user.email);
    res.status(status).render('accounts/two-factor-setup', {
      title: req.t('accounts:twoFactor.title'),
      ...details,
      required: policies.mustUseTwoFactor(user),
      error,
    });
  }

  router.get('/account/two-factor', requireSignedIn(), (req, res) => renderSetUp(req, res, 200));

  router.post('/account/two-factor', requireSignedIn(), async (req, res) => {
    const secret = req.session.twoFactorSetup;
    if (req.user!.twoFactorEnabled || !secret) return res.redirect(303, '/account/two-factor');
    const { code } = codeForm.parse(req.body ?? {});
    const result = code.length <= 100 ? await twoFactor.enable(actorFrom(req), secret, code) : { ok: false as const };
    if (!result.ok) return renderSetUp(req, res, 400, req.t('accounts:twoFactor.errors.invalid'));
    delete req.session.twoFactorSetup;
    req.session.recoveryCodesToShow = result.recoveryCodes;
    await saveSession(req);
    res.redirect(303, '/account/two-factor/recovery-codes');
  });

  router.get('/account/two-factor/recovery-codes', requireSignedIn(), async (req, res) => {
    const codes = req.session.recoveryCodesToShow ?? [];
    delete req.session.recoveryCodesToShow;
    await saveSession(req);
    res.set('Cache-Control', 'no-store');
    res.render('accounts/recovery-codes', { title: req.t('accounts:recoveryCodes.title'), codes });
  });

  return router;
}
