import type { Agent, TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { linkIn, recipientOf, type TestSmtpServer } from '../helpers/smtp';
import { DIGITAL_PEACE_NOW, ensureSeedPetitions } from '../../src/seed/petitions';

export const PETITION_PATH = `/petitions/${DIGITAL_PEACE_NOW.slug}`;

export async function seedPetition(testApp: TestApp): Promise<void> {
  await ensureSeedPetitions(testApp.services.recordChange);
}

/** A complete, valid signature as the form posts it. */
export function signatureFields(overrides: Record<string, string> = {}): Record<string, string> {
  return { name: 'Ana Lima', email: 'ana@lima.example', country: 'BR', organisation: '', showName: 'yes', consent: 'yes', ...overrides };
}

export async function sign(agent: Agent, fields: Record<string, string>, path = PETITION_PATH) {
  return postForm(agent, path, path, fields);
}

/** The confirmation e-mail sent to `email`, and its two links as paths. */
export async function confirmationMail(smtp: TestSmtpServer, email: string) {
  const message = await smtp.waitFor((m) => recipientOf(m).toLowerCase() === email.trim().toLowerCase() && /signature/i.test(m.subject ?? ''), 30_000);
  return {
    message,
    confirmPath: new URL(linkIn(message, `${PETITION_PATH}/confirm/`)).pathname,
    withdrawPath: new URL(linkIn(message, `${PETITION_PATH}/withdraw/`)).pathname,
  };
}

/** Signs, then follows the confirmation link from the e-mail; returns the withdrawal link's path. */
export async function signAndConfirm(agent: Agent, smtp: TestSmtpServer, fields: Record<string, string>): Promise<string> {
  const signed = await sign(agent, fields);
  if (signed.status !== 200) throw new Error(`signing answered ${signed.status}`);
  const { confirmPath, withdrawPath } = await confirmationMail(smtp, fields['email']!);
  const confirmed = await agent.get(confirmPath);
  if (confirmed.status !== 303) throw new Error(`confirmation answered ${confirmed.status}`);
  return withdrawPath;
}

/** The total shown on the petition's page. */
export async function shownTotal(agent: Agent, lang = 'en'): Promise<number> {
  const page = await agent.get(`${PETITION_PATH}?lang=${lang}`);
  const match = /<strong id="petition-total">([^<]+)<\/strong>/.exec(page.text);
  if (!match) throw new Error(`no total on the page (status ${page.status})`);
  return Number(match[1]!.replace(/[^\d]/g, ''));
}
