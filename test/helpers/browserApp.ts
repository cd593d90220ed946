import type { Browser } from 'playwright-core';
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
