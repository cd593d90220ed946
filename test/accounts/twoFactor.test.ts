import { fixedClock } from '../../src/clock';
import { AuditEvent } from '../../src/models/auditEvent';
import { User } from '../../src/models/user';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchCsrf, postForm } from '../helpers/csrf';
import { makeUser, TEST_PASSWORD } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { enrolTwoFactor, setupKeyIn, totpAt } from '../helpers/twoFactor';

let testApp: TestApp;
const clock = fixedClock(new Date('2026-05-04T10:00:00Z'));
beforeAll(async () => {
  testApp = await startTestApp({ clock });
});
afterAll(() => testApp.stop());

const passwordStep = (agent: ReturnType<TestApp['agent']>, email: string) =>
  postForm(agent, '/account/sign-in', '/account/sign-in', { email, password: TEST_PASSWORD });
const codeStep = (agent: ReturnType<TestApp['agent']>, code: string) =>
  postForm(agent, '/account/sign-in/two-factor', '/account/sign-in/two-factor', { code });

describe('turning on two-factor authentication', () => {
  it('shows the QR code and the setup key as text, and refuses a wrong code without turning anything on', async () => {
    const user = await makeUser();
    const agent = testApp.agent();
    await signIn(agent, user.email);
    const page = await agent.get('/account/two-factor');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<img class="two-factor-key__qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(setupKeyIn(page.text)).toMatch(/^[A-Z2-7]{32}$/);
    expect(page.text).toMatch(/<label[^>]*for="field-code"[^>]*>Authentication code<\/label>/);
    expect(page.text).toContain('>Turn on two-factor authentication</button>');

    const wrong = await postForm(agent, '/account/two-factor', '/account/two-factor', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/class="field__error" id="field-code-error">This code is not right/);
    const tooLong = await postForm(agent, '/account/two-factor', '/account/two-factor', { code: 'x'.repeat(10_000) });
    expect(tooLong.status).toBe(400);
    expect((await User.findById(user._id).lean())?.twoFactor.enabled).toBe(false);
    expect(await AuditEvent.countDocuments({ action: 'user.two-factor-enabled', 'subject.id': user.id })).toBe(0);
  });

  it('turns on with a right code, shows 10 recovery codes once, stores them hashed, and audits it', async () => {
    const user = await makeUser();
    const agent = testApp.agent();
    await signIn(agent, user.email);
    const { secret, recoveryCodes } = await enrolTwoFactor(agent, clock.now());
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await User.findById(user._id).lean();
    expect(stored?.twoFactor).toMatchObject({ enabled: true, secret });
    expect(stored?.twoFactor.recoveryCodes).toHaveLength(10);
    for (const hash of stored!.twoFactor.recoveryCodes) expect(hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]);
    const again = await agent.get('/account/two-factor/recovery-codes');
    expect(again.text).not.toContain(recoveryCodes[0]);
    expect(await AuditEvent.countDocuments({ action: 'user.two-factor-enabled', 'subject.id': user.id })).toBe(1);
  });

  it('refuses to enable without a CSRF token', async () => {
    const user = await makeUser();
    const agent = testApp.agent();
    await signIn(agent, user.email);
    await agent.get('/account/two-factor');
    expect((await agent.post('/account/two-factor').type('form').send({ code: '123456' })).status).toBe(403);
  });
});

