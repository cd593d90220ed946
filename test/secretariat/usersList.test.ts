import { AuditEvent } from '../../src/models/auditEvent';
import { User } from '../../src/models/user';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeOrganisation } from '../helpers/factories';
import { linkIn, recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { makeStaffUser, signInStaff } from '../helpers/staff';

jest.setTimeout(120_000);

let smtp: TestSmtpServer;
let testApp: TestApp;
let secretariat: Agent;
let admin: Agent;
let secretariatEmail = '';

beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ mailer: smtp.mailer, runJobs: true });
  const staff = await makeStaffUser('secretariat');
  secretariatEmail = staff.email;
  secretariat = testApp.agent();
  await signInStaff(secretariat, staff);
  admin = testApp.agent();
  await signInStaff(admin, await makeStaffUser('admin'));
});
afterAll(async () => {
  await testApp.stop();
  await smtp.stop();
});

const emailsIn = (html: string) => [...html.matchAll(/<a href="\/secretariat\/users\/[0-9a-f]{24}">([^<]+)<\/a>/g)].map((match) => match[1]);

describe('the list of users', () => {
  it('searches by e-mail, by name and by organisation, and pages through the results', async () => {
    const organisation = await makeOrganisation({ name: 'Quillfeather Security' });
    // Stored directly (no password to hash): the list only reads them.
    await User.insertMany(
      Array.from({ length: 30 }, (_, index) => ({
        email: `listed-${String(index).padStart(2, '0')}@pagination.test`,
        role: 'member',
        organisation: index < 2 ? organisation._id : null,
      })),
    );
    await User.updateOne({ email: 'listed-07@pagination.test' }, { $set: { name: 'Zéphyrine Marchetti' } });

    const first = await secretariat.get('/secretariat/users?q=pagination.test');
    expect(first.status).toBe(200);
    expect(first.text).toContain('30 users');
    expect(emailsIn(first.text)).toHaveLength(25);
    expect(emailsIn(first.text)[0]).toBe('listed-00@pagination.test');
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).toContain('href="/secretariat/users?q=pagination.test&amp;page=2"');

    const second = await secretariat.get('/secretariat/users?q=pagination.test&page=2');
    expect(emailsIn(second.text)).toEqual(['listed-25@pagination.test', 'listed-26@pagination.test', 'listed-27@pagination.test', 'listed-28@pagination.test', 'listed-29@pagination.test']);

    expect(emailsIn((await secretariat.get('/secretariat/users?q=marchetti')).text)).toEqual(['listed-07@pagination.test']);
    expect(emailsIn((await secretariat.get('/secretariat/users?q=quillfeather')).text)).toEqual(['listed-00@pagination.test', 'listed-01@pagination.test']);
    expect((await secretariat.get('/secretariat/users?q=nobody-has-this')).text).toContain('No user matches.');
  });

  it('answers odd addresses with a page, never an error, and treats search text as text', async () => {
    for (const query of ['page=-3', 'page=abc', 'page=99999', 'q=%28%5B*', 'q[$ne]=x', `q=${'a'.repeat(500)}`]) {
      const response = await secretariat.get(`/secretariat/users?${query}`);
      expect([query, response.status]).toEqual([query, 200]);
    }
    expect((await secretariat.get('/secretariat/users?q=.*')).text).toContain('No user matches.');
    expect((await secretariat.get('/secretariat/users/not-an-id')).status).toBe(404);
    expect((await secretariat.get('/secretariat/users/0123456789abcdef01234567')).status).toBe(404);
  });

  it('shows the pages in French', async () => {
    const french = testApp.agent();
    await signInStaff(french, await makeStaffUser('secretariat'));
    const list = await french.get('/secretariat/users?lang=fr');
    expect(list.text).toContain('Inviter un utilisateur');
    expect(testApp.missingTranslations).toEqual([]);
  });
});

