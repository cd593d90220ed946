import { systemActor } from '../../src/audit/actor';
import { fixedClock } from '../../src/clock';
import { AuditEvent } from '../../src/models/auditEvent';
import { User } from '../../src/models/user';
import { startTestApp, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { linkIn, recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';

let smtp: TestSmtpServer;
let testApp: TestApp;
const clock = fixedClock(new Date());
beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ clock, mailer: smtp.mailer, runJobs: true });
});
afterAll(async () => {
  await testApp.stop();
  await smtp.stop();
});

const NEW_PASSWORD = 'my own long passphrase for accord';
const SEVEN_DAYS = 7 * 24 * 60 * 60_000;

async function invite(email: string) {
  const organisation = await makeOrganisation();
  await testApp.services.accounts.inviteUser(systemActor('test'), {
    email,
    role: 'member',
    organisationSlug: String(organisation.slug),
  });
  const message = await smtp.waitFor((m) => recipientOf(m) === email && /invited/.test(m.subject ?? ''));
  return new URL(linkIn(message, '/account/invitation/')).pathname;
}

describe('accepting an invitation', () => {
  it('sets the password once, signs the invitee in, and audits it', async () => {
    const email = 'invitee.one@example.test';
    const path = await invite(email);
    const page = await testApp.agent().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<label[^>]*for="field-password"[^>]*>New password<\/label>/);
    expect(page.text).toMatch(/<label[^>]*for="field-confirmPassword"[^>]*>Confirm new password<\/label>/);

    const agent = testApp.agent();
    const mismatch = await postForm(agent, path, path, {
      password: NEW_PASSWORD,
      confirmPassword: 'something else entirely',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toMatch(/id="field-confirmPassword-error">The two passwords are not the same/);
    expect((await User.findOne({ email }).lean())?.passwordHash).toBeNull();

    const accepted = await postForm(agent, path, path, {
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(accepted.status).toBe(303);
    expect((await agent.get('/')).text).toContain(email);
    const invitee = await User.findOne({ email }).lean();
    expect(await AuditEvent.countDocuments({ action: 'user.invitation-accepted', 'subject.id': String(invitee?._id) })).toBe(1);
    await signIn(testApp.agent(), email, NEW_PASSWORD);

    expect((await testApp.agent().get(path)).status).toBe(410);
    const reuse = await postForm(testApp.agent(), '/account/reset-password', path, {
      password: 'another passphrase here',
      confirmPassword: 'another passphrase here',
    });
    expect(reuse.status).toBe(410);
  });

  it('expires after 7 days', async () => {
    const path = await invite('invitee.two@example.test');
    clock.advance(SEVEN_DAYS + 1_000);
    try {
      expect((await testApp.agent().get(path)).status).toBe(410);
      const late = await postForm(testApp.agent(), '/account/reset-password', path, {
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      expect(late.status).toBe(410);
    } finally {
      clock.advance(-(SEVEN_DAYS + 1_000));
    }
  });

  it('refuses an acceptance without a CSRF token', async () => {
    const path = await invite('invitee.three@example.test');
    expect(
      (
        await testApp
          .agent()
          .post(path)
          .type('form')
          .send({ password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      ).status,
    ).toBe(403);
  });
});

describe('own account security', () => {
  it('changes the password with the current one, ends other sessions, keeps this one, and sends password-changed', async () => {
    const user = await makeUser();
    const here = testApp.agent();
    const elsewhere = testApp.agent();
    await signIn(here, user.email);
    await signIn(elsewhere, user.email);

    const wrong = await postForm(here, '/account/security', '/account/security/password', {
      currentPassword: 'not the current one',
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/id="field-currentPassword-error">Your current password is not right/);
    const common = await postForm(here, '/account/security', '/account/security/password', {
      currentPassword: TEST_PASSWORD,
      password: 'qwertyuiop123',
      confirmPassword: 'qwertyuiop123',
    });
    expect(common.status).toBe(400);
    expect(common.text).toMatch(/id="field-password-error">This password is among the most common/);
    const huge = await postForm(here, '/account/security', '/account/security/password', {
      currentPassword: TEST_PASSWORD,
      password: 'y'.repeat(10_000),
      confirmPassword: 'y'.repeat(10_000),
    });
    expect(huge.status).toBe(400);
    expect(huge.text).toMatch(/id="field-password-error">Your password must be at most 128 characters/);
    expect(await AuditEvent.countDocuments({ action: 'user.password-changed', 'subject.id': user.id })).toBe(
      0,
    );

    const changed = await postForm(here, '/account/security', '/account/security/password', {
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(303);
    expect((await here.get('/')).text).toContain(user.email);
    expect((await elsewhere.get('/')).text).not.toContain(user.email);
    await smtp.waitFor((m) => recipientOf(m) === user.email && /password was changed/.test(m.subject ?? ''));
    expect(await AuditEvent.countDocuments({ action: 'user.password-changed', 'subject.id': user.id })).toBe(
      1,
    );
  });

  it("signs out everywhere: another browser's session ends too", async () => {
    const user = await makeUser();
    const here = testApp.agent();
    const elsewhere = testApp.agent();
    await signIn(here, user.email);
    await signIn(elsewhere, user.email);
    const page = await here.get('/account/security');
    expect(page.text).toContain('>Sign out everywhere</button>');
    const response = await postForm(here, '/account/security', '/account/security/sign-out-everywhere', {});
    expect(response.status).toBe(303);
    expect((await elsewhere.get('/')).text).not.toContain(user.email);
    expect((await here.get('/')).text).not.toContain(user.email);
    expect(await testApp.services.userSessions.count(user.id)).toBe(0);
    expect(
      await AuditEvent.countDocuments({ action: 'user.signed-out-everywhere', 'subject.id': user.id }),
    ).toBe(1);
  });

  it.each([
    '/account/security/password',
    '/account/security/sign-out-everywhere',
    '/account/two-factor/disable',
  ])('refuses %s without a CSRF token', async (action) => {
    const user = await makeUser();
    const agent = testApp.agent();
    await signIn(agent, user.email);
    expect(
      (
        await agent
          .post(action)
          .type('form')
          .send({ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      ).status,
    ).toBe(403);
    expect((await agent.get('/')).text).toContain(user.email);
  });

  it('a password someone else set must be changed before anything else', async () => {
    const email = 'first.timer@example.test';
    await testApp.services.accounts.createUser(systemActor('test'), {
      email,
      role: 'member',
      password: TEST_PASSWORD,
      mustChangePassword: true,
    });
    const agent = testApp.agent();
    await signIn(agent, email);
    const elsewhere = await agent.get('/signatories');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers['location']).toBe('/account/security');
    expect((await agent.get('/account/security')).text).toContain('Choose your own password to continue');
    await postForm(agent, '/account/security', '/account/security/password', {
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect((await agent.get('/signatories')).status).toBe(200);
  });
});
