import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp, type TestAppOptions } from './app';
import { launchBrowser } from './browser';
import { serveApp } from './server';

/** What a browser test file uses; filled in by the hooks `useAppInBrowser` registers. */
export class AppInBrowser {
  testApp!: TestApp;
  browser!: Browser;
  baseUrl = '';
}

/**
 * Starts the real app on a fresh in-memory engine, serves it on loopback and launches Chromium before the
 * file's tests; `prepare` loads data once the database is up. Everything is stopped after them.
 */
export function useAppInBrowser(options: TestAppOptions = {}, prepare?: () => Promise<void>): AppInBrowser {
  const site = new AppInBrowser();
  let server: Awaited<ReturnType<typeof serveApp>> | undefined;
  beforeAll(async () => {
    site.testApp = await startTestApp(options);
    await prepare?.();
    server = await serveApp(site.testApp.app);
    site.baseUrl = server.baseUrl;
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await server?.close();
    await site.testApp?.stop();
  });
  return site;
}

/** One page a file's tests share, with the Content Security Policy errors its console reported. */
export class SharedPage {
  page!: Page;
  readonly cspErrors: string[] = [];
}

/** A new page costs a browser process, so tests that each load their own address share one. */
export function useSharedPage(site: AppInBrowser): SharedPage {
  const shared = new SharedPage();
  beforeAll(async () => {
    shared.page = await (await site.browser.newContext()).newPage();
    shared.page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        shared.cspErrors.push(message.text());
    });
  });
  afterAll(async () => {
    await shared.page?.context().close();
  });
  return shared;
}
