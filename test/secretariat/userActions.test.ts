import { AuditEvent } from '../../src/models/auditEvent';
import { User } from '../../src/models/user';
import { actorFrom } from '../../src/audit/actor';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { fetchCsrf, postForm } from '../helpers/csrf';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { makeStaffUser, signInStaff } from '../helpers/staff';

jest.setTimeout(120_000);

let testApp: TestApp;
let secretariat: Agent;
let admin: Agent;
let secretariatUser: Awaited<ReturnType<typeof makeStaffUser>>;
let adminUser: Awaited<ReturnType<typeof makeStaffUser>>;

beforeAll(async () => {
  testApp = await startTestApp();
  secretariatUser = await makeStaffUser('secretariat');
  secretariat = testApp.agent();
  await signInStaff(secretariat, secretariatUser);
  adminUser = await makeStaffUser('admin');
  admin = testApp.agent();
  await signInStaff(admin, adminUser);
});
afterAll(() => testApp.stop());

const pageOf = (user: { id: string }) => `/secretariat/users/${user.id}`;
const act = (agent: Agent, user: { id: string }, action: string, fields: Record<string, string> = {}) =>
  postForm(agent, pageOf(user), `${pageOf(user)}/${action}`, fields);
const actorOf = (user: { id: string; email: string; role: 'secretariat' | 'admin' }) =>
  actorFrom({ user: { id: user.id, email: user.email, role: user.role } });

describe('disabling and re-enabling a user', () => {
  it('ends the user’s open session at once, refuses their sign-in, and lets them back after re-enabling', async () => {
    const organisation = await makeOrganisation();
    const member = await makeUser({ organisation });
    const memberAgent = testApp.agent();
    await signIn(memberAgent, member.email);
    expect((await memberAgent.get('/account')).status).toBe(200);

    const disabled = await act(secretariat, member, 'disable');
    expect(disabled.status).toBe(303);
    expect((await secretariat.get(pageOf(member))).text).toContain('The user is disabled; their sessions have ended.');
    expect((await User.findById(member.id).lean())?.disabled).toBe(true);
    const after = await memberAgent.get('/account');
    expect(after.status).toBe(303);
    expect(after.headers['location']).toMatch(/^\/account\/sign-in/);
    await expect(signIn(testApp.agent(), member.email)).rejects.toThrow(/answered 401/);
    const event = await AuditEvent.findOne({ action: 'user.disabled', 'subject.id': member.id }).lean();
    expect(event).toMatchObject({ actor: { label: secretariatUser.email }, before: { disabled: false }, after: { disabled: true } });
    expect(String(event?.organisation)).toBe(String(organisation._id));

    expect((await act(secretariat, member, 'enable')).status).toBe(303);
    expect((await User.findById(member.id).lean())?.disabled).toBe(false);
    await signIn(testApp.agent(), member.email);
    expect(await AuditEvent.countDocuments({ action: 'user.enabled', 'subject.id': member.id })).toBe(1);
  });

  it('refuses to let staff disable themselves, with a clear message', async () => {
    const response = await act(admin, adminUser, 'disable');
    expect(response.status).toBe(409);
    expect(response.text).toContain('You cannot disable your own account.');
    expect((await User.findById(adminUser.id).lean())?.disabled).toBe(false);
  });

  it('refuses to disable the last active administrator', async () => {
    expect(await User.countDocuments({ role: 'admin', disabled: false })).toBe(1);
    const events = await AuditEvent.countDocuments({ action: 'user.disabled' });
    const response = await act(secretariat, adminUser, 'disable');
    expect(response.status).toBe(409);
    expect(response.text).toContain('this is the last active administrator');
    expect((await User.findById(adminUser.id).lean())?.disabled).toBe(false);
    expect(await AuditEvent.countDocuments({ action: 'user.disabled' })).toBe(events);
    expect((await admin.get('/secretariat')).status).toBe(200);
  });

  it('answers 404 for an unknown user and 403 without a CSRF token', async () => {
    const token = await fetchCsrf(secretariat, '/secretariat/users');
    expect((await secretariat.post('/secretariat/users/0123456789abcdef01234567/disable').type('form').send({ _csrf: token })).status).toBe(404);
    const member = await makeUser({ organisation: await makeOrganisation() });
    expect((await secretariat.post(`${pageOf(member)}/disable`).type('form').send({})).status).toBe(403);
    expect((await User.findById(member.id).lean())?.disabled).toBe(false);
  });
});

