import { parse } from 'csv-parse/sync';
import { actorFrom, systemActor, type Actor } from '../../src/audit/actor';
import type { AuditAction } from '../../src/audit/actions';
import { fixedClock } from '../../src/clock';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeOrganisation } from '../helpers/factories';
import { makeStaffUser, signInStaff } from '../helpers/staff';

jest.setTimeout(120_000);

const clock = fixedClock(new Date());
let testApp: TestApp;
let staff: Agent;
let alpha: Awaited<ReturnType<typeof makeOrganisation>>;
let bravo: Awaited<ReturnType<typeof makeOrganisation>>;
let formula: Awaited<ReturnType<typeof makeOrganisation>>;

const person = (email: string): Actor => actorFrom({ user: { id: '0123456789abcdef0123456a', email, role: 'secretariat' } });

async function record(at: string, actor: Actor, action: AuditAction, organisation: { _id: unknown } | null, after: unknown = null) {
  clock.set(new Date(at));
  await testApp.services.recordChange(actor, action, async () => ({
    subject: { kind: 'organisation', id: organisation ? String(organisation._id) : 'none' },
    organisation: organisation ? String(organisation._id) : null,
    after,
    result: null,
  }));
}

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  staff = testApp.agent();
  await signInStaff(staff, await makeStaffUser('secretariat'));
  alpha = await makeOrganisation({ name: 'Auditable Alpha' });
  bravo = await makeOrganisation({ name: 'Bravo Auditable' });
  formula = await makeOrganisation({ name: '=HYPERLINK("http://evil.test") Org' });
  await record('2026-01-10T12:00:00Z', person('alice@audit.test'), 'organisation.updated', alpha, { description: 'Alice wrote this' });
  await record('2026-01-15T23:30:00Z', person('bob@audit.test'), 'organisation.status-changed', bravo, { state: 'withdrawn' });
  await record('2026-01-20T08:00:00Z', systemActor('import'), 'organisation.imported', alpha);
  await record('2026-01-21T08:00:00Z', person('@mallory@audit.test'), 'organisation.updated', formula, { description: '-1+1' });
  clock.set(new Date('2026-02-01T00:00:00Z'));
  await testApp.services.recordChange(systemActor('bulk-check'), 'evidence.checked', async () => ({
    events: Array.from({ length: 60 }, (_, index) => ({ subject: { kind: 'evidence', id: `bulk-${String(index).padStart(2, '0')}` } })),
    result: null,
  }));
  clock.set(new Date());
});
afterAll(() => testApp.stop());

const timesIn = (html: string) => [...html.matchAll(/<time datetime="([^"]+)">/g)].map((match) => match[1]!);
const actionsIn = (html: string) => [...html.matchAll(/<td><code>([a-z.-]+)<\/code><\/td>/g)].map((match) => match[1]!);
const csvRows = (text: string) => parse(text, { columns: true, bom: true, record_delimiter: '\r\n' }) as Record<string, string>[];

