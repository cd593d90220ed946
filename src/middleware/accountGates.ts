import type { RequestHandler } from 'express';
import { policies } from '../policies/policies';

const signOut = 'POST /account/sign-out';
const changePasswordPages = new Set(['GET /account/security', 'POST /account/security/password', signOut]);
const enrolmentPages = new Set([
  'GET /account/two-factor',
  'POST /account/two-factor',
  'GET /account/two-factor/recovery-codes',
  signOut,
]);

/**
 * Signed-in users who still owe a step reach only the page for it (and sign-out): a password someone else
 * set must be changed first, then the roles that need two-factor authentication must turn it on.
 */
export function setUpAccountGates(): RequestHandler {
  return (req, res, next) => {
    const user = req.user;
    if (!user) return next();
    const route = `${req.method === 'HEAD' ? 'GET' : req.method} ${req.path}`;
    if (user.mustChangePassword) {
      return changePasswordPages.has(route) ? next() : res.redirect(303, '/account/security');
    }
    if (policies.mustUseTwoFactor(user) && !user.twoFactorEnabled) {
      return enrolmentPages.has(route) ? next() : res.redirect(303, '/account/two-factor');
    }
    next();
  };
}
