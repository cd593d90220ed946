import type { Page } from 'playwright-core';
import { Application } from '../../src/models/application';
import { Organisation } from '../../src/models/organisation';
import { applicationFields, applyAndConfirm } from '../applications/support';
import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { postForm } from '../helpers/csrf';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import { fillApplication, signInWithTwoFactor } from './applicationPages';

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

describeInBrowser('application and secretariat pages in Chromium, checked by axe in English and French', () => {
  const statusPaths: Record<string, string> = {};
  let reviewPath = '';
  let approvedPath = '';
  let organisationSlug = '';

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

  /** One application in each state the applicant can see, decided through the real pages. */
  beforeAll(async () => {
    const reviewer = site.testApp.agent();
    await signInStaff(reviewer, staff);
    for (const state of ['submitted', 'changes-requested', 'rejected', 'approved', 'duplicate']) {
      const domain = state === 'duplicate' ? 'submitted.a11y.example' : `${state}.a11y.example`;
      const fields = applicationFields({ name: `A11y ${state}`, contactEmail: `${state}@a11y.example`, domain });
      statusPaths[state] = await applyAndConfirm(site.testApp.agent(), smtp, fields);
      const application = await Application.findOne({ name: `A11y ${state}` }).lean();
      const path = `/secretariat/applications/${String(application!._id)}`;
      const decision = { 'changes-requested': 'request-changes', rejected: 'reject', approved: 'approve' }[state];
      if (decision) {
        const answer = await postForm(reviewer, path, path, { decision, message: decision === 'approve' ? '' : 'Please say more about your sector.' });
        if (answer.status !== 303) throw new Error(`${decision} answered ${answer.status}`);
      }
      if (state === 'duplicate') reviewPath = path;
      if (state === 'approved') approvedPath = path;
    }
    organisationSlug = (await Organisation.findOne({ name: 'A11y approved' }).lean())!.slug;
  });

  it('every status page the applicant can reach', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    for (const path of Object.values(statusPaths)) await checkInBothLanguages(page, `${site.baseUrl}${path}`);
    await context.close();
  });

  it('the apply form with errors, the check-your-email page and a resubmission with errors', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    for (const lang of LANGUAGES) {
      await page.goto(`${site.baseUrl}/apply?lang=${lang}`);
      await page.locator('form.form button[type=submit]').click();
      await page.locator('.error-summary').waitFor();
      await checkA11y(page);
      await page.goto(`${site.baseUrl}${statusPaths['changes-requested']}?lang=${lang}`);
      await page.locator('#field-name').fill('');
      await page.locator('form.form button[type=submit]').click();
      await page.locator('.error-summary').waitFor();
      await checkA11y(page);
    }
    await page.goto(`${site.baseUrl}/apply?lang=en`);
    await fillApplication(page, { name: 'A11y checked', domain: 'checked.a11y.example', contactName: 'Axe', contactEmail: 'axe@a11y.example' });
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await checkA11y(page);
    await context.close();
  });

  it('every secretariat page, with a reviewer signed in with two-factor', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await signInWithTwoFactor(page, site.baseUrl, staff);
    const paths = [
      '/secretariat',
      '/secretariat/applications',
      '/secretariat/applications?state=changes-requested&initiative=tech-accord',
      '/secretariat/applications?state=approved',
      reviewPath,
      approvedPath,
      '/secretariat/organisations?q=A11y',
      `/secretariat/organisations/${organisationSlug}`,
    ];
    for (const path of paths) await checkInBothLanguages(page, `${site.baseUrl}${path}`);
    await page.goto(`${site.baseUrl}${reviewPath}?lang=en`);
    expect(await page.getByRole('heading', { name: 'Possible duplicates' }).count()).toBe(1);

    for (const lang of LANGUAGES) {
      await page.goto(`${site.baseUrl}${reviewPath}?lang=${lang}`);
      await page.locator('button[value=reject]').click();
      await page.locator('.field__error').waitFor();
      await checkA11y(page);
    }
    await context.close();
  });
});
