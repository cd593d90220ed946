import { randomBytes } from 'node:crypto';
import { systemActor } from '../audit/actor';
import { User } from '../models/user';
import type { Services } from '../services';

export const FIRST_ADMIN_EMAIL = 'admin@registry.localhost';

/**
 * On a development start with no admin, creates one with a one-time password and says so once, so a new
 * developer can sign in at once; the password must be changed at the first sign-in. Production never does
 * this: its first admin comes from `npm run users -- add`.
 */
export async function ensureFirstAdmin(
  services: Pick<Services, 'config' | 'accounts' | 'linkTo'>,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<boolean> {
  if (services.config.env !== 'development') return false;
  if (await User.exists({ role: 'admin' })) return false;
  const password = randomBytes(15).toString('base64url');
  await services.accounts.createUser(systemActor('first-admin'), {
    email: FIRST_ADMIN_EMAIL,
    role: 'admin',
    password,
    mustChangePassword: true,
  });
  write(
    [
      'First administrator created (development only; this is shown once):',
      `  Email address:     ${FIRST_ADMIN_EMAIL}`,
      `  One-time password: ${password}`,
      `  Sign in at ${services.linkTo('/account/sign-in')} and choose your own password.`,
      '',
    ].join('\n'),
  );
  return true;
}
