import type { Page } from 'playwright-core';
import { ensureSeedPetitions } from '../../src/seed/petitions';
import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { makeStaffUser } from '../helpers/staff';
import { confirmationMail, PETITION_PATH, signAndConfirm, signatureFields } from '../petitions/support';
import { signInWithTwoFactor } from './applicationPages';

jest.setTimeout(300_000);

let smtp: TestSmtpServer;
let staff: Awaited<ReturnType<typeof makeStaffUser>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});

const LANGUAGES = ['en', 'fr'] as const;

async function checkInBothLanguages(page: Page, url: string) {
  for (const lang of LANGUAGES) {
    await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await checkA11y(page);
  }
}

describeInBrowser('petition pages in Chromium, checked by axe in English and French', () => {
  const site = useAppInBrowser(
    {
      get mailer() {
        return smtp.mailer;
      },
      runJobs: true,
      env: { JOBS_RETRY_DELAY_MS: '50', JOBS_POLL_MS: '200' },
    },
    async () => {
      staff = await makeStaffUser();
    },
  );

  beforeAll(async () => {
    await ensureSeedPetitions(site.testApp.services.recordChange);
  });

  it('the list, the empty petition, its link problem page, then the petition with signatures by country and public names', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    for (const path of ['/petitions', PETITION_PATH, `${PETITION_PATH}/confirm/not-a-token`]) await checkInBothLanguages(page, `${site.baseUrl}${path}`);
    await signAndConfirm(site.testApp.agent(), smtp, signatureFields({ name: 'Axe Reader', email: 'axe@reader.example', country: 'FR', showName: 'yes' }));
    await signAndConfirm(site.testApp.agent(), smtp, signatureFields({ name: 'Small State', email: 'small@state.example', country: 'MC', showName: '' }));
    await checkInBothLanguages(page, `${site.baseUrl}${PETITION_PATH}`);
    expect(await page.locator('#country-FR').textContent()).toContain('1');
    await context.close();
  });

  it('signs without JavaScript: errors next to the fields, the check-your-email page, then the withdrawal page from the e-mail', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const lang of LANGUAGES) {
      await page.goto(`${site.baseUrl}${PETITION_PATH}?lang=${lang}`);
      await page.locator('form.form button[type=submit]').click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('#field-name-error').count()).toBe(1);
      expect(await page.locator('.field__error').count()).toBeGreaterThanOrEqual(3);
    }
    await page.goto(`${site.baseUrl}${PETITION_PATH}?lang=en`);
    await page.getByLabel('Your name').fill('Keyboard User');
    await page.getByLabel('Your email address').fill('keyboard@user.example');
    await page.getByLabel('Country', { exact: true }).selectOption('CA');
    await page.locator('#field-consent').check();
    await page.getByRole('button', { name: 'Sign the petition' }).click();
    await page.getByRole('heading', { name: 'Check your email to confirm your signature' }).waitFor();
    const { withdrawPath } = await confirmationMail(smtp, 'keyboard@user.example');
    await context.close();

    const checked = await site.browser.newContext();
    const checkedPage = await checked.newPage();
    await checkInBothLanguages(checkedPage, `${site.baseUrl}${PETITION_PATH}`);
    for (const lang of LANGUAGES) {
      await checkedPage.goto(`${site.baseUrl}${PETITION_PATH}?lang=${lang}`);
      await checkedPage.locator('form.form button[type=submit]').click();
      await checkedPage.locator('.error-summary').waitFor();
      await checkA11y(checkedPage);
    }
    await checkedPage.goto(`${site.baseUrl}${PETITION_PATH}?lang=en`);
    await checkedPage.getByLabel('Your name').fill('Axe Checked');
    await checkedPage.getByLabel('Your email address').fill('checked@axe.example');
    await checkedPage.getByLabel('Country', { exact: true }).selectOption('BE');
    await checkedPage.locator('#field-consent').check();
    await checkedPage.getByRole('button', { name: 'Sign the petition' }).click();
    await checkedPage.getByRole('heading', { name: 'Check your email to confirm your signature' }).waitFor();
    await checkA11y(checkedPage);
    await checkInBothLanguages(checkedPage, `${site.baseUrl}${withdrawPath}`);
    await checked.close();
  });

  it('every secretariat petition page, with staff signed in with two-factor', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await signInWithTwoFactor(page, site.baseUrl, staff);
    for (const path of ['/secretariat/petitions', '/secretariat/petitions/new', `/secretariat${PETITION_PATH}`]) {
      await checkInBothLanguages(page, `${site.baseUrl}${path}`);
    }
    for (const lang of LANGUAGES) {
      await page.goto(`${site.baseUrl}/secretariat/petitions/new?lang=${lang}`);
      await page.locator('form.form[action="/secretariat/petitions/new"] button[type=submit]').click();
      await page.locator('.error-summary').waitFor();
      await checkA11y(page);
    }
    await context.close();
  });
});
