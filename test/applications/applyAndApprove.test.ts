import { Application } from '../../src/models/application';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { Pledge } from '../../src/models/pledge';
import { User } from '../../src/models/user';
import { startTestApp, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import { linkIn, recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { applicationFields, applyAndConfirm, postApplication } from './support';

let smtp: TestSmtpServer;
let testApp: TestApp;
let staff: Awaited<ReturnType<typeof makeStaffUser>>;
let reviewerEmail: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ mailer: smtp.mailer, runJobs: true, env: { JOBS_RETRY_DELAY_MS: '50' } });
  staff = await makeStaffUser();
  reviewerEmail = staff.email;
});
afterAll(async () => {
  await testApp.stop();
  await smtp.stop();
});

async function reviewer() {
  const agent = testApp.agent();
  await signInStaff(agent, staff);
  return agent;
}

describe('applying and being approved', () => {
  it('labels every field as the acceptance checks name them', async () => {
    const page = await testApp.agent().get('/apply');
    expect(page.status).toBe(200);
    for (const label of ['Organisation name', 'Country', 'Category', 'Sector', 'Website', 'Mail domain', 'Public statement', 'Your name', 'Your email address', 'Your role', 'Cybersecurity Tech Accord', 'Stronger defence']) {
      expect(page.text).toMatch(new RegExp(`<label[^>]*>${label}</label>`));
    }
    expect(page.text).toMatch(/<label for="field-consent">I agree/);
    expect(page.text).toContain('>Submit application</button>');
  });

  it('goes from the form through the e-mail confirmation and the review to the public directory', async () => {
    const applicant = testApp.agent();
    const statusPath = await applyAndConfirm(applicant, smtp, applicationFields());
    expect(statusPath).toMatch(/^\/apply\/status\/[\w-]{43}$/);
    const status = await applicant.get(statusPath);
    expect(status.text).toContain('Waiting for review');

    const notice = await smtp.waitFor((m) => recipientOf(m) === reviewerEmail);
    expect(notice.subject).toBe('New application to review: Harbour Security Labs');
    const reviewPath = new URL(linkIn(notice, '/secretariat/applications/')).pathname;

    const agent = await reviewer();
    const queue = await agent.get('/secretariat/applications');
    expect(queue.text).toContain('Harbour Security Labs');
    const review = await agent.get(reviewPath);
    expect(review.text).toContain('>Approve</button>');
    expect(review.text).toContain('Message to the applicant');
    const decided = await postForm(agent, reviewPath, reviewPath, { decision: 'approve', message: '' });
    expect(decided.status).toBe(303);

    const organisation = await Organisation.findOne({ name: 'Harbour Security Labs' }).lean();
    expect(organisation).toMatchObject({ country: 'NL', origin: 'application', domains: ['harbour-labs.example'] });
    expect(organisation!.memberships.map((m) => m.initiative).sort()).toEqual(['paris-call', 'tech-accord']);
    expect(organisation!.memberships.every((m) => m.joinedAt instanceof Date)).toBe(true);
    expect(organisation!.commitments).toContain('tech-accord:no-offence');
    const pledges = await Pledge.find({ organisation: organisation!._id }).lean();
    expect(pledges.map((p) => [p.initiative, p.version]).sort()).toEqual([['paris-call', 1], ['tech-accord', 1]]);
    expect(await Evidence.countDocuments({ organisation: organisation!._id })).toBe(4);
    const contact = await User.findOne({ email: 'ada@harbour-labs.example' }).lean();
    expect(contact).toMatchObject({ role: 'member', passwordHash: null });
    expect(String(contact!.organisation)).toBe(String(organisation!._id));

    const invitation = await smtp.waitFor((m) => recipientOf(m) === 'ada@harbour-labs.example' && m.subject === 'You are invited to Accord Registry');
    expect(linkIn(invitation, '/account/invitation/')).toMatch(/\/account\/invitation\/[\w-]{43}$/);
    const approvedMail = await smtp.waitFor((m) => m.subject === 'Harbour Security Labs has joined Accord Registry');
    expect(recipientOf(approvedMail)).toBe('ada@harbour-labs.example');

    const directory = await testApp.agent().get('/signatories?q=Harbour');
    expect(directory.text).toContain('Harbour Security Labs');
    const profile = await testApp.agent().get(`/signatories/${organisation!.slug}`);
    expect(profile.status).toBe(200);
    expect((await applicant.get(statusPath)).text).toContain('Approved');
    expect(await AuditEvent.countDocuments({ action: 'application.approved', organisation: organisation!._id })).toBe(1);
  });

  it('sends the confirmation e-mail in the language the applicant used', async () => {
    const agent = testApp.agent();
    await agent.get('/apply?lang=fr');
    await postApplication(agent, applicationFields({ name: 'Atelier Numérique', country: 'FR', contactEmail: 'lea@atelier.example', domain: 'atelier.example' }));
    const message = await smtp.waitFor((m) => recipientOf(m) === 'lea@atelier.example');
    expect(message.subject).toBe('Confirmez votre candidature à Accord Registry');
  });

  it('keeps unconfirmed applications out of the queue and expires them', async () => {
    const agent = testApp.agent();
    await postApplication(agent, applicationFields({ name: 'Never Confirmed Ltd', contactEmail: 'silent@never.example', domain: 'never.example' }));
    const stored = await Application.findOne({ name: 'Never Confirmed Ltd' }).lean();
    expect(stored).toMatchObject({ state: 'unconfirmed' });
    expect(stored!.expiresAt!.getTime() - stored!.createdAt.getTime()).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000 - 1000);
    const staff = await reviewer();
    for (const state of ['submitted', 'changes-requested', 'approved', 'rejected', 'unconfirmed']) {
      expect((await staff.get(`/secretariat/applications?state=${state}`)).text).not.toContain('Never Confirmed Ltd');
    }
    expect((await staff.get(`/secretariat/applications/${String(stored!._id)}`)).status).toBe(404);
  });

  it('shows every mistake next to its field, keeps the input, and stores nothing', async () => {
    const before = await Application.countDocuments();
    const response = await postApplication(
      testApp.agent(),
      applicationFields({ name: '', website: 'not a url', domain: 'no', commitments: [], consent: '', contactEmail: 'nope' }),
    );
    expect(response.status).toBe(400);
    for (const text of ["Enter the organisation&#39;s name", 'Enter the website', 'Enter a mail domain', 'Choose at least one commitment', 'Tick the box', 'Enter an email address']) {
      expect(response.text).toContain(text);
    }
    expect(response.text).toContain('value="not a url"');
    expect(await Application.countDocuments()).toBe(before);
  });

  it('silently drops a form whose hidden honeypot field is filled', async () => {
    const before = await Application.countDocuments();
    const response = await postApplication(testApp.agent(), applicationFields({ nickname: 'spam', contactEmail: 'bot@spam.example' }));
    expect(response.status).toBe(200);
    expect(await Application.countDocuments()).toBe(before);
  });

  it('answers a used or made-up confirmation link with a page, not an error', async () => {
    const response = await testApp.agent().get('/apply/confirm/not-a-token');
    expect(response.status).toBe(404);
    expect(response.text).toContain('This link does not work');
    expect((await testApp.agent().get('/apply/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });
});
