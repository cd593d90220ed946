import { parse } from 'csv-parse/sync';
import { fixedClock } from '../../src/clock';
import { actorFrom } from '../../src/audit/actor';
import { startTestApp, type TestApp } from '../helpers/app';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { answerChecker } from '../opendata/openApi';

const clock = fixedClock(new Date('2026-02-01T09:00:00Z'));
let testApp: TestApp;
let check: ReturnType<typeof answerChecker>;
const slugs: Record<string, string> = {};

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  const staff = await makeUser({ role: 'secretariat' });
  const actor = actorFrom({ user: { id: staff.id, email: staff.email, role: 'secretariat' } });
  for (const name of ['Keel Active', 'Keel Lapsed', 'Keel Withdrawn', 'Keel Delisted']) {
    slugs[name] = String((await makeOrganisation({ name })).slug);
  }
  const change = async (
    name: string,
    state: 'active' | 'lapsed' | 'withdrawn' | 'delisted',
    reason: string,
  ) => {
    const organisation = await testApp.services.organisations.findBySlug(slugs[name] ?? '');
    await testApp.services.organisations.changeStatus(actor, organisation!._id, { state, reason });
  };
  await change('Keel Lapsed', 'lapsed', 'No annual report');
  await change('Keel Withdrawn', 'withdrawn', 'At the organisation’s request');
  clock.advance(10 * 86_400_000);
  await change('Keel Delisted', 'withdrawn', 'Asked to leave');
  clock.advance(30 * 86_400_000);
  await change('Keel Delisted', 'delisted', 'Misrepresented its pledge');
  check = answerChecker((await testApp.agent().get('/api/v1/openapi.json')).body);
}, 120_000);
afterAll(() => testApp.stop());

const names = (html: string) => [...html.matchAll(/>(Keel [A-Za-z]+)<\/a>/g)].map((match) => match[1]);

describe('the directory status filter', () => {
  it('lists active organisations by default and each status, or all of them, on request', async () => {
    const agent = testApp.agent();
    const byDefault = await agent.get('/signatories?q=keel');
    expect(names(byDefault.text)).toEqual(['Keel Active']);
    expect(byDefault.text).toMatch(/<select[^>]*id="filter-status" name="status">/);
    expect(byDefault.text).toMatch(/<option value="active" selected>Active \(1\)<\/option>/);
    expect(byDefault.text).toContain('<option value="lapsed">Lapsed (1)</option>');
    expect(byDefault.text).toContain('<option value="all">All statuses (4)</option>');

    const lapsed = await agent.get('/signatories?q=keel&status=lapsed');
    expect(names(lapsed.text)).toEqual(['Keel Lapsed']);
    expect(lapsed.text).toContain('<span class="badge badge--status">Lapsed</span>');
    expect(lapsed.text).toContain('Status: Lapsed');

    const all = await agent.get('/signatories?q=keel&status=all');
    expect(names(all.text)).toEqual(['Keel Active', 'Keel Delisted', 'Keel Lapsed', 'Keel Withdrawn']);
    expect((await agent.get('/signatories?q=keel&status=delisted&country=FR')).text).toContain(
      'Keel Delisted',
    );
    expect(names((await agent.get('/signatories?q=keel&status=active')).text)).toEqual(['Keel Active']);

    const french = await agent.get('/signatories?q=keel&status=withdrawn&lang=fr');
    expect(names(french.text)).toEqual(['Keel Withdrawn']);
    expect(french.text).toContain('Tous les statuts');

    const bad = await testApp.agent().get('/signatories?q=keel&status=retired');
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('were ignored: status');
    expect(names(bad.text)).toEqual(['Keel Active']);
  });

  it('carries the filter into the CSV and JSON downloads', async () => {
    const agent = testApp.agent();
    const csv = await agent.get('/signatories.csv?q=keel&status=withdrawn');
    expect(csv.status).toBe(200);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row['name'], row['status']])).toEqual([['Keel Withdrawn', 'withdrawn']]);

    const json = await agent.get('/signatories.json?q=keel&status=all');
    const body = JSON.parse(json.text) as {
      query: string;
      total: number;
      organisations: { name: string; status: { state: string } }[];
    };
    expect(body.query).toBe('?q=keel&status=all');
    expect(body.organisations.map((o) => [o.name, o.status.state])).toEqual([
      ['Keel Active', 'active'],
      ['Keel Delisted', 'delisted'],
      ['Keel Lapsed', 'lapsed'],
      ['Keel Withdrawn', 'withdrawn'],
    ]);
    const defaultJson = JSON.parse((await agent.get('/signatories.json?q=keel')).text) as { total: number };
    expect(defaultJson.total).toBe(1);
    expect((await agent.get('/signatories.csv?status=retired')).status).toBe(400);
  });

  it('takes the same parameter in the API, documented in its OpenAPI document', async () => {
    const agent = testApp.agent();
    const document = (await agent.get('/api/v1/openapi.json')).body as {
      paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
    };
    const parameter = document.paths['/organisations']?.get.parameters.find((p) => p.name === 'status');
    expect(parameter?.schema.enum).toEqual(['active', 'lapsed', 'withdrawn', 'delisted', 'all']);

    const delisted = await agent.get('/api/v1/organisations?q=keel&status=delisted');
    expect(delisted.status).toBe(200);
    check('/organisations', 200, 'application/json', delisted.body);
    expect(delisted.body.organisations).toEqual([
      expect.objectContaining({
        name: 'Keel Delisted',
        status: { state: 'delisted', reason: 'Misrepresented its pledge', since: '2026-03-13T09:00:00.000Z' },
      }),
    ]);
    expect(delisted.body.links.self).toBe('/api/v1/organisations?q=keel&status=delisted');
    const active = await agent.get('/api/v1/organisations?q=keel');
    expect(active.body.total).toBe(1);
    const refused = await agent.get('/api/v1/organisations?status=retired');
    expect(refused.status).toBe(400);
    expect(refused.body.invalidParams[0].name).toBe('status');
  });
});

describe('status changes on the public profile', () => {
  it('shows every change with its date and reason, newest first, in both languages', async () => {
    const profile = await testApp.agent().get(`/signatories/${slugs['Keel Delisted']}`);
    expect(profile.status).toBe(200);
    const history = /<ol class="status-history">([\s\S]*?)<\/ol>/.exec(profile.text)?.[1] ?? '';
    const items = [...history.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) =>
      match[1]
        ?.replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(items).toEqual([
      '13 March 2026: Delisted — Misrepresented its pledge',
      '11 February 2026: Withdrawn — Asked to leave',
    ]);
    const french = await testApp.agent().get(`/signatories/${slugs['Keel Delisted']}?lang=fr`);
    expect(french.text).toContain('Changements de statut');
    expect(french.text).toContain('13 mars 2026: <strong>Radié</strong>');
    const untouched = await testApp.agent().get(`/signatories/${slugs['Keel Active']}`);
    expect(untouched.text).not.toContain('status-history');
  });
});
