import { Application } from '../../src/models/application';
import { AuditEvent } from '../../src/models/auditEvent';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { Pledge } from '../../src/models/pledge';
import { User } from '../../src/models/user';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchCsrf, postForm } from '../helpers/csrf';
import { makeUser } from '../helpers/factories';
import { linkIn, recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import { applicationFields, applyAndConfirm, postApplication } from './support';

let smtp: TestSmtpServer;
let testApp: TestApp;

beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ mailer: smtp.mailer, runJobs: true, env: { JOBS_RETRY_DELAY_MS: '50' } });
});
afterAll(async () => {
  await testApp.stop();
  await smtp.stop();
});

async function staffAgent() {
  const agent = testApp.agent();
  await signInStaff(agent, await makeStaffUser());
  return agent;
}

async function confirmedApplication(tag: string) {
  const fields = applicationFields({ name: `Applicant ${tag}`, contactEmail: `contact-${tag}@applicant.example`, domain: `${tag}.applicant.example` });
  const statusPath = await applyAndConfirm(testApp.agent(), smtp, fields);
  const application = await Application.findOne({ name: `Applicant ${tag}` }).lean();
  return { statusPath, id: String(application!._id), reviewPath: `/secretariat/applications/${String(application!._id)}`, email: fields.contactEmail as string };
}

describe('the reviewer decides', () => {
  it('rejects with a reason the applicant receives, and creates nothing', async () => {
    const { reviewPath, statusPath, email } = await confirmedApplication('rejected');
    const agent = await staffAgent();
    const withoutMessage = await postForm(agent, reviewPath, reviewPath, { decision: 'reject', message: ' ' });
    expect(withoutMessage.status).toBe(400);
    expect(withoutMessage.text).toContain('Write a message to the applicant');
    expect((await postForm(agent, reviewPath, reviewPath, { decision: 'reject', message: 'Not an organisation we can list.' })).status).toBe(303);
    const mail = await smtp.waitFor((m) => recipientOf(m) === email && /not accepted/.test(m.subject ?? ''));
    expect(mail.text).toContain('Not an organisation we can list.');
    expect(await Organisation.countDocuments({ name: 'Applicant rejected' })).toBe(0);
    const status = await testApp.agent().get(statusPath);
    expect(status.text).toContain('Rejected');
    expect(status.text).toContain('Not an organisation we can list.');
  });

  it('requests changes; the applicant edits through the e-mailed link and the application returns to the queue', async () => {
    const { reviewPath, email } = await confirmedApplication('changes');
    const agent = await staffAgent();
    await postForm(agent, reviewPath, reviewPath, { decision: 'request-changes', message: 'Please give your website address.' });
    const mail = await smtp.waitFor((m) => recipientOf(m) === email && /Changes requested/.test(m.subject ?? ''));
    expect(mail.text).toContain('Please give your website address.');
    const editPath = new URL(linkIn(mail, '/apply/status/')).pathname;
    const page = await testApp.agent().get(editPath);
    expect(page.text).toContain('Resubmit application');
    const applicant = testApp.agent();
    const bad = await postApplication(applicant, applicationFields({ name: '' }), editPath);
    expect(bad.status).toBe(400);
    const fields = applicationFields({ name: 'Applicant changes', website: 'https://www.changes.example', contactEmail: email, domain: 'changes.applicant.example' });
    expect((await postApplication(applicant, fields, editPath)).status).toBe(303);
    const stored = await Application.findOne({ name: 'Applicant changes' }).lean();
    expect(stored).toMatchObject({ state: 'submitted', website: 'https://www.changes.example' });
    expect(stored!.history.map((entry) => entry.event)).toEqual(['submitted', 'confirmed', 'changes-requested', 'resubmitted']);
    expect((await agent.get('/secretariat/applications')).text).toContain('Applicant changes');
  });

  it('lets only one of two simultaneous approvals succeed; the other reviewer is told what happened', async () => {
    const { reviewPath } = await confirmedApplication('twice');
    const [first, second] = [await staffAgent(), await staffAgent()];
    const [firstToken, secondToken] = [await fetchCsrf(first, reviewPath), await fetchCsrf(second, reviewPath)];
    const answers = await Promise.all([
      first.post(reviewPath).type('form').send({ decision: 'approve', message: '', _csrf: firstToken }),
      second.post(reviewPath).type('form').send({ decision: 'approve', message: '', _csrf: secondToken }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409]);
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(loser.text).toMatch(/already Approved \(by user-[0-9a-f]+@example\.test at/);
    const organisations = await Organisation.find({ name: 'Applicant twice' }).lean();
    expect(organisations).toHaveLength(1);
    expect(await Pledge.countDocuments({ organisation: organisations[0]!._id })).toBe(2);
    expect(await User.countDocuments({ email: 'contact-twice@applicant.example' })).toBe(1);
    expect(await AuditEvent.countDocuments({ action: 'application.approved', 'subject.id': String((await Application.findOne({ name: 'Applicant twice' }))!._id) })).toBe(1);
  });

  it('leaves nothing behind when the approval fails midway (the contact already has an account)', async () => {
    const { reviewPath, id, email } = await confirmedApplication('blocked');
    // Created after the confirmation, so only the unique index on e-mail notices it: the last step of the approval.
    await makeUser({ email });
    const counts = async () => ({
      organisations: await Organisation.countDocuments(),
      pledges: await Pledge.countDocuments(),
      evidence: await Evidence.countDocuments(),
      users: await User.countDocuments(),
      events: await AuditEvent.countDocuments(),
    });
    const agent = await staffAgent();
    await fetchCsrf(agent, reviewPath);
    const before = await counts();
    const answer = await postForm(agent, reviewPath, reviewPath, { decision: 'approve', message: '' });
    expect(answer.status).toBe(409);
    expect(answer.text).toContain('already has an account');
    const after = await counts();
    // Loading the form again signs nothing in and writes nothing; only the failed approval could have.
    expect(after).toEqual(before);
    expect(await Organisation.countDocuments({ name: 'Applicant blocked' })).toBe(0);
    expect(await Application.findById(id).lean()).toMatchObject({ state: 'submitted', organisation: null });
  });

  it('answers 404 for an application id that does not exist or is malformed', async () => {
    const agent = await staffAgent();
    expect((await agent.get('/secretariat/applications/000000000000000000000000')).status).toBe(404);
    expect((await agent.get('/secretariat/applications/not-an-id')).status).toBe(404);
  });
});
