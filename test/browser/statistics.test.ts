import { importCsv } from '../../src/import';
import { systemWriter } from '../../src/services';
import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser, useSharedPage } from '../helpers/browserApp';
import { loadFixtureRegistry } from '../directory/fixtures';

// Each test visits many pages in two languages; a loaded runner must not fail them on Jest's 60 s default.
jest.setTimeout(180_000);

describeInBrowser('statistics and badges in Chromium, checked by axe (WCAG 2.1 AA)', () => {
  const site = useAppInBrowser({}, async () => {
    await loadFixtureRegistry(site.testApp.services);
    await importCsv(
      [
        'name,country,category,sector,website,joined,initiative',
        'Principauté Numérique,MC,private-sector,company,,2021-03-15,paris-call',
      ].join('\n'),
      { writer: systemWriter(site.testApp.services, 'test') },
    );
  });

  const pages = [
    ['statistics', '/statistics'],
    ['statistics for one initiative', '/statistics?initiative=tech-accord'],
    ['profile with its badge', '/signatories/orange'],
  ];

  const shared = useSharedPage(site);

  for (const lang of ['en', 'fr']) {
    it.each(pages)(`%s page in ${lang} has no axe violations and no CSP errors`, async (_name, path) => {
      const { page, cspErrors } = shared;
      cspErrors.length = 0;
      await page.goto(`${site.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await checkA11y(page);
      expect(cspErrors).toEqual([]);
    });
  }

  it('follows a country of the map to its signatories, without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/statistics?lang=en`);
    await page.getByRole('link', { name: 'Monaco: 1 signatory' }).click();
    await page.waitForURL(`${site.baseUrl}/signatories?country=MC`);
    expect(await page.locator('h3 a').allTextContents()).toEqual(['Principauté Numérique']);
    await context.close();
  });

  it('draws the map and charts with the stylesheet: shaded countries, lines and bars', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.baseUrl}/statistics?lang=en`);
    const fillOf = (selector: string) =>
      page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).fill`);
    const franceFill = await fillOf('a[href="/signatories?country=FR"] path');
    const emptyFill = await fillOf('path.shade-0');
    expect(franceFill).not.toBe(emptyFill);
    const mapBox = await page.locator('svg.world-map').boundingBox();
    expect(mapBox?.width).toBeGreaterThan(300);
    expect(await page.locator('polyline.line-chart__line').count()).toBe(2);
    await page.close();
  });

  it('shows the badge on the profile as an image', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.baseUrl}/signatories/orange?lang=en`);
    const image = page.getByRole('img', { name: 'Signatory of the Paris Call since 2018' });
    await image.waitFor();
    await page.waitForLoadState('load');
    const naturalWidth = await page.evaluate(`document.querySelector('.badge-embed img').naturalWidth`);
    expect(naturalWidth).toBeGreaterThan(100);
    await page.close();
  });
});