describe('signing in with two-factor authentication', () => {
  async function enrolledUser() {
    const user = await makeUser();
    const agent = testApp.agent();
    await signIn(agent, user.email);
    const enrolment = await enrolTwoFactor(agent, clock.now());
    clock.advance(60_000);
    return { user, ...enrolment };
  }

  it('asks for the code after the password, signs in with it, and refuses the same code again', async () => {
    const { user, secret } = await enrolledUser();
    const agent = testApp.agent();
    const password = await passwordStep(agent, user.email);
    expect(password.status).toBe(303);
    expect(password.headers['location']).toBe('/account/sign-in/two-factor');
    expect((await agent.get('/')).text).not.toContain(user.email);
    const step = await agent.get('/account/sign-in/two-factor');
    expect(step.text).toMatch(/<label[^>]*for="field-code"[^>]*>Authentication code<\/label>/);

    const code = await totpAt(secret, clock.now());
    const done = await codeStep(agent, code);
    expect(done.status).toBe(303);
    expect((await agent.get('/')).text).toContain(user.email);

    const replay = testApp.agent();
    await passwordStep(replay, user.email);
    const replayed = await codeStep(replay, code);
    expect(replayed.status).toBe(401);
    expect(replayed.text).toContain('already used');
    expect((await replay.get('/')).text).not.toContain(user.email);
  });

  it('accepts each recovery code once', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const first = testApp.agent();
    await passwordStep(first, user.email);
    const used = await codeStep(first, recoveryCodes[3]!.toUpperCase());
    expect(used.status).toBe(303);
    expect((await first.get('/')).text).toContain('9 recovery codes are left');
    expect((await User.findById(user._id).lean())?.twoFactor.recoveryCodes).toHaveLength(9);
    expect(await AuditEvent.countDocuments({ action: 'user.recovery-code-used', 'subject.id': user.id })).toBe(1);

    const second = testApp.agent();
    await passwordStep(second, user.email);
    expect((await codeStep(second, recoveryCodes[3]!)).status).toBe(401);
    expect((await codeStep(second, recoveryCodes[4]!)).status).toBe(303);
  });

  it('expires the second step after five minutes', async () => {
    const { user, secret } = await enrolledUser();
    const agent = testApp.agent();
    await passwordStep(agent, user.email);
    clock.advance(5 * 60_000 + 1_000);
    const late = await agent.post('/account/sign-in/two-factor').type('form').send({
      code: await totpAt(secret, clock.now()),
      _csrf: await fetchCsrf(agent, '/account/sign-in'),
    });
    expect(late.status).toBe(303);
    expect(late.headers['location']).toBe('/account/sign-in');
    expect((await agent.get('/')).text).not.toContain(user.email);
  });

  it('counts wrong codes toward the lock-out', async () => {
    const { user, secret } = await enrolledUser();
    const agent = testApp.agent();
    await passwordStep(agent, user.email);
    for (let attempt = 1; attempt <= 9; attempt++) expect((await codeStep(agent, '000000')).status).toBe(401);
    const tenth = await codeStep(agent, '000000');
    expect(tenth.status).toBe(429);
    expect(tenth.text).toContain('this account is locked');
    clock.advance(30_000);
    expect((await codeStep(agent, await totpAt(secret, clock.now()))).status).toBe(429);
  });

  it('refuses the code step without a CSRF token', async () => {
    const { user } = await enrolledUser();
    const agent = testApp.agent();
    await passwordStep(agent, user.email);
    expect((await agent.post('/account/sign-in/two-factor').type('form').send({ code: '123456' })).status).toBe(403);
  });
});

describe('two-factor required for the secretariat and admins', () => {
  it.each(['secretariat', 'admin'] as const)('a %s reaches only the enrolment page until enrolled, and cannot turn it off', async (role) => {
    const user = await makeUser({ role });
    const agent = testApp.agent();
    await signIn(agent, user.email);
    for (const path of ['/', '/signatories', '/account/security']) {
      const response = await agent.get(path);
      expect(response.status).toBe(303);
      expect(response.headers['location']).toBe('/account/two-factor');
    }
    const page = await agent.get('/account/two-factor');
    expect(page.text).toContain('Your role needs two-factor authentication');
    await enrolTwoFactor(agent, clock.now());
    expect((await agent.get('/signatories')).status).toBe(200);
    const off = await postForm(agent, '/account/security', '/account/two-factor/disable', { disablePassword: TEST_PASSWORD });
    expect(off.status).toBe(403);
    expect((await User.findById(user._id).lean())?.twoFactor.enabled).toBe(true);
  });

  it('a member turns it off with the current password, audited', async () => {
    const user = await makeUser();
    const agent = testApp.agent();
    await signIn(agent, user.email);
    await enrolTwoFactor(agent, clock.now());
    const wrong = await postForm(agent, '/account/security', '/account/two-factor/disable', { disablePassword: 'not my password at all' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/id="field-disablePassword-error">Your current password is not right/);
    expect((await User.findById(user._id).lean())?.twoFactor.enabled).toBe(true);
    const off = await postForm(agent, '/account/security', '/account/two-factor/disable', { disablePassword: TEST_PASSWORD });
    expect(off.status).toBe(303);
    expect((await User.findById(user._id).lean())?.twoFactor).toMatchObject({ enabled: false, secret: null, recoveryCodes: [] });
    expect(await AuditEvent.countDocuments({ action: 'user.two-factor-disabled', 'subject.id': user.id })).toBe(1);
  });
});
