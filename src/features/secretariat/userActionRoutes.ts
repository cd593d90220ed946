import { Router, type NextFunction, type Request, type Response } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { actorFrom, ROLES } from '../../audit/actor';
import { authorise } from '../../middleware/authorise';
import { policies } from '../../policies/policies';
import type { FeatureContext } from '..';
import { UserChangeRefused, type UserAdminService } from '../users/userAdminService';

const roleForm = z.object({ role: z.enum(ROLES) });

type LoadedUser = NonNullable<Awaited<ReturnType<UserAdminService['load']>>>;

interface Problem {
  /** Which form the message belongs next to. */
  form: 'access' | 'twoFactor' | 'role';
  message: string;
}

/** One user's page and the changes the secretariat makes to the account (each a separate small form). */
export function userActionRoutes(context: FeatureContext): Router {
  const router = Router();
  const { userAdmin } = context.services;

  /** Load, then authorise: 404 for an unknown user, before any policy looks at it. */
  async function loadUser(req: Request, res: Response, next: NextFunction) {
    const user = await userAdmin.load(String(req.params['id']));
    if (!user) return next(createError(404));
    res.locals.subjectUser = user;
    next();
  }
  const canManageUsers = authorise((actor) => policies.canManageUsers(actor));
  const canChangeRole = authorise((actor, _req, res) => policies.canChangeRole(actor, { id: String((res.locals.subjectUser as LoadedUser)._id) }), 403);

  function renderUser(req: Request, res: Response, status = 200, problem?: Problem) {
    const user = res.locals.subjectUser as LoadedUser;
    const actor = actorFrom(req);
    res.status(status).render('secretariat/users/show', {
      title: user.email,
      user,
      state: user.disabled ? 'disabled' : user.passwordHash ? 'active' : 'invited',
      isSelf: actor.userId === String(user._id),
      mayChangeRole: policies.canChangeRole(actor, { id: String(user._id) }),
      roles: ROLES,
      problem,
    });
  }

  async function act(req: Request, res: Response, form: Problem['form'], change: () => Promise<boolean>, doneKey: string) {
    try {
      const changed = await change();
      req.flash(changed ? 'success' : 'info', req.t(changed ? doneKey : 'users:show.unchanged'));
    } catch (error) {
      if (error instanceof UserChangeRefused) return renderUser(req, res, 409, { form, message: req.t(`users:refused.${error.reason}`) });
      throw error;
    }
    res.redirect(303, `/secretariat/users/${String((res.locals.subjectUser as LoadedUser)._id)}`);
  }

  const idOf = (res: Response) => String((res.locals.subjectUser as LoadedUser)._id);

  router.get('/users/:id', canManageUsers, loadUser, (req, res) => renderUser(req, res));

  router.post('/users/:id/disable', canManageUsers, loadUser, (req, res) =>
    act(req, res, 'access', () => userAdmin.setDisabled(actorFrom(req), idOf(res), true), 'users:show.disabled'),
  );

  router.post('/users/:id/enable', canManageUsers, loadUser, (req, res) =>
    act(req, res, 'access', () => userAdmin.setDisabled(actorFrom(req), idOf(res), false), 'users:show.enabled'),
  );

  router.post('/users/:id/two-factor-reset', canManageUsers, loadUser, (req, res) =>
    act(req, res, 'twoFactor', () => userAdmin.resetTwoFactor(actorFrom(req), idOf(res)), 'users:show.twoFactorReset'),
  );

  router.post('/users/:id/role', canManageUsers, loadUser, canChangeRole, async (req, res) => {
    const parsed = roleForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderUser(req, res, 400, { form: 'role', message: req.t('users:errors.roleInvalid') });
    return act(req, res, 'role', () => userAdmin.changeRole(actorFrom(req), idOf(res), parsed.data.role), 'users:show.roleChanged');
  });

  return router;
}
