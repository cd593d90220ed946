import { AuditEvent } from '../../src/models/auditEvent';
import { ImportRun } from '../../src/models/importRun';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';
import { makeOrganisation } from '../helpers/factories';
import { makeStaffUser, signInStaff } from '../helpers/staff';

jest.setTimeout(120_000);

const MAX_BYTES = 4096;
let testApp: TestApp;
let staff: Awaited<ReturnType<typeof makeStaffUser>>;
let agent: Agent;

const CSV = [
  'name,country,category,sector,website,joined,initiative',
  'Kestrel Networks,NL,private-sector,company,https://kestrel.example,2024-03-01,tech-accord',
  'Heron Institute,BE,civil-society,research,,2023-11-20,paris-call',
  'Existing Import Org,FR,private-sector,company,https://existing.example,2021-01-01,paris-call',
  'Nameless Initiative,DE,civil-society,research,,,',
].join('\n');

beforeAll(async () => {
  testApp = await startTestApp({ runJobs: true, env: { IMPORT_MAX_UPLOAD_BYTES: String(MAX_BYTES), JOBS_POLL_MS: '100' } });
  staff = await makeStaffUser();
  agent = testApp.agent();
  await signInStaff(agent, staff);
  await makeOrganisation({ name: 'Existing Import Org', country: 'FR' });
});
afterAll(async () => {
  await testApp.stop();
});

function upload(content: string | Buffer, fileName = 'members.csv', contentType = 'text/csv', token?: string) {
  return (async () => {
    const csrf = token ?? (await fetchCsrf(agent, '/secretariat/import'));
    return agent
      .post('/secretariat/import')
      .field('_csrf', csrf)
      .field('initiative', '')
      .attach('file', Buffer.from(content), { filename: fileName, contentType });
  })();
}

