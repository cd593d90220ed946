import type { RequestHandler } from 'express';
import { authorise, requireSignedIn } from '../../middleware/authorise';
import { policies } from '../../policies/policies';
import { loadedOrganisation, loadOrganisation } from './loadOrganisation';

/**
 * Every `/account/organisations/:slug/...` route starts with these: anonymous visitors go to sign in
 * (before any lookup, so they learn nothing), then the organisation is loaded, then the policy decides;
 * another organisation's pages answer 404 exactly as a missing one does.
 */
export const organisationGuard = (): RequestHandler[] => [
  requireSignedIn(),
  loadOrganisation() as unknown as RequestHandler,
  authorise((actor, _req, res) => policies.canEditOrganisation(actor, loadedOrganisation(res))),
];

/** The secretariat's and admins' pages: anyone else gets 404. */
export const staffGuard = (): RequestHandler[] => [requireSignedIn(), authorise((actor) => policies.canUseSecretariat(actor))];
