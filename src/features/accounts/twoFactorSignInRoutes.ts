import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { createRateLimiter } from '../../middleware/rateLimit';
import type { FeatureContext } from '..';
import { completeSignIn } from './signInRoutes';

/** How long the second step waits after a correct password before the password must be entered again. */
export const PENDING_SIGN_IN_MS = 5 * 60_000;

const codeForm = z.object({ code: z.string().max(100_000).catch('') });

function renderStep(req: Request, res: Response, status: number, error?: string) {
  res.status(status).render('accounts/sign-in-two-factor', { title: req.t('accounts:twoFactorSignIn.title'), error });
}

/** The second step of signing in, for accounts with two-factor on: a code from the app or a recovery code. */
export function twoFactorSignInRoutes(context: FeatureContext): Router {
  const router = Router();
  const { twoFactor, clock } = context.services;
  const perIpLimit = createRateLimiter(context.connection, { name: 'sign-in', windowMs: 15 * 60_000, limit: 100, writesOnly: true });

  const pending = (req: Request) => {
    const found = req.session?.pendingSignIn;
    if (!found) return null;
    return clock.now().getTime() - found.at <= PENDING_SIGN_IN_MS ? found : 'expired';
  };

  const startAgain = (req: Request, res: Response) => {
    if (req.session) delete req.session.pendingSignIn;
    req.flash('error', req.t('accounts:twoFactorSignIn.errors.expired'));
    res.redirect(303, '/account/sign-in');
  };

  router.get('/account/sign-in/two-factor', (req, res) => {
    const state = pending(req);
    if (state === null) return res.redirect(303, '/account/sign-in');
    if (state === 'expired') return startAgain(req, res);
    renderStep(req, res, 200);
  });

  router.post('/account/sign-in/two-factor', perIpLimit, async (req, res) => {
    const state = pending(req);
    if (state === null) return res.redirect(303, '/account/sign-in');
    if (state === 'expired') return startAgain(req, res);
    const { code } = codeForm.parse(req.body ?? {});
    if (code.trim() === '' || code.length > 100) {
      return renderStep(req, res, 400, req.t(code.trim() === '' ? 'accounts:twoFactorSignIn.errors.missing' : 'accounts:twoFactorSignIn.errors.invalid'));
    }
    const result = await twoFactor.verifySignIn(actorFrom(req), state.userId, code);
    if (!result.ok) {
      if (result.reason === 'locked') {
        const minutes = Math.max(1, Math.ceil((result.until.getTime() - clock.now().getTime()) / 60_000));
        return renderStep(req, res, 429, req.t('accounts:signIn.errors.locked', { minutes }));
      }
      return renderStep(req, res, 401, req.t('accounts:twoFactorSignIn.errors.invalid'));
    }
    const returnTo = state.returnTo;
    await completeSignIn(req, result.user, context, { alreadyRecorded: !result.usedRecoveryCode });
    if (result.usedRecoveryCode) req.flash('info', req.t('accounts:twoFactorSignIn.recoveryUsed', { count: result.recoveryCodesLeft }));
    res.redirect(303, returnTo);
  });

  return router;
}
