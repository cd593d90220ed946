import type { BrowserContextOptions } from 'playwright-core';
import { Organisation } from '../../src/models/organisation';
import { User } from '../../src/models/user';
import { describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { makeStaffUser } from '../helpers/staff';
import { fillApplication, mailedPath, signInWithTwoFactor } from './applicationPages';

jest.setTimeout(240_000);

let smtp: TestSmtpServer;
let staff: Awaited<ReturnType<typeof makeStaffUser>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});

describeInBrowser('an application from the form to the directory, in Chromium without JavaScript', () => {
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

  async function newPage() {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    return { context, page: await context.newPage() };
  }

  /** Applies through the form and confirms through the e-mailed link; returns the status page's path. */
  async function applyAndConfirm(name: string, domain: string, contactEmail: string) {
    const { context, page } = await newPage();
    await page.goto(`${site.baseUrl}/apply?lang=en`);
    await fillApplication(page, { name, domain, contactName: 'Noor Bakker', contactEmail });
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const confirmPath = await mailedPath(smtp, contactEmail, /^Confirm your application/, '/apply/confirm/');
    await page.goto(`${site.baseUrl}${confirmPath}`);
    await page.waitForURL(/\/apply\/status\//);
    expect(await page.getByText('Waiting for review').count()).toBeGreaterThan(0);
    const statusPath = new URL(page.url()).pathname;
    await context.close();
    return statusPath;
  }

  /** The reviewer signs in with two-factor once; later reviewer pages carry on the same session. */
  let reviewerSession: BrowserContextOptions['storageState'];
  async function reviewerPage() {
    if (reviewerSession) {
      const context = await site.browser.newContext({ javaScriptEnabled: false, storageState: reviewerSession });
      return { context, page: await context.newPage() };
    }
    const { context, page } = await newPage();
    await signInWithTwoFactor(page, site.baseUrl, staff);
    reviewerSession = await context.storageState();
    return { context, page };
  }

  /** A signed-in reviewer opens the application from the queue and takes a decision. */
  async function decide(name: string, button: 'Approve' | 'Reject' | 'Request changes', message = '') {
    const { context, page } = await reviewerPage();
    await page.goto(`${site.baseUrl}/secretariat/applications?lang=en`);
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    if (message) await page.getByLabel('Message to the applicant').fill(message);
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('status').waitFor();
    const notice = (await page.getByRole('status').textContent()) ?? '';
    await context.close();
    return notice;
  }

  it('applies, confirms from the e-mail, is approved by a reviewer with two-factor, and the invited contact signs in to their listed organisation', async () => {
    const name = 'Polder Cyber Works';
    const email = 'noor@polder-cyber.example';
    await applyAndConfirm(name, 'polder-cyber.example', email);
    const reviewNotice = await mailedPath(smtp, staff.email, /^New application to review: Polder Cyber Works$/, '/secretariat/applications/');
    expect(reviewNotice).toMatch(/^\/secretariat\/applications\/[0-9a-f]{24}$/);

    expect(await decide(name, 'Approve')).toContain('Approved');
    const organisation = await Organisation.findOne({ name }).lean();
    expect(organisation).not.toBeNull();

    const invitationPath = await mailedPath(smtp, email, /^You are invited to Accord Registry$/, '/account/invitation/');
    const { context, page } = await newPage();
    await page.goto(`${site.baseUrl}${invitationPath}?lang=en`);
    const password = 'tulip canal windmill herring 7';
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('Confirm new password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL(`${site.baseUrl}/account`);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.goto(`${site.baseUrl}/account/sign-in?lang=en`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.baseUrl}/account`);
    expect(await page.getByRole('link', { name }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name }).first().click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();

    await page.goto(`${site.baseUrl}/signatories?q=Polder&lang=en`);
    await page.getByRole('link', { name }).click();
    await page.waitForURL(`${site.baseUrl}/signatories/${organisation!.slug}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const contact = await User.findOne({ email }).lean();
    expect(String(contact!.organisation)).toBe(String(organisation!._id));
    await context.close();
  });

  it('rejects with a message the applicant reads in the e-mail and on the status page', async () => {
    const name = 'Dune Relay Services';
    const email = 'sam@dune-relay.example';
    const statusPath = await applyAndConfirm(name, 'dune-relay.example', email);
    expect(await decide(name, 'Reject', 'We list organisations, not individuals.')).toContain('Rejected');
    const mail = await smtp.waitFor((m) => m.subject === `Your application for ${name} was not accepted`, 30_000);
    expect(mail.text).toContain('We list organisations, not individuals.');
    const { context, page } = await newPage();
    await page.goto(`${site.baseUrl}${statusPath}?lang=en`);
    expect(await page.getByText('We list organisations, not individuals.').count()).toBeGreaterThan(0);
    expect(await page.getByText('Rejected').count()).toBeGreaterThan(0);
    expect(await Organisation.countDocuments({ name })).toBe(0);
    await context.close();
  });

  it('requests changes; the applicant edits from the e-mailed link and resubmits to the queue', async () => {
    const name = 'Tidal Patch Collective';
    const email = 'kim@tidal-patch.example';
    await applyAndConfirm(name, 'tidal-patch.example', email);
    expect(await decide(name, 'Request changes', 'Please give the website of the organisation, not of a product.')).toContain('Changes requested');
    const editPath = await mailedPath(smtp, email, /^Changes requested/, '/apply/status/');
    const { context, page } = await newPage();
    await page.goto(`${site.baseUrl}${editPath}?lang=en`);
    expect(await page.getByText('Please give the website of the organisation, not of a product.').count()).toBeGreaterThan(0);
    await page.getByLabel('Website', { exact: true }).fill('https://tidal-patch.example');
    await page.getByRole('button', { name: 'Resubmit application' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByText('Waiting for review').count()).toBeGreaterThan(0);
    await context.close();

    const reviewer = await reviewerPage();
    await reviewer.page.goto(`${site.baseUrl}/secretariat/applications?lang=en`);
    await reviewer.page.getByRole('link', { name }).click();
    expect(await reviewer.page.getByText('https://tidal-patch.example', { exact: true }).count()).toBe(1);
    await reviewer.context.close();
  });
});
