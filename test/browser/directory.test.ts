import type { Page } from 'playwright-core';
import { importCsv } from '../../src/import';
import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { loadFixtureRegistry } from '../directory/fixtures';
import { testWriter } from '../helpers/writer';

// Each test visits many pages in two languages; a loaded runner must not fail them on Jest's 60 s default.
jest.setTimeout(180_000);

describeInBrowser('directory pages in Chromium, checked by axe (WCAG 2.1 AA)', () => {
  const site = useAppInBrowser({}, async () => {
    await loadFixtureRegistry(site.testApp.services);
    // Enough organisations for the pagination navigation to appear.
    const extra = Array.from(
      { length: 30 },
      (_, index) => `Example Partner ${index},FR,civil-society,non-profit,,2023-03-03,paris-call`,
    );
    await importCsv(['name,country,category,sector,website,joined,initiative', ...extra].join('\n'), {
      writer: testWriter(),
    });
  });

  const pages = [
    ['home', '/'],
    ['directory', '/signatories'],
    ['filtered directory', '/signatories?country=FR&sort=joined&q=soc'],
    ['empty directory', '/signatories?country=FR&initiative=tech-accord&country[$ne]=x'],
    ['paginated directory', '/signatories?size=20&initiative=paris-call&page=2'],
    ['profile', '/signatories/microsoft'],
    ['profile without country', '/signatories/global-forum-on-cyber-expertise'],
    ['initiatives', '/initiatives'],
    ['initiative', '/initiatives/paris-call'],
  ];

  // One page for all of them: a new page costs a browser process, and each test loads its own address.
  let page: Page;
  beforeAll(async () => {
    page = await (await site.browser.newContext()).newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  for (const lang of ['en', 'fr']) {
    it.each(pages)(`%s page in ${lang} has no axe violations`, async (_name, path) => {
      await page.goto(`${site.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await checkA11y(page);
    });
  }

  it('filters with the form and follows a result, without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/signatories?lang=en`);
    await page.getByLabel('Name', { exact: true }).fill('societe');
    await page.getByLabel('Country').selectOption('FR');
    await page.getByLabel('Category').selectOption('private-sector');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/country=FR/);
    expect(await page.getByRole('heading', { level: 2, name: '1 signatory' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Société Générale' }).click();
    await page.waitForURL(`${site.baseUrl}/signatories/societe-generale`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Société Générale');
    await context.close();
  });
});
