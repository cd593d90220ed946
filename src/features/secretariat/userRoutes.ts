import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorFrom, ROLES } from '../../audit/actor';
import { authorise } from '../../middleware/authorise';
import { languages } from '../../middleware/i18n';
import { policies } from '../../policies/policies';
import type { FeatureContext } from '..';
import { enteredInvitation, invitationErrors, invitationForm, type InvitationField } from '../users/invitationForm';
import { inviteUser } from '../users/inviteUser';
import { searchUsers } from '../users/userSearch';
import { pageNumber, pageUrlOf } from './pageNumber';

const listQuery = z.object({ q: z.string().max(200).catch(''), page: pageNumber });
const inviteQuery = z.object({ organisation: z.string().max(300).catch('') });

function renderInvitation(req: Request, res: Response, status: number, form: Record<InvitationField, string>, errors: Partial<Record<InvitationField, string>> = {}) {
  const actor = actorFrom(req);
  res.status(status).render('secretariat/users/invite', {
    title: req.t('users:invite.title'),
    form,
    errors: Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, req.t(`users:${key}`)])),
    roles: ROLES.filter((role) => policies.canGrantRole(actor, role)),
    languages,
  });
}

/** The list of users with its search, and inviting someone to an organisation. */
export function userRoutes(context: FeatureContext): Router {
  const router = Router();
  const { accounts } = context.services;
  const canManageUsers = authorise((actor) => policies.canManageUsers(actor));

  router.get('/users', canManageUsers, async (req, res) => {
    const query = listQuery.parse(req.query);
    const found = await searchUsers(query);
    res.render('secretariat/users/index', {
      title: req.t('users:list.title'),
      q: query.q,
      ...found,
      pageUrl: pageUrlOf('/secretariat/users', { q: query.q }),
    });
  });

  router.get('/users/invite', canManageUsers, (req, res) => {
    const { organisation } = inviteQuery.parse(req.query);
    renderInvitation(req, res, 200, { email: '', organisation, role: 'member', language: req.language === 'fr' ? 'fr' : 'en' });
  });

  router.post('/users/invite', canManageUsers, async (req, res) => {
    const entered = enteredInvitation(req.body);
    const parsed = invitationForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderInvitation(req, res, 400, entered, invitationErrors(parsed.error));
    const outcome = await inviteUser(accounts, actorFrom(req), parsed.data);
    if (!outcome.ok) return renderInvitation(req, res, outcome.errors.role ? 403 : 400, entered, outcome.errors);
    req.flash('success', req.t('users:invite.sent', { email: parsed.data.email }));
    res.redirect(303, `/secretariat/users/${outcome.userId}`);
  });

  return router;
}
