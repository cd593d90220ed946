import { generateSecret } from 'otplib';
import type { Role } from '../../src/audit/actor';
import { User } from '../../src/models/user';
import type { Agent } from './app';
import { postForm } from './csrf';
import { makeUser, TEST_PASSWORD } from './factories';
import { totpAt } from './twoFactor';

/** A secretariat member or admin with two-factor already on (set through the model with a known secret). */
export async function makeStaffUser(role: Extract<Role, 'secretariat' | 'admin'> = 'secretariat') {
  const user = await makeUser({ role });
  const secret = generateSecret();
  await User.updateOne({ _id: user._id }, { $set: { twoFactor: { secret, enabled: true, recoveryCodes: [], lastUsedStep: null } } });
  return { ...user, secret };
}

/** Signs a staff user in through both real steps: password, then the authenticator code. */
export async function signInStaff(agent: Agent, staff: { _id: unknown; email: string; secret: string }) {
  // Each sign-in may reuse the current time step; clearing the last one used keeps tests independent of the clock.
  await User.updateOne({ _id: staff._id }, { $set: { 'twoFactor.lastUsedStep': null } });
  const password = await postForm(agent, '/account/sign-in', '/account/sign-in', { email: staff.email, password: TEST_PASSWORD });
  if (password.headers['location'] !== '/account/sign-in/two-factor') throw new Error(`password step answered ${password.status}`);
  const code = await postForm(agent, '/account/sign-in/two-factor', '/account/sign-in/two-factor', { code: await totpAt(staff.secret, new Date()) });
  if (code.status !== 303) throw new Error(`code step answered ${code.status}`);
}
