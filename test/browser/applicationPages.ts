import type { Page } from 'playwright-core';
import { User } from '../../src/models/user';
import { TEST_PASSWORD } from '../helpers/factories';
import { linkIn, recipientOf, type TestSmtpServer } from '../helpers/smtp';
import { totpAt } from '../helpers/twoFactor';

export interface ApplicantInput {
  name: string;
  domain: string;
  contactName: string;
  contactEmail: string;
}

/** Fills the apply form by its visible English labels, as a person (or the acceptance checks) would. */
export async function fillApplication(page: Page, input: ApplicantInput): Promise<void> {
  await page.getByLabel('Organisation name', { exact: true }).fill(input.name);
  await page.getByLabel('Country', { exact: true }).selectOption('NL');
  await page.getByLabel('Category', { exact: true }).selectOption('private-sector');
  await page.getByLabel('Sector', { exact: true }).selectOption('company');
  await page.getByLabel('Website', { exact: true }).fill(`https://www.${input.domain}`);
  await page.getByLabel('Mail domain', { exact: true }).fill(input.domain);
  await page.getByLabel('Cybersecurity Tech Accord', { exact: true }).check();
  await page.getByLabel('Stronger defence', { exact: true }).check();
  await page.getByLabel('No offence', { exact: true }).check();
  await page.getByLabel('Public statement', { exact: true }).fill(`${input.name} defends its customers.`);
  await page.getByLabel('Your name', { exact: true }).fill(input.contactName);
  await page.getByLabel('Your email address', { exact: true }).fill(input.contactEmail);
  await page.getByLabel('Your role', { exact: true }).fill('Security officer');
  await page.getByLabel(/^I agree/).check();
}

/** The path of the first link to `prefix` in the newest message to `to` whose subject matches. */
export async function mailedPath(smtp: TestSmtpServer, to: string, subject: RegExp, prefix: string): Promise<string> {
  const message = await smtp.waitFor((m) => recipientOf(m) === to && subject.test(m.subject ?? ''), 30_000);
  return new URL(linkIn(message, prefix)).pathname;
}

/** Signs a staff member in through the sign-in page and the two-factor step. */
export async function signInWithTwoFactor(page: Page, baseUrl: string, staff: { _id: unknown; email: string; secret: string }) {
  // A code is accepted once per time step; forgetting the last one keeps successive sign-ins independent.
  await User.updateOne({ _id: staff._id }, { $set: { 'twoFactor.lastUsedStep': null } });
  await page.goto(`${baseUrl}/account/sign-in?lang=en`);
  await page.getByLabel('Email address').fill(staff.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/account\/sign-in\/two-factor$/);
  await page.getByLabel('Authentication code').fill(await totpAt(staff.secret, new Date()));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/account/sign-in'));
}
