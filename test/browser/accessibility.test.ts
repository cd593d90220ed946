import { Router } from 'express';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { checkA11y, describeInBrowser, launchBrowser } from '../helpers/browser';
import { serveApp } from '../helpers/server';

const explode = Router().get('/test-only/explode', () => {
  throw new Error('deliberate failure');
});

describeInBrowser('pages in Chromium, checked by axe (WCAG 2.1 AA)', () => {
  let testApp: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp({ extraRouters: [explode] });
    server = await serveApp(testApp.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await testApp?.stop();
  });

  const pages = [
    ['home', '/'],
    ['language preference', '/language'],
    ['404', '/no-such-page'],
    ['500', '/test-only/explode'],
  ];

  for (const lang of ['en', 'fr']) {
    it.each(pages)(`%s page in ${lang} has no violations and no CSP errors`, async (_name, path) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cspErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          cspErrors.push(message.text());
      });
      await page.goto(`${server.baseUrl}${path}?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const stylesApplied = await page.evaluate('getComputedStyle(document.body).display');
      expect(stylesApplied).toBe('flex');
      await checkA11y(page);
      expect(cspErrors).toEqual([]);
      await context.close();
    });
  }

  // JavaScript off, as the pages must work without it (axe needs JavaScript, so it checks these pages above).
  it('switches language and saves the preference with the no-JavaScript form', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/language`);
    await page.getByLabel('Français').check();
    await page.getByRole('button', { name: 'Save preference' }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.getByRole('status').textContent()).toContain('préférence de langue');
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });

  it('reaches the main content with the skip link from the keyboard', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.textContent?.trim()');
    expect(focused).toBe('Skip to main content');
    await page.close();
  });
});
