import ICAL from 'ical.js';
import { Activity } from '../../src/models/activity';
import { AuditEvent } from '../../src/models/auditEvent';
import { Organisation } from '../../src/models/organisation';
import { startTestApp, type Agent, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { makeOrganisation } from '../helpers/factories';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import { answerChecker } from '../opendata/openApi';

let testApp: TestApp;
let staff: Agent;
beforeAll(async () => {
  testApp = await startTestApp();
  staff = testApp.agent();
  await signInStaff(staff, await makeStaffUser());
});
afterAll(() => testApp.stop());

const NEW = '/secretariat/activities/new';
const blank = { initiative: 'tech-accord', kind: 'event', titleEn: '', titleFr: '', textEn: '', textFr: '', date: '', time: '', timeZone: '', duration: '', link: '', recordingUrl: '', coSigners: '', partners: '' };
const texts = { titleEn: 'Webinar on infrastructure attacks', titleFr: 'Webinaire sur les attaques contre les infrastructures', textEn: 'A webinar.', textFr: 'Un webinaire.' };

describe('activities', () => {
  it('refuses bad input next to the field and stores nothing', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ ...texts, titleFr: '' }, 'titleFr', 'This field is required.'],
      [{ ...texts }, 'date', 'An event needs a date.'],
      [{ ...texts, date: '2030-01-10', time: '15:00', timeZone: 'Mars/Olympus' }, 'timeZone', 'Enter a time zone such as Europe/Paris.'],
      [{ ...texts, date: '2030-01-10', link: 'javascript:alert(1)' }, 'link', 'Enter an address starting with https:// or http://.'],
      [{ ...texts, kind: 'statement', coSigners: 'no-such-org' }, 'coSigners', 'One of these slugs is not in the registry.'],
    ];
    for (const [fields, field, message] of cases) {
      const response = await postForm(staff, NEW, '/secretariat/activities', { ...blank, ...fields });
      expect([field, response.status]).toEqual([field, 400]);
      expect(response.text).toContain(`id="field-${field}-error">${message}</p>`);
    }
    expect(await Activity.countDocuments()).toBe(0);
  });

  it('publishes an event and a statement; lists upcoming events first; serves iCalendar files; links co-signers; audits every write', async () => {
    const signer = await makeOrganisation({ name: 'Cosigning Org' });
    const past = await postForm(staff, NEW, '/secretariat/activities', { ...blank, ...texts, date: '2019-02-04' });
    expect(past.status).toBe(303);
    await postForm(staff, NEW, '/secretariat/activities', { ...blank, titleEn: 'Future webinar', titleFr: 'Webinaire futur', textEn: 'Soon.', textFr: 'Bientôt.', date: '2031-03-10', time: '15:30', timeZone: 'Europe/Paris', duration: '90', link: 'https://webinar.example/join' });
    await postForm(staff, NEW, '/secretariat/activities', { ...blank, kind: 'statement', titleEn: 'Joint comments', titleFr: 'Commentaires communs', textEn: 'We comment.', textFr: 'Nous commentons.', coSigners: String(signer.slug) });

    const list = (await testApp.agent().get('/initiatives/tech-accord/activities?lang=en')).text;
    expect(list.indexOf('Future webinar')).toBeGreaterThan(0);
    expect(list.indexOf('Future webinar')).toBeLessThan(list.indexOf('Webinar on infrastructure attacks'));
    expect(list).toContain('10 March 2031 at 15:30 (Europe/Paris)');

    const statement = (await testApp.agent().get('/initiatives/tech-accord/activities/joint-comments?lang=fr')).text;
    expect(statement).toContain(`<a href="/signatories/${String(signer.slug)}">Cosigning Org</a>`);
    expect(statement).toContain('Cosignée par');

    for (const [lang, heading, caption] of [['en', 'Statements co-signed', 'Joint comments (Cybersecurity Tech Accord)'], ['fr', 'Déclarations cosignées', 'Commentaires communs (Cybersecurity Tech Accord)']]) {
      const profile = (await testApp.agent().get(`/signatories/${String(signer.slug)}?lang=${lang}`)).text;
      expect(profile).toContain(`<h2 id="statements-title">${heading}</h2>`);
      expect(profile).toContain(`<a href="/initiatives/tech-accord/activities/joint-comments">${caption}</a>`);
    }
    const api = await testApp.agent().get(`/api/v1/organisations/${String(signer.slug)}`);
    answerChecker((await testApp.agent().get('/api/v1/openapi.json')).body)('/organisations/{slug}', 200, 'application/json', api.body);
    expect((api.body as { coSignedStatements: unknown[] }).coSignedStatements).toEqual([
      { initiative: 'tech-accord', slug: 'joint-comments', title: { en: 'Joint comments', fr: 'Commentaires communs' }, date: null, url: expect.stringMatching(/\/initiatives\/tech-accord\/activities\/joint-comments$/) as unknown },
    ]);

    const one = await testApp.agent().get('/initiatives/tech-accord/activities/future-webinar/calendar.ics');
    expect(one.headers['content-type']).toMatch(/^text\/calendar/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(one.text)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Future webinar');
    expect(event.startDate.toJSDate().toISOString()).toBe('2031-03-10T14:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2031-03-10T16:00:00.000Z');
    const all = await testApp.agent().get('/initiatives/tech-accord/activities.ics');
    const events = new ICAL.Component(ICAL.parse(all.text)).getAllSubcomponents('vevent').map((item) => new ICAL.Event(item));
    expect(events.map((item) => item.summary).sort()).toEqual(['Future webinar', 'Webinar on infrastructure attacks']);
    const allDay = events.find((item) => item.summary.startsWith('Webinar'))!;
    expect([allDay.startDate.isDate, allDay.startDate.toString()]).toEqual([true, '2019-02-04']);
    expect((await testApp.agent().get('/initiatives/tech-accord/activities/joint-comments/calendar.ics')).status).toBe(404);
    expect((await testApp.agent().get('/initiatives/tech-accord/activities/nothing-here')).status).toBe(404);
    expect((await testApp.agent().get('/initiatives/nowhere/activities')).status).toBe(404);

    const stored = await Activity.findOne({ slug: 'future-webinar' }).lean();
    const editPage = `/secretariat/activities/${String(stored!._id)}`;
    const form = (await staff.get(editPage)).text;
    expect(form).toContain('value="15:30"');
    const edited = await postForm(staff, editPage, editPage, { ...blank, titleEn: 'Future webinar', titleFr: 'Webinaire futur', textEn: 'Soon.', textFr: 'Bientôt.', date: '2031-03-10', time: '15:30', timeZone: 'Europe/Paris', recordingUrl: 'https://video.example/recording' });
    expect(edited.status).toBe(303);
    expect((await testApp.agent().get('/initiatives/tech-accord/activities/future-webinar')).text).toContain('https://video.example/recording');
    const actions = (await AuditEvent.find({ 'subject.kind': 'activity' }).lean()).map((e) => e.action).sort();
    expect(actions).toEqual(['activity.created', 'activity.created', 'activity.created', 'activity.updated']);
  });

  it('drafts a new-member announcement with the count and the countries of the period, then publishes it', async () => {
    const joined = async (name: string, country: string, day: string) => {
      const organisation = await makeOrganisation({ name, country });
      await Organisation.updateOne({ _id: organisation._id }, { $set: { memberships: [{ initiative: 'tech-accord', joinedAt: new Date(`${day}T12:00:00Z`), status: 'active' }] } });
    };
    await joined('Buenos Aires Security', 'AR', '2020-05-02');
    await joined('Sofia Systems', 'BG', '2020-05-10');
    await joined('Santiago Net', 'CL', '2020-05-31');
    await joined('Second Chilean Org', 'CL', '2020-05-15');
    await joined('Too Early', 'DE', '2020-04-30');
    await joined('Too Late', 'JP', '2020-06-01');
    const draft = await staff.get('/secretariat/announcements/new?initiative=tech-accord&from=2020-05-01&to=2020-05-31&lang=en');
    expect(draft.status).toBe(200);
    expect(draft.text).toContain('The Cybersecurity Tech Accord welcomes 4 new signatories from 3 countries: Argentina, Bulgaria, Chile.');
    expect(draft.text).not.toContain('Germany');
    expect(draft.text).not.toContain('Japan');
    expect(draft.text).toContain('accueille 4 nouveaux signataires de 3 pays : Argentine, Bulgarie, Chili.');
    expect((await staff.get('/secretariat/announcements/new?initiative=tech-accord&from=2020-06-01&to=2020-05-01')).status).toBe(400);

    const published = await postForm(staff, '/secretariat/announcements/new?initiative=tech-accord&from=2020-05-01&to=2020-05-31', '/secretariat/activities', {
      ...blank,
      kind: 'announcement',
      titleEn: 'Four new signatories',
      titleFr: 'Quatre nouveaux signataires',
      textEn: 'The Cybersecurity Tech Accord welcomes 4 new signatories from 3 countries.',
      textFr: 'Le Cybersecurity Tech Accord accueille 4 nouveaux signataires de 3 pays.',
      date: '2020-05-31',
    });
    expect(published.status).toBe(303);
    expect((await testApp.agent().get('/initiatives/tech-accord/activities')).text).toContain('Four new signatories');
    expect(await AuditEvent.countDocuments({ action: 'activity.created', 'after.kind': 'announcement' })).toBe(1);
  });
});
