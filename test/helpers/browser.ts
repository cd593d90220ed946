import fs from 'node:fs';
import type axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own install. */
export function findChromium(): string | undefined {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own installed.
  }
  return candidates.find((candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate)));
}

export const missingChromiumMessage =
  'Browser tests skipped: no Chromium found. Install it with `apt-get install -y chromium` or set CHROMIUM_PATH.';

/**
 * `describe` for browser tests. Without Chromium they are skipped with one line of explanation,
 * except under CI=true, where a missing browser is a failure.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (findChromium()) return describe(name, body);
  if (process.env['CI'] === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(missingChromiumMessage.replace('skipped', 'cannot run under CI'));
      });
    });
    return;
  }
  console.log(missingChromiumMessage);
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(missingChromiumMessage);
  return chromium.launch({ executablePath, args: chromiumFlags });
}

const axeOptions: axe.RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  // Only violations are read; without this axe also serialises every passing and inapplicable node.
  resultTypes: ['violations'],
};

// The minified build: half the size of `axe.source`, so the page parses it in less time.
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const contextsWithAxe = new WeakSet<BrowserContext>();

/**
 * Asserts the page has no WCAG 2.1 A/AA violations according to axe. The first check in a browser context
 * puts axe-core into the current document and registers it for every later document of the context (the
 * browser keeps that script compiled); `axe.run` then checks the page and its frames together. This costs a
 * fraction of @axe-core/playwright, which injects axe twice and opens an extra page on every check.
 */
export async function checkA11y(page: Page): Promise<void> {
  if (!contextsWithAxe.has(page.context())) {
    contextsWithAxe.add(page.context());
    await page.context().addInitScript(axeSource);
  }
  for (const frame of page.frames()) {
    if (!(await frame.evaluate('typeof window.axe?.run === "function"'))) await frame.evaluate(axeSource);
  }
  const violations = await page.evaluate(async (options) => {
    const { axe: axeInPage, document } = globalThis as unknown as {
      axe: typeof axe;
      document: axe.ElementContext;
    };
    return (await axeInPage.run(document, options)).violations;
  }, axeOptions);
  const summary = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}