describe('the audit log', () => {
  it('lists every change newest first, fifty to a page', async () => {
    const first = await staff.get('/secretariat/audit');
    expect(first.status).toBe(200);
    const times = timesIn(first.text);
    expect(times).toHaveLength(50);
    expect([...times].sort().reverse()).toEqual(times);
    const total = Number(/(\d+) events, newest first/.exec(first.text)?.[1]);
    expect(total).toBeGreaterThanOrEqual(64);
    expect(first.text).toContain(`Page 1 of ${Math.ceil(total / 50)}`);
    const second = await staff.get('/secretariat/audit?page=2');
    expect(timesIn(second.text)[0]! <= times[49]!).toBe(true);
  });

  it.each([
    ['actor=alice@audit.test', ['organisation.updated'], ['2026-01-10T12:00:00.000Z']],
    ['actor=BOB@', ['organisation.status-changed'], ['2026-01-15T23:30:00.000Z']],
    ['actor=system:import', ['organisation.imported'], ['2026-01-20T08:00:00.000Z']],
    ['organisation=Auditable', ['organisation.imported', 'organisation.updated'], ['2026-01-20T08:00:00.000Z', '2026-01-10T12:00:00.000Z']],
    ['organisation=SLUG_OF_BRAVO', ['organisation.status-changed'], ['2026-01-15T23:30:00.000Z']],
    ['action=organisation.imported&organisation=Auditable', ['organisation.imported'], ['2026-01-20T08:00:00.000Z']],
    ['from=2026-01-11&to=2026-01-15', ['organisation.status-changed'], ['2026-01-15T23:30:00.000Z']],
    ['from=2026-01-16&to=2026-01-21&actor=s', ['organisation.imported'], ['2026-01-20T08:00:00.000Z']],
    ['actor=.*', [], []],
  ])('filters by %s', async (query, actions, times) => {
    const response = await staff.get(`/secretariat/audit?${query.replace('SLUG_OF_BRAVO', String(bravo.slug))}`);
    expect(response.status).toBe(200);
    expect(actionsIn(response.text)).toEqual(actions);
    expect(timesIn(response.text)).toEqual(times);
  });

  it.each([
    ['from=2026-02-30', 'from', 'Enter a real date as YYYY-MM-DD'],
    ['to=yesterday', 'to', 'Enter a real date as YYYY-MM-DD'],
    ['from=2026-03-02&to=2026-03-01', 'to', 'The end date must not be before the start date.'],
    ['action=organisation.stolen', 'action', 'Choose one of the actions in the list.'],
    ['actor=a&actor=b', 'actor', 'This value is not valid.'],
    ['organisation=a&organisation=b', 'organisation', 'This value is not valid.'],
    [`actor=${'x'.repeat(400)}`, 'actor', 'This is too long.'],
  ])('answers %s with a message next to the field, not an error page', async (query, field, message) => {
    for (const path of ['/secretariat/audit', '/secretariat/audit.csv']) {
      const response = await staff.get(`${path}?${query}`);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toMatch(new RegExp(`<p class="field__error" id="field-${field}-error">${message.replace(/[.]/g, '\\.')}`));
    }
  });

  it('downloads the current filter as CSV, streamed, newest first, with formula cells neutralised', async () => {
    const page = await staff.get('/secretariat/audit?organisation=%3DHYPERLINK&action=organisation.updated');
    expect(page.text).toContain('href="/secretariat/audit.csv?organisation=%3DHYPERLINK&amp;action=organisation.updated"');
    const response = await staff.get('/secretariat/audit.csv?organisation=%3DHYPERLINK&action=organisation.updated');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?audit-log-\d{4}-\d\d-\d\d\.csv"?$/);
    expect(response.text.startsWith('\uFEFFat,action,actor,actor_kind,actor_role,subject_kind,subject_id,organisation,organisation_slug,before,after,request_id,ip\r\n')).toBe(true);
    const rows = csvRows(response.text);
    expect(rows).toEqual([
      expect.objectContaining({
        at: '2026-01-21T08:00:00.000Z',
        action: 'organisation.updated',
        actor: "'@mallory@audit.test",
        actor_role: 'secretariat',
        organisation: `'=HYPERLINK("http://evil.test") Org`,
        organisation_slug: String(formula.slug),
        after: '{"description":"-1+1"}',
      }),
    ]);
  });

  it('downloads every matching event, across pages, in the same order as the pages', async () => {
    const rows = csvRows((await staff.get('/secretariat/audit.csv?actor=system:bulk-check')).text);
    expect(rows).toHaveLength(60);
    const subjectsOn = async (page: number) =>
      [...(await staff.get(`/secretariat/audit?actor=system:bulk-check&page=${page}`)).text.matchAll(/<td>evidence (bulk-\d\d)<\/td>/g)].map((match) => match[1]);
    const paged = [...(await subjectsOn(1)), ...(await subjectsOn(2))];
    expect(paged).toHaveLength(60);
    expect(rows.map((row) => row['subject_id'])).toEqual(paged);
    expect(rows.every((row) => row['action'] === 'evidence.checked' && row['actor'] === 'system:bulk-check')).toBe(true);
    expect(new Set(rows.map((row) => row['subject_id'])).size).toBe(60);
  });

  it('is shown in French', async () => {
    const french = testApp.agent();
    await signInStaff(french, await makeStaffUser('secretariat'));
    const response = await french.get('/secretariat/audit?lang=fr&from=2026-13-01');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Saisissez une date réelle au format AAAA-MM-JJ');
    expect(testApp.missingTranslations).toEqual([]);
  });
});
