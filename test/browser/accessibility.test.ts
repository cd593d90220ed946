import { Router } from 'express';
import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser, useSharedPage } from '../helpers/browserApp';

// Each test visits many pages in two languages; a loaded runner must not fail them on Jest's 60 s default.
jest.setTimeout(180_000);

const explode = Router().get('/test-only/explode', () => {
  throw new Error('deliberate failure');
});

describeInBrowser('pages in Chromium, checked by axe (WCAG 2.1 AA)', () => {
  const site = useAppInBrowser({ extraRouters: [explode] });

  const pages = [
    ['home', '/'],
    ['language preference', '/language'],
    ['statistics', '/statistics'],
    ['sign in', '/account/sign-in'],
    ['password reset request', '/account/reset-password'],
    ['invitation link problem', '/account/invitation/not-a-token'],
    ['apply', '/apply'],
    ['application link problem', '/apply/confirm/not-a-token'],
    ['open data API', '/api'],
    ['404', '/no-such-page'],
    ['500', '/test-only/explode'],
  ];

  const shared = useSharedPage(site);

  for (const lang of ['en', 'fr']) {
    it.each(pages)(`%s page in ${lang} has no violations and no CSP errors`, async (_name, path) => {
      const { page, cspErrors } = shared;
      cspErrors.length = 0;
      await page.goto(`${site.baseUrl}${path}?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const stylesApplied = await page.evaluate('getComputedStyle(document.body).display');
      expect(stylesApplied).toBe('flex');
      await checkA11y(page);
      expect(cspErrors).toEqual([]);
    });
  }

  it('fails a page with a violation, in the page itself and in a frame of it', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.baseUrl}/?lang=en`);
    await page.evaluate(
      `document.querySelector('main').insertAdjacentHTML('beforeend', '<img src="/no-such.png" id="no-alt">')`,
    );
    await expect(checkA11y(page)).rejects.toThrow(
      'image-alt (critical): Images must have alternative text — #no-alt',
    );
    await page.goto(`${site.baseUrl}/?lang=en`);
    const framed = `<main><img src="/no-such.png" id="framed-no-alt"></main>`;
    await page.evaluate(`new Promise((loaded) => {
      const frame = Object.assign(document.createElement('iframe'), { title: 'Framed', srcdoc: ${JSON.stringify(framed)}, onload: loaded });
      document.querySelector('main').append(frame);
    })`);
    await expect(checkA11y(page)).rejects.toThrow(
      'image-alt (critical): Images must have alternative text — iframe #framed-no-alt',
    );
    await page.close();
  });

  // JavaScript off, as the pages must work without it (axe needs JavaScript, so it checks these pages above).
  it('switches language and saves the preference with the no-JavaScript form', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/language`);
    await page.getByLabel('Français').check();
    await page.getByRole('button', { name: 'Save preference' }).click();
    await page.waitForURL(`${site.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.getByRole('status').textContent()).toContain('préférence de langue');
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });

  it('reaches the main content with the skip link from the keyboard', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.baseUrl}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.textContent?.trim()');
    expect(focused).toBe('Skip to main content');
    await page.close();
  });
});