/** Reads the run's page until it shows `state` (the job runs in the background). */
async function pageWhen(path: string, state: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await agent.get(path);
    expect(page.status).toBe(200);
    if (page.text.includes(`<strong>${state}</strong>`)) return page.text;
    if (Date.now() > deadline) throw new Error(`${path} never showed ${state}:\n${page.text.slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const registrySnapshot = async () => ({
  organisations: await Organisation.countDocuments(),
  events: await AuditEvent.countDocuments(),
  kestrel: await Organisation.countDocuments({ name: 'Kestrel Networks' }),
});

describe('importing a CSV from the secretariat area', () => {
  it('shows the dry-run report and changes nothing; applying writes every organisation with the reviewer as actor', async () => {
    const before = await registrySnapshot();
    const uploaded = await upload(CSV);
    expect(uploaded.status).toBe(303);
    const runPath = String(uploaded.headers['location']);
    expect(runPath).toMatch(/^\/secretariat\/import\/[0-9a-f]{24}$/);

    const checked = await pageWhen(runPath, 'Checked: waiting to be applied');
    expect(checked).toContain('Dry run: what the import would do');
    expect(checked).toMatch(/<dt>Would create<\/dt><dd>2<\/dd>/);
    expect(checked).toMatch(/<dt>Would update<\/dt><dd>1<\/dd>/);
    expect(checked).toMatch(/<dt>Rejected rows<\/dt><dd>1<\/dd>/);
    expect(checked).toContain('<td>5</td><td>Nameless Initiative</td><td lang="en">no initiative: add an initiative column or choose one</td>');
    expect(checked).toContain('>Apply the import</button>');
    expect(await registrySnapshot()).toEqual(before);

    const token = await fetchCsrf(agent, runPath);
    const applied = await agent.post(`${runPath}/apply`).type('form').send({ _csrf: token });
    expect(applied.status).toBe(303);
    const done = await pageWhen(runPath, 'Imported');
    expect(done).toContain('What the import did');
    expect(done).toMatch(/<dt>Created<\/dt><dd>2<\/dd>/);
    expect(done).toContain(`Applied by ${staff.email}`);

    const created = await Organisation.find({ name: { $in: ['Kestrel Networks', 'Heron Institute'] } }).lean();
    expect(created).toHaveLength(2);
    const events = await AuditEvent.find({ action: 'organisation.imported' }).lean();
    expect(events).toHaveLength(3);
    for (const event of events) expect(event.actor).toMatchObject({ kind: 'user', label: staff.email, role: 'secretariat' });
    expect(events.map((event) => String(event.organisation)).sort()).toEqual(
      [...created.map((o) => String(o._id)), String((await Organisation.findOne({ name: 'Existing Import Org' }).lean())!._id)].sort(),
    );
    const started = await AuditEvent.find({ action: 'import.started' }).lean();
    expect(started).toHaveLength(1);
    expect(started[0]!.actor.label).toBe(staff.email);
    // The file itself is not kept once applied.
    const run = await ImportRun.findById(runPath.split('/').pop()).lean();
    expect(run!.content).toBeUndefined();

    const again = await agent.post(`${runPath}/apply`).type('form').send({ _csrf: token });
    expect(again.status).toBe(303);
    expect((await agent.get(runPath)).text).toContain('is not waiting to be applied');
    expect(await AuditEvent.countDocuments({ action: { $in: ['organisation.imported', 'import.started'] } })).toBe(4);
  });

  it('refuses a file over the size limit, next to the field, and keeps nothing', async () => {
    const runs = await ImportRun.countDocuments();
    const before = await registrySnapshot();
    const big = `name,country,initiative\n${'Big Row Organisation,FR,paris-call\n'.repeat(200)}`;
    expect(big.length).toBeGreaterThan(MAX_BYTES);
    const response = await upload(big);
    expect(response.status).toBe(413);
    expect(response.text).toContain('<p class="field__error" id="field-file-error">The file is larger than 4 KB. Split it into smaller files.</p>');
    expect(response.text).toContain('aria-invalid="true" required');
    expect(await ImportRun.countDocuments()).toBe(runs);
    expect(await registrySnapshot()).toEqual(before);
  });

  it('refuses files that are not CSV, with the reason next to the field', async () => {
    const runs = await ImportRun.countDocuments();
    const before = await registrySnapshot();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const image = await upload(png, 'logo.png', 'image/png');
    expect(image.status).toBe(400);
    expect(image.text).toContain('The file must be a CSV file (its name ends in .csv).');

    const disguised = await upload(png, 'logo.csv', 'text/csv');
    expect(disguised.status).toBe(400);
    expect(disguised.text).toContain('This file is not a CSV file the importer recognises. Nothing was imported.');
    expect(disguised.text).toContain('Not a CSV file: the content is binary or not UTF-8 text.');

    const otherColumns = await upload('invoice,amount\n12,300\n', 'invoices.csv');
    expect(otherColumns.status).toBe(400);
    expect(otherColumns.text).toContain('Not a recognised CSV');

    const nothing = await agent.post('/secretariat/import').field('_csrf', await fetchCsrf(agent, '/secretariat/import')).field('initiative', '');
    expect(nothing.status).toBe(400);
    expect(nothing.text).toContain('Choose a CSV file to upload.');
    expect(await ImportRun.countDocuments()).toBe(runs);
    expect(await registrySnapshot()).toEqual(before);
  });

  it('answers in French next to the field', async () => {
    await agent.get('/secretariat/import?lang=fr');
    const response = await upload('x', 'notes.txt', 'text/plain');
    await agent.get('/secretariat/import?lang=en');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Le fichier doit être un fichier CSV');
  });

  it('refuses an upload without the form’s CSRF token, and any other multipart post', async () => {
    const runs = await ImportRun.countDocuments();
    expect((await upload(CSV, 'members.csv', 'text/csv', 'not-the-token')).status).toBe(403);
    const withoutToken = await agent.post('/secretariat/import').attach('file', Buffer.from(CSV), { filename: 'members.csv', contentType: 'text/csv' });
    expect(withoutToken.status).toBe(403);
    expect(await ImportRun.countDocuments()).toBe(runs);
    // Elsewhere a multipart body is never read, so its token cannot count: the app-wide check refuses it.
    const token = await fetchCsrf(agent, '/secretariat/import');
    const elsewhere = await agent.post('/secretariat/import/000000000000000000000000/apply').field('_csrf', token);
    expect(elsewhere.status).toBe(403);
  });

  it('answers 404 for an import that does not exist', async () => {
    expect((await agent.get('/secretariat/import/000000000000000000000000')).status).toBe(404);
    expect((await agent.get('/secretariat/import/not-an-id')).status).toBe(404);
  });
});
