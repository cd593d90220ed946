import { fixedClock } from '../../src/clock';
import { AuditEvent } from '../../src/models/auditEvent';
import { User } from '../../src/models/user';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchCsrf, postForm } from '../helpers/csrf';
import { makeUser, TEST_PASSWORD } from '../helpers/factories';
import { sessionCookie, signIn } from '../helpers/signIn';

let testApp: TestApp;
const clock = fixedClock(new Date());
beforeAll(async () => {
  testApp = await startTestApp({ clock });
});
afterAll(() => testApp.stop());

describe('signing in with a password', () => {
  it('shows the form with the labels people and checks rely on', async () => {
    const page = await testApp.agent().get('/account/sign-in');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<label[^>]*for="field-email"[^>]*>Email address<\/label>/);
    expect(page.text).toMatch(/<label[^>]*for="field-password"[^>]*>Password<\/label>/);
    expect(page.text).toMatch(/<button type="submit" class="button">Sign in<\/button>/);
  });

  it('signs in, gives a new session id, records the sign-in once, and goes back to an own path only', async () => {
    const user = await makeUser();
    const agent = testApp.agent();
    const token = await fetchCsrf(agent, '/account/sign-in');
    const before = await agent.get('/account/sign-in');
    const anonymousCookie = sessionCookie(before);
    const response = await agent
      .post('/account/sign-in')
      .type('form')
      .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD, returnTo: '/signatories?country=FR', _csrf: token });
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/signatories?country=FR');
    const signedInCookie = sessionCookie(response);
    expect(signedInCookie).toBeDefined();
    expect(signedInCookie).not.toBe(anonymousCookie);
    expect((await agent.get('/')).text).toContain(user.email);
    expect(await AuditEvent.countDocuments({ action: 'user.signed-in', 'subject.id': String(user._id) })).toBe(1);

    const elsewhere = await postForm(testApp.agent(), '/account/sign-in', '/account/sign-in', {
      email: user.email, password: TEST_PASSWORD, returnTo: '//evil.example/steal',
    });
    expect(elsewhere.headers['location']).toBe('/account');
  });

  it('answers the same for an unknown e-mail and a wrong password, and changes nothing for the unknown one', async () => {
    const user = await makeUser();
    const wrong = await postForm(testApp.agent(), '/account/sign-in', '/account/sign-in', { email: user.email, password: 'not the password at all' });
    const unknown = await postForm(testApp.agent(), '/account/sign-in', '/account/sign-in', { email: 'nobody@example.test', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = 'The email address or the password is not right.';
    expect(wrong.text).toContain(message);
    expect(unknown.text).toContain(message);
    expect(unknown.text).toContain('value="nobody@example.test"');
  });

  it('locks an account for 15 minutes after 10 failures in 15 minutes, with a clear message, then lets it in', async () => {
    const user = await makeUser();
    for (let attempt = 1; attempt <= 9; attempt++) {
      const response = await postForm(testApp.agent(), '/account/sign-in', '/account/sign-in', { email: user.email, password: `wrong password ${attempt}` });
      expect(response.status).toBe(401);
    }
    const tenth = await postForm(testApp.agent(), '/account/sign-in', '/account/sign-in', { email: user.email, password: 'wrong password 10' });
    expect(tenth.status).toBe(429);
    expect(tenth.text).toContain('this account is locked');
    const rightButLocked = await postForm(testApp.agent(), '/account/sign-in', '/account/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(rightButLocked.status).toBe(429);
    expect((await User.findById(user._id).lean())?.lockedUntil).toBeInstanceOf(Date);

    clock.advance(15 * 60_000 + 1_000);
    await signIn(testApp.agent(), user.email);
  });

  it('refuses a sign-in without a CSRF token', async () => {
    const user = await makeUser();
    const response = await testApp.agent().post('/account/sign-in').type('form').send({ email: user.email, password: TEST_PASSWORD });
    expect(response.status).toBe(403);
  });

  it('sign-out really ends the session: the old cookie no longer signs anyone in', async () => {
    const user = await makeUser();
    const agent = testApp.agent();
    const response = await signIn(agent, user.email);
    const cookie = sessionCookie(response)!;
    expect((await testApp.agent().get('/').set('Cookie', cookie)).text).toContain(user.email);
    const token = await fetchCsrf(agent, '/');
    expect((await agent.post('/account/sign-out').type('form').send({ _csrf: token })).status).toBe(303);
    expect((await testApp.agent().get('/').set('Cookie', cookie)).text).not.toContain(user.email);
  });
});
