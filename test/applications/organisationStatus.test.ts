import { AuditEvent } from '../../src/models/auditEvent';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeOrganisation } from '../helpers/factories';
import { makeStaffUser, signInStaff } from '../helpers/staff';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.stop());

describe('the secretariat changes an organisation status', () => {
  it('delists with a public reason shown on the profile with its date, and the directory drops it', async () => {
    const organisation = await makeOrganisation({ name: 'Lighthouse Cyber' });
    const agent = testApp.agent();
    await signInStaff(agent, await makeStaffUser());
    expect((await agent.get('/secretariat/organisations?q=lighthou')).text).toContain('Lighthouse Cyber');
    expect((await testApp.agent().get('/signatories?q=Lighthouse')).text).toContain('Lighthouse Cyber');

    const page = `/secretariat/organisations/${organisation.slug}`;
    const action = `${page}/status`;
    const refused = await postForm(agent, page, action, { state: 'delisted', reason: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Give the public reason for delisting.');
    expect((await postForm(agent, page, action, { state: 'retired', reason: 'x' })).status).toBe(400);
    expect((await Organisation.findById(organisation._id).lean())!.status.state).toBe('active');

    const saved = await postForm(agent, page, action, { state: 'delisted', reason: 'Stopped publishing any evidence' });
    expect(saved.status).toBe(303);
    const profile = await testApp.agent().get(`/signatories/${organisation.slug}`);
    expect(profile.text).toContain('Delisted');
    expect(profile.text).toContain('Stopped publishing any evidence');
    expect((await testApp.agent().get('/signatories?q=Lighthouse')).text).not.toContain('Lighthouse Cyber');
    const event = await AuditEvent.findOne({ action: 'organisation.status-changed', organisation: organisation._id }).lean();
    expect(event).toMatchObject({ before: { state: 'active' }, after: { state: 'delisted', reason: 'Stopped publishing any evidence' } });
  });

  it('answers 404 for an unknown organisation', async () => {
    const agent = testApp.agent();
    await signInStaff(agent, await makeStaffUser());
    expect((await agent.get('/secretariat/organisations/no-such-organisation')).status).toBe(404);
  });
});