describe('inviting a user', () => {
  it('invites a member to an organisation: the e-mail arrives through the mail job and the change is audited', async () => {
    const organisation = await makeOrganisation({ name: 'Invitable Widgets' });
    const response = await postForm(secretariat, '/secretariat/users/invite', '/secretariat/users/invite', {
      email: '  New.Member@Invitable.test ',
      organisation: 'Invitable Widgets',
      role: 'member',
      language: 'fr',
    });
    expect(response.status).toBe(303);
    const user = await User.findOne({ email: 'new.member@invitable.test' }).lean();
    expect(user).toMatchObject({ role: 'member', language: 'fr', passwordHash: null });
    expect(String(user?.organisation)).toBe(String(organisation._id));
    expect(response.headers['location']).toBe(`/secretariat/users/${String(user?._id)}`);

    const message = await smtp.waitFor((m) => recipientOf(m) === 'new.member@invitable.test', 30_000);
    expect(message.text).toContain('Invitable Widgets');
    expect(linkIn(message, '/account/invitation/')).toMatch(/\/account\/invitation\/[A-Za-z0-9_-]{43}$/);
    const event = await AuditEvent.findOne({ action: 'user.invited', 'subject.id': String(user?._id) }).lean();
    expect(event?.actor.label).toBe(secretariatEmail);
    expect(String(event?.organisation)).toBe(String(organisation._id));

    const page = await secretariat.get(response.headers['location'] as string);
    expect(page.text).toContain('Invitation sent to new.member@invitable.test.');
    expect(page.text).toContain('Invited (no password yet)');
  });

  it('finds the organisation by its slug too, from the link an organisation page can give', async () => {
    const organisation = await makeOrganisation({ name: 'Slugged Org' });
    const form = await secretariat.get(`/secretariat/users/invite?organisation=${organisation.slug}`);
    expect(form.text).toContain(`value="${organisation.slug}"`);
    const response = await postForm(secretariat, '/secretariat/users/invite', '/secretariat/users/invite', { email: 'by-slug@invitable.test', organisation: String(organisation.slug), role: 'member', language: 'en' });
    expect(response.status).toBe(303);
  });

  it.each([
    [{ email: 'not an address', organisation: 'Invitable Widgets' }, 'email', 'Enter an email address'],
    [{ email: 'nobody@invitable.test', organisation: 'No Such Organisation' }, 'organisation', 'No organisation has this name'],
    [{ email: 'nobody@invitable.test', organisation: '' }, 'organisation', 'Give the organisation the member belongs to.'],
    [{ email: 'new.member@invitable.test', organisation: 'Invitable Widgets' }, 'email', 'already has an account'],
    [{ email: 'nobody@invitable.test', organisation: 'Invitable Widgets', language: 'de' }, 'language', 'Choose English or French.'],
  ])('refuses %j with a message next to the field, keeping the input and creating nothing', async (fields, field, message) => {
    const users = await User.countDocuments();
    const events = await AuditEvent.countDocuments({ action: 'user.invited' });
    const response = await postForm(secretariat, '/secretariat/users/invite', '/secretariat/users/invite', { role: 'member', language: 'en', ...fields });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(new RegExp(`<p class="field__error" id="field-${field}-error">[^<]*${message.replace(/[.]/g, '\\.')}`));
    expect(response.text).toContain(`value="${fields.email.replace(/ /g, ' ')}"`);
    expect(await User.countDocuments()).toBe(users);
    expect(await AuditEvent.countDocuments({ action: 'user.invited' })).toBe(events);
  });

  it('lets only an admin invite staff', async () => {
    const form = await secretariat.get('/secretariat/users/invite');
    expect(form.text).not.toContain('value="admin"');
    const refused = await postForm(secretariat, '/secretariat/users/invite', '/secretariat/users/invite', { email: 'would-be-admin@invitable.test', organisation: '', role: 'admin', language: 'en' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Only an administrator can invite secretariat staff or administrators.');
    expect(await User.exists({ email: 'would-be-admin@invitable.test' })).toBeNull();

    expect((await admin.get('/secretariat/users/invite')).text).toContain('value="admin"');
    const accepted = await postForm(admin, '/secretariat/users/invite', '/secretariat/users/invite', { email: 'new-admin@invitable.test', organisation: '', role: 'admin', language: 'en' });
    expect(accepted.status).toBe(303);
    expect((await User.findOne({ email: 'new-admin@invitable.test' }).lean())?.role).toBe('admin');
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await secretariat.post('/secretariat/users/invite').type('form').send({ email: 'csrf@invitable.test', organisation: 'Invitable Widgets', role: 'member', language: 'en' });
    expect(response.status).toBe(403);
    expect(await User.exists({ email: 'csrf@invitable.test' })).toBeNull();
  });
});
