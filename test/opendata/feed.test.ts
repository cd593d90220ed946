import { XMLParser } from 'fast-xml-parser';
import { systemActor } from '../../src/audit/actor';
import type { ActivityInput } from '../../src/features/activities/activityService';
import { startTestApp, type TestApp } from '../helpers/app';
import { loadOpenDataFixtures } from './support';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  await loadOpenDataFixtures(testApp);
});
afterAll(() => testApp.stop());

interface AtomEntry {
  title: string | { '#text': string };
  id: string;
  updated: string;
  link: { '@_href': string };
  summary?: string | { '#text': string };
}

function parseAtom(xml: string) {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });
  const document = parser.parse(xml, true) as { feed: { title: AtomEntry['title']; entry?: AtomEntry[] } };
  const text = (value: AtomEntry['title']) => (typeof value === 'string' ? value : value['#text']);
  const entries = (document.feed.entry ?? []).map((entry) => ({ ...entry, title: text(entry.title) }));
  return { title: text(document.feed.title), entry: entries };
}

describe('Atom feeds', () => {
  it('lists the newest joinings and pledge changes, newest first', async () => {
    const response = await testApp.agent().get('/feed.atom?lang=en');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const feed = parseAtom(response.text);
    expect(feed.title).toBe('Accord Registry: new signatories, pledge changes and activities');
    const titles = feed.entry.map((entry) => entry.title);
    expect(titles).toContain(
      'Microsoft updated its pledge to the Cybersecurity Tech Accord (version 2, 2 commitments)',
    );
    expect(titles).toContain(
      'Microsoft updated its pledge to the Cybersecurity Tech Accord (version 1, 1 commitment)',
    );
    expect(titles).toContain('Ålborg Netværk joined the Cybersecurity Tech Accord');
    expect(titles).toContain('Ville de Montréal joined the Paris Call for Trust and Security in Cyberspace');
    const times = feed.entry.map((entry) => Date.parse(entry.updated));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // 13 organisations joined once each and five pledge versions were recorded.
    expect(feed.entry).toHaveLength(13 + 5);
    expect(new Set(feed.entry.map((entry) => entry.id)).size).toBe(feed.entry.length);
    const alborg = feed.entry.find((entry) => entry.title.startsWith('Ålborg'));
    expect(alborg?.link['@_href']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/signatories\/alborg-netvaerk$/);
  });

  it('has one feed per initiative, in the reader’s language', async () => {
    const response = await testApp.agent().get('/initiatives/tech-accord/feed.atom?lang=fr');
    const feed = parseAtom(response.text);
    expect(feed.title).toBe(
      'Accord Registry : nouveaux signataires, engagements modifiés et activités, Cybersecurity Tech Accord',
    );
    const titles = feed.entry.map((entry) => entry.title);
    expect(titles).toContain('Cisco a rejoint : Cybersecurity Tech Accord');
    expect(titles.every((title) => !title.includes('Paris'))).toBe(true);
    // Microsoft, Cisco, Ericsson and Ålborg joined; Microsoft has two versions, Cisco one.
    expect(feed.entry).toHaveLength(4 + 3);
    expect((await testApp.agent().get('/initiatives/unknown/feed.atom')).status).toBe(404);
  });

  it('answers 304 to the current ETag', async () => {
    const first = await testApp.agent().get('/feed.atom?lang=en');
    const again = await testApp
      .agent()
      .get('/feed.atom?lang=en')
      .set('If-None-Match', String(first.headers['etag']));
    expect(again.status).toBe(304);
  });

  it('is linked from the head of every page, and per initiative from its page', async () => {
    const home = await testApp.agent().get('/?lang=en');
    expect(home.text).toContain('<link rel="alternate" type="application/atom+xml" href="/feed.atom"');
    const initiative = await testApp.agent().get('/initiatives/paris-call?lang=en');
    expect(initiative.text).toContain(
      '<link rel="alternate" type="application/atom+xml" href="/initiatives/paris-call/feed.atom"',
    );
  });

  it('lists new activities as entries linking to their pages, per initiative and in the reader’s language', async () => {
    const before = await testApp.agent().get('/feed.atom?lang=en');
    const activity = (input: Partial<ActivityInput>): ActivityInput => ({
      initiative: 'tech-accord', kind: 'event', title: { en: '', fr: '' }, text: { en: '', fr: '' }, date: null, allDay: true,
      timeZone: null, durationMinutes: null, link: null, recordingUrl: null, coSigners: [], partners: [], ...input,
    });
    const actor = systemActor('test');
    await testApp.services.activities.create(actor, activity({
      title: { en: 'Feed webinar', fr: 'Webinaire du flux' },
      text: { en: 'Threats to <power> grids & more.\n\nSecond paragraph.', fr: 'Menaces sur les réseaux électriques.' },
      date: new Date('2031-02-04T00:00:00Z'),
    }));
    await testApp.services.activities.create(actor, activity({
      initiative: 'paris-call', kind: 'statement', title: { en: 'Feed statement', fr: 'Déclaration du flux' }, text: { en: 'We agree.', fr: 'Nous sommes d’accord.' },
    }));

    const stale = await testApp.agent().get('/feed.atom?lang=en').set('If-None-Match', String(before.headers['etag']));
    expect(stale.status).toBe(200);
    const feed = parseAtom(stale.text);
    expect(feed.entry.slice(0, 2).map((entry) => entry.title)).toEqual(['Joint statement: Feed statement', 'Event: Feed webinar']);
    const webinar = feed.entry[1]!;
    expect(webinar.link['@_href']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/initiatives\/tech-accord\/activities\/feed-webinar$/);
    // Titles and summaries are type="html": plain text arrives escaped.
    expect(webinar.summary).toEqual({ '#text': 'Threats to &lt;power&gt; grids &amp; more.', '@_type': 'html' });
    expect(feed.entry).toHaveLength(13 + 5 + 2);
    const page = await testApp.agent().get(new URL(webinar.link['@_href']).pathname);
    expect([page.status, page.text.includes('Feed webinar')]).toEqual([200, true]);

    const french = parseAtom((await testApp.agent().get('/initiatives/tech-accord/feed.atom?lang=fr')).text);
    const titles = french.entry.map((entry) => entry.title);
    expect(titles[0]).toBe('Événement : Webinaire du flux');
    expect(titles.some((title) => title.includes('Déclaration du flux'))).toBe(false);
  });
});
