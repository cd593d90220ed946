import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorFrom } from '../../audit/actor';
import { regenerateSession, saveSession, destroySession, sessionCookieName } from '../../middleware/session';
import type { FeatureContext } from '..';
import { createRateLimiter } from '../../middleware/rateLimit';
import { safeReturnTo } from './returnTo';

const signInForm = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  returnTo: z.string().max(2000).optional(),
});

function renderSignIn(req: Request, res: Response, status: number, values: { email: string; returnTo: string }, error?: string) {
  res.status(status).render('accounts/sign-in', { title: req.t('accounts:signIn.title'), values, error });
}

/** Completes a sign-in: Passport regenerates the session (a new id) and stores only the user id in it. */
export async function completeSignIn(
  req: Request,
  user: Express.User,
  context: FeatureContext,
  options: { alreadyRecorded?: boolean } = {},
): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.login(user, { session: true, keepSessionInfo: false }, (error) => (error ? reject(error) : resolve())),
  );
  if (!options.alreadyRecorded)
    await context.services.accounts.recordSignIn(actorFrom({ user, id: req.id, ip: req.ip }), user.id);
}

export function signInRoutes(context: FeatureContext): Router {
  const router = Router();
  const { accounts } = context.services;
  const perIpLimit = createRateLimiter(context.connection, { name: 'sign-in', windowMs: 15 * 60_000, limit: 100, writesOnly: true });

  router.get('/account/sign-in', (req, res) => {
    if (req.user) return res.redirect(303, safeReturnTo(req.query['returnTo']));
    renderSignIn(req, res, 200, { email: '', returnTo: safeReturnTo(req.query['returnTo']) });
  });

  router.post('/account/sign-in', perIpLimit, async (req, res) => {
    const parsed = signInForm.safeParse(req.body);
    const returnTo = safeReturnTo(parsed.success ? parsed.data.returnTo : undefined);
    const email = parsed.success ? parsed.data.email : '';
    if (!parsed.success) return renderSignIn(req, res, 400, { email, returnTo }, req.t('accounts:signIn.errors.missing'));
    const result = await accounts.checkPassword(actorFrom(req), parsed.data.email, parsed.data.password);
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? req.t('accounts:signIn.errors.locked', { minutes: Math.max(1, Math.ceil((result.until.getTime() - context.services.clock.now().getTime()) / 60_000)) })
          : req.t('accounts:signIn.errors.invalid');
      return renderSignIn(req, res, result.reason === 'locked' ? 429 : 401, { email, returnTo }, message);
    }
    if (result.twoFactorRequired) {
      await regenerateSession(req);
      req.session.pendingSignIn = { userId: result.user.id, returnTo, at: context.services.clock.now().getTime() };
      await saveSession(req);
      return res.redirect(303, '/account/sign-in/two-factor');
    }
    await completeSignIn(req, result.user, context);
    res.redirect(303, returnTo);
  });

  router.post('/account/sign-out', async (req, res) => {
    await new Promise<void>((resolve) => req.logout({ keepSessionInfo: false }, () => resolve()));
    if (req.session) await destroySession(req);
    res.clearCookie(sessionCookieName);
    res.redirect(303, '/');
  });

  return router;
}
