import { Router } from 'express';
import { startTestApp, type TestApp } from '../helpers/app';

const explode = Router().get('/test-only/explode', () => {
  throw new Error('deliberate failure');
});

describe('English and French', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ extraRouters: [explode] });
  });
  afterAll(() => testApp.stop());

  it('follows Accept-Language when nothing was chosen', async () => {
    const response = await testApp.agent().get('/').set('Accept-Language', 'fr-FR,fr;q=0.9,en;q=0.5');
    expect(response.text).toContain('<html lang="fr">');
    expect(response.text).toContain('Aller au contenu principal');
  });

  it('defaults to English for other languages', async () => {
    const response = await testApp.agent().get('/').set('Accept-Language', 'de');
    expect(response.text).toContain('<html lang="en">');
  });

  it('switches with ?lang= and remembers the choice in a cookie', async () => {
    const agent = testApp.agent();
    const switched = await agent.get('/?lang=fr').set('Accept-Language', 'en');
    expect(switched.text).toContain('<html lang="fr">');
    expect([switched.headers['set-cookie']].flat().join()).toMatch(/lang=fr;.*HttpOnly/);
    const later = await agent.get('/').set('Accept-Language', 'en');
    expect(later.text).toContain('<html lang="fr">');
    const back = await agent.get('/?lang=en');
    expect(back.text).toContain('<html lang="en">');
  });

  it('links to the current page in the other language, without JavaScript', async () => {
    const response = await testApp.agent().get('/language?lang=en');
    expect(response.text).toContain('href="/language?lang=fr"');
  });

  it('ignores an unknown ?lang= value', async () => {
    const response = await testApp.agent().get('/?lang=xx');
    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="en">');
  });

  const pages: [string, number][] = [
    ['/', 200],
    ['/language', 200],
    ['/no-such-page', 404],
    ['/test-only/explode', 500],
  ];

  it.each(['en', 'fr'])('renders every page in %s with no missing translation', async (lang) => {
    for (const [path, status] of pages) {
      const response = await testApp.agent().get(`${path}?lang=${lang}`).set('Accept', 'text/html');
      expect([path, response.status]).toEqual([path, status]);
      expect(response.text).toContain(`<html lang="${lang}">`);
    }
    expect(testApp.missingTranslations).toEqual([]);
  });
});
