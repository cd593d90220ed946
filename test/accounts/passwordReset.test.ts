import { fixedClock } from '../../src/clock';
import { AuditEvent } from '../../src/models/auditEvent';
import { Token } from '../../src/models/token';
import { User } from '../../src/models/user';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchCsrf, postForm } from '../helpers/csrf';
import { makeUser, TEST_PASSWORD } from '../helpers/factories';
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

const NEW_PASSWORD = 'a brand new passphrase for the registry';
const pathOf = (link: string) => new URL(link).pathname;

async function requestReset(email: string) {
  const response = await postForm(testApp.agent(), '/account/reset-password', '/account/reset-password', {
    email,
  });
  expect(response.status).toBe(200);
  return response;
}

async function resetLinkFor(email: string) {
  const message = await smtp.waitFor((m) => recipientOf(m) === email && /Reset/.test(m.subject ?? ''));
  return pathOf(linkIn(message, '/account/reset-password/'));
}

const setPassword = (path: string, password: string, confirmPassword = password) =>
  postForm(testApp.agent(), path, path, { password, confirmPassword });

describe('password reset by e-mail', () => {
  it('has the form the checks use and answers the same whether the address is known', async () => {
    const page = await testApp.agent().get('/account/reset-password');
    expect(page.text).toMatch(/<label[^>]*for="field-email"[^>]*>Email address<\/label>/);
    expect(page.text).toContain('>Send reset link</button>');
    const user = await makeUser();
    const known = await requestReset(user.email);
    const unknown = await requestReset('nobody-here@example.test');
    const body = (text: string, email: string) =>
      text.replace(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/g, '');
    expect(body(known.text, user.email)).toBe(body(unknown.text, 'nobody-here@example.test'));
    await resetLinkFor(user.email);
    expect(smtp.messages.some((m) => recipientOf(m) === 'nobody-here@example.test')).toBe(false);
  });

  it('sets a new password with the link once, ends sessions, sends password-changed, and audits', async () => {
    const user = await makeUser();
    const signedIn = testApp.agent();
    await signIn(signedIn, user.email);
    await requestReset(user.email);
    const path = await resetLinkFor(user.email);
    const token = path.split('/').pop()!;
    expect(await Token.countDocuments({ hash: token })).toBe(0);

    const page = await testApp.agent().get(path);
    expect(page.text).toMatch(/<label[^>]*for="field-password"[^>]*>New password<\/label>/);
    expect(page.text).toMatch(/<label[^>]*for="field-confirmPassword"[^>]*>Confirm new password<\/label>/);
    expect(page.text).toContain('>Set password</button>');

    const done = await setPassword(path, NEW_PASSWORD);
    expect(done.status).toBe(303);
    expect(done.headers['location']).toBe('/account/sign-in');
    expect((await signedIn.get('/')).text).not.toContain(user.email);
    await signIn(testApp.agent(), user.email, NEW_PASSWORD);
    const changed = await smtp.waitFor(
      (m) => recipientOf(m) === user.email && /password was changed/.test(m.subject ?? ''),
    );
    expect(changed.text).toContain('changed');
    expect(await AuditEvent.countDocuments({ action: 'user.password-reset', 'subject.id': user.id })).toBe(1);

    const again = await postForm(testApp.agent(), '/account/reset-password', path, {
      password: 'yet another passphrase to try',
      confirmPassword: 'yet another passphrase to try',
    });
    expect(again.status).toBe(410);
    expect(again.text).toContain('expired or has already been used');
    await signIn(testApp.agent(), user.email, NEW_PASSWORD);
  });

  it('expires the link after an hour', async () => {
    const user = await makeUser();
    await requestReset(user.email);
    const path = await resetLinkFor(user.email);
    clock.advance(60 * 60_000 + 1_000);
    try {
      expect((await testApp.agent().get(path)).status).toBe(410);
      const late = await postForm(testApp.agent(), '/account/reset-password', path, {
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      expect(late.status).toBe(410);
    } finally {
      // Jobs are due at the clock's time: put it back so later mail is not scheduled an hour ahead.
      clock.advance(-(60 * 60_000 + 1_000));
    }
    await signIn(testApp.agent(), user.email, TEST_PASSWORD);
  });

  describe('bad input on the link page', () => {
    let user: Awaited<ReturnType<typeof makeUser>>;
    let path: string;
    beforeAll(async () => {
      user = await makeUser({ email: 'resetting.person@example.test' });
      await requestReset(user.email);
      path = await resetLinkFor(user.email);
    });

    it.each([
      ['a common password', 'password1234', 'password', 'among the most common'],
      ['one containing the e-mail', 'EMAILLOCAL and more words', 'password', 'first part of your email'],
      ['a short one', 'short', 'password', 'at least 12 characters'],
      ['10 kB of text', 'x'.repeat(10_000), 'password', 'at most 128 characters'],
      ['a mismatched confirmation', NEW_PASSWORD, 'confirmPassword', 'not the same'],
    ])(
      'refuses %s with a message next to the field and changes nothing',
      async (_name, password, field, message) => {
        const chosen = password.replace('EMAILLOCAL', user.email.split('@')[0]!);
        const before = (await User.findById(user._id).lean())?.passwordHash;
        const response = await setPassword(
          path,
          chosen,
          field === 'confirmPassword' ? `${chosen} but different` : chosen,
        );
        expect(response.status).toBe(400);
        expect(response.text).toMatch(new RegExp(`id="field-${field}-error">[^<]*${message}`));
        expect((await User.findById(user._id).lean())?.passwordHash).toBe(before);
        expect((await testApp.agent().get(path)).status).toBe(200);
      },
    );
  });

  it('refuses both forms without a CSRF token', async () => {
    const user = await makeUser();
    expect(
      (await testApp.agent().post('/account/reset-password').type('form').send({ email: user.email })).status,
    ).toBe(403);
    await requestReset(user.email);
    const path = await resetLinkFor(user.email);
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

  it('answers a malformed address next to the field', async () => {
    const response = await postForm(testApp.agent(), '/account/reset-password', '/account/reset-password', {
      email: 'x'.repeat(10_000),
    });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/id="field-email-error">Enter an email address/);
  });

  it('limits reset requests per IP address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const agent = testApp.agent();
      const token = await fetchCsrf(agent, '/account/reset-password');
      statuses.push(
        (
          await agent
            .post('/account/reset-password')
            .type('form')
            .send({ email: 'someone@example.test', _csrf: token })
        ).status,
      );
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429)).every((status) => status === 429)).toBe(true);
  });
});
