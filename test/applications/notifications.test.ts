import type { ParsedMail } from 'mailparser';
import { Application } from '../../src/models/application';
import { User } from '../../src/models/user';
import { startTestApp, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { linkIn, recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import { applicationFields, applyAndConfirm, postApplication } from './support';

jest.setTimeout(120_000);

let smtp: TestSmtpServer;
let testApp: TestApp;
let englishReviewer: Awaited<ReturnType<typeof makeStaffUser>>;
let frenchAdmin: Awaited<ReturnType<typeof makeStaffUser>>;
let disabledReviewer: Awaited<ReturnType<typeof makeStaffUser>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ mailer: smtp.mailer, runJobs: true, env: { JOBS_RETRY_DELAY_MS: '50', JOBS_POLL_MS: '200' } });
  englishReviewer = await makeStaffUser();
  frenchAdmin = await makeStaffUser('admin');
  await User.updateOne({ _id: frenchAdmin._id }, { $set: { language: 'fr' } });
  disabledReviewer = await makeStaffUser();
  await User.updateOne({ _id: disabledReviewer._id }, { $set: { disabled: true } });
});
afterAll(async () => {
  await testApp.stop();
  await smtp.stop();
});

const mailTo = (email: string, subject: string) =>
  smtp.waitFor((m) => recipientOf(m) === email && m.subject === subject, 30_000);
const received = (email: string) => smtp.messages.filter((m) => recipientOf(m) === email);

async function frenchApplication(tag: string) {
  const agent = testApp.agent();
  await agent.get('/apply?lang=fr');
  const fields = applicationFields({ name: `Société ${tag}`, country: 'FR', contactEmail: `${tag}@societe.example`, domain: `${tag}.societe.example` });
  const statusPath = await applyAndConfirm(agent, smtp, fields);
  const application = await Application.findOne({ name: `Société ${tag}` }).lean();
  return { statusPath, email: String(fields.contactEmail), reviewPath: `/secretariat/applications/${String(application!._id)}` };
}

async function reviewer() {
  const agent = testApp.agent();
  await agent.get('/secretariat?lang=en');
  await signInStaff(agent, englishReviewer);
  return agent;
}

async function decide(path: string, decision: string, message: string) {
  const answer = await postForm(await reviewer(), path, path, { decision, message });
  expect(answer.status).toBe(303);
}

const textOf = (message: ParsedMail) => message.text ?? '';

describe('notifications, each in its recipient’s language', () => {
  it('e-mails every active secretariat member and admin, in their own language, when an application is confirmed', async () => {
    const { reviewPath } = await frenchApplication('confirmed');
    const english = await mailTo(englishReviewer.email, 'New application to review: Société confirmed');
    expect(new URL(linkIn(english, '/secretariat/applications/')).pathname).toBe(reviewPath);
    const french = await mailTo(frenchAdmin.email, 'Nouvelle candidature à examiner : Société confirmed');
    expect(textOf(french)).toContain('La candidature attend dans la file d');
    // The queue's jobs ran for everyone else; the disabled account got nothing.
    expect(received(disabledReviewer.email)).toEqual([]);
  });

  it('tells a French applicant of a rejection in French, with the reviewer’s message', async () => {
    const { email, reviewPath } = await frenchApplication('rejetee');
    await mailTo(email, 'Votre candidature pour Société rejetee est entre les mains du secrétariat');
    await decide(reviewPath, 'reject', 'Nous ne listons pas les personnes physiques.');
    const mail = await mailTo(email, 'Votre candidature pour Société rejetee n\'a pas été acceptée');
    expect(textOf(mail)).toContain('Son message : Nous ne listons pas les personnes physiques.');
    expect(linkIn(mail, '/apply/status/')).toMatch(/\/apply\/status\/[\w-]{43}$/);
  });

  it('asks a French applicant for changes in French, and tells the secretariat when the application comes back', async () => {
    const { email, reviewPath } = await frenchApplication('modifiee');
    await decide(reviewPath, 'request-changes', 'Précisez votre secteur.');
    const mail = await mailTo(email, 'Modifications demandées pour votre candidature (Société modifiee)');
    expect(textOf(mail)).toContain('Précisez votre secteur.');
    const editPath = new URL(linkIn(mail, '/apply/status/')).pathname;
    const resubmitted = await postApplication(
      testApp.agent(),
      applicationFields({ name: 'Société modifiee', country: 'FR', sector: 'company', contactEmail: email, domain: 'modifiee.societe.example' }),
      editPath,
    );
    expect(resubmitted.status).toBe(303);
    const notice = await mailTo(englishReviewer.email, 'Application resubmitted for review: Société modifiee');
    expect(new URL(linkIn(notice, '/secretariat/applications/')).pathname).toBe(reviewPath);
    await mailTo(frenchAdmin.email, 'Candidature renvoyée pour examen : Société modifiee');
  });

  it('tells a French applicant of the approval in French and invites them in French', async () => {
    const { email, reviewPath } = await frenchApplication('approuvee');
    await decide(reviewPath, 'approve', '');
    const approved = await mailTo(email, 'Société approuvee a rejoint Accord Registry');
    expect(linkIn(approved, '/signatories/')).toMatch(/\/signatories\/societe-approuvee$/);
    const invitation = await mailTo(email, 'Vous êtes invité·e sur Accord Registry');
    expect(textOf(invitation)).toContain('Accepter l\'invitation');
    expect(await User.findOne({ email }).lean()).toMatchObject({ language: 'fr', role: 'member' });
  });

  it('writes to an English applicant in English at each decision', async () => {
    const agent = testApp.agent();
    const fields = applicationFields({ name: 'English Decisions Ltd', contactEmail: 'en@decisions.example', domain: 'decisions.example' });
    await applyAndConfirm(agent, smtp, fields);
    await mailTo('en@decisions.example', 'Your application for English Decisions Ltd is with the secretariat');
    const application = await Application.findOne({ name: 'English Decisions Ltd' }).lean();
    const path = `/secretariat/applications/${String(application!._id)}`;
    await decide(path, 'request-changes', 'Which sector?');
    await mailTo('en@decisions.example', 'Changes requested to your application for English Decisions Ltd');
    await decide(path, 'reject', 'No answer came.');
    const rejected = await mailTo('en@decisions.example', 'Your application for English Decisions Ltd was not accepted');
    expect(textOf(rejected)).toContain('Their message: No answer came.');
  });
});