describe('resetting a user’s two-factor authentication', () => {
  it('clears the authenticator, ends their sessions, and makes them enrol again at the next sign-in', async () => {
    const colleague = await makeStaffUser('secretariat');
    const colleagueAgent = testApp.agent();
    await signInStaff(colleagueAgent, colleague);
    expect((await colleagueAgent.get('/secretariat')).status).toBe(200);

    expect((await act(admin, colleague, 'two-factor-reset')).status).toBe(303);
    const stored = await User.findById(colleague.id).lean();
    expect(stored?.twoFactor).toMatchObject({ enabled: false, secret: null, recoveryCodes: [] });
    expect((await colleagueAgent.get('/secretariat')).status).toBe(303);

    const again = testApp.agent();
    const password = await postForm(again, '/account/sign-in', '/account/sign-in', { email: colleague.email, password: TEST_PASSWORD });
    expect(password.status).toBe(303);
    const next = await again.get('/secretariat');
    expect(next.status).toBe(303);
    expect(next.headers['location']).toBe('/account/two-factor');
    expect(await AuditEvent.countDocuments({ action: 'user.two-factor-reset', 'subject.id': colleague.id })).toBe(1);

    const page = await admin.get(pageOf(colleague));
    expect(page.text).toContain('This user has not set up two-factor authentication.');
  });
});

describe('changing a role', () => {
  it('is refused to the secretariat (403, no change) and not even offered on the page', async () => {
    const member = await makeUser({ organisation: await makeOrganisation() });
    const page = await secretariat.get(pageOf(member));
    expect(page.text).toContain('Only an administrator can change roles.');
    expect(page.text).not.toContain(`${pageOf(member)}/role`);
    const token = await fetchCsrf(secretariat, pageOf(member));
    const response = await secretariat.post(`${pageOf(member)}/role`).type('form').send({ _csrf: token, role: 'admin' });
    expect(response.status).toBe(403);
    expect((await User.findById(member.id).lean())?.role).toBe('member');
    expect(await AuditEvent.countDocuments({ action: 'user.role-changed', 'subject.id': member.id })).toBe(0);
  });

  it('is done by an admin, audited with before and after, and takes effect on the user’s next request', async () => {
    const member = await makeUser({ organisation: await makeOrganisation() });
    const memberAgent = testApp.agent();
    await signIn(memberAgent, member.email);
    expect((await memberAgent.get('/secretariat')).status).toBe(404);

    expect((await act(admin, member, 'role', { role: 'secretariat' })).status).toBe(303);
    expect((await User.findById(member.id).lean())?.role).toBe('secretariat');
    const event = await AuditEvent.findOne({ action: 'user.role-changed', 'subject.id': member.id }).lean();
    expect(event).toMatchObject({ actor: { label: adminUser.email, role: 'admin' }, before: { role: 'member' }, after: { role: 'secretariat' } });
    // Staff must use two-factor, so the new role first leads to enrolment.
    const next = await memberAgent.get('/secretariat');
    expect(next.headers['location']).toBe('/account/two-factor');
  });

  it('refuses an admin’s own role, an unknown role, and a member without an organisation, each with its message', async () => {
    const own = await act(admin, adminUser, 'role', { role: 'member' });
    expect(own.status).toBe(403);
    expect((await User.findById(adminUser.id).lean())?.role).toBe('admin');

    const staff = await makeStaffUser('secretariat');
    const unknown = await act(admin, staff, 'role', { role: 'owner' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Choose one of the roles.');
    const memberless = await act(admin, staff, 'role', { role: 'member' });
    expect(memberless.status).toBe(409);
    expect(memberless.text).toContain('a member belongs to an organisation');
    expect((await User.findById(staff.id).lean())?.role).toBe('secretariat');
  });

  it('keeps one admin when two admins remove each other at the same moment', async () => {
    const first = await makeStaffUser('admin');
    const second = await makeStaffUser('admin');
    // Only these two are active admins for this race.
    await User.updateOne({ _id: adminUser._id }, { $set: { role: 'secretariat' } });
    try {
      const outcomes = await Promise.allSettled([
        testApp.services.userAdmin.changeRole(actorOf({ ...first, role: 'admin' }), second.id, 'secretariat'),
        testApp.services.userAdmin.changeRole(actorOf({ ...second, role: 'admin' }), first.id, 'secretariat'),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ reason: 'last-admin' });
      expect(await User.countDocuments({ _id: { $in: [first._id, second._id] }, role: 'admin' })).toBe(1);
    } finally {
      await User.updateOne({ _id: adminUser._id }, { $set: { role: 'admin' } });
    }
  });
});
