import type { Agent } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { linkIn, recipientOf, type TestSmtpServer } from '../helpers/smtp';

/** A complete, valid application as the form posts it (checkbox groups repeat their field name). */
export function applicationFields(overrides: Record<string, string | string[]> = {}) {
  return {
    name: 'Harbour Security Labs',
    country: 'NL',
    category: 'private-sector',
    sector: 'company',
    website: 'https://harbour-labs.example',
    domain: 'harbour-labs.example',
    initiatives: ['tech-accord', 'paris-call'],
    commitments: ['tech-accord:stronger-defence', 'tech-accord:no-offence', 'paris-call:cyber-hygiene'],
    statement: 'We protect our customers and oppose attacks on civilians.',
    contactName: 'Ada Visser',
    contactEmail: 'ada@harbour-labs.example',
    contactRole: 'CISO',
    consent: 'yes',
    ...overrides,
  };
}

/** Posts the form with its CSRF token, keeping arrays as repeated fields. */
export async function postApplication(agent: Agent, fields: Record<string, string | string[]>, path = '/apply') {
  return postForm(agent, path, path, fields as unknown as Record<string, string>);
}

/** Submits an application and follows the confirmation link from the e-mail; returns the status page path. */
export async function applyAndConfirm(agent: Agent, smtp: TestSmtpServer, fields: Record<string, string | string[]>) {
  const submitted = await postApplication(agent, fields);
  if (submitted.status !== 200) throw new Error(`apply answered ${submitted.status}`);
  const email = String(fields['contactEmail']);
  const message = await smtp.waitFor((m) => recipientOf(m) === email && /Confirm/.test(m.subject ?? ''));
  const confirm = await agent.get(new URL(linkIn(message, '/apply/confirm/')).pathname);
  if (confirm.status !== 303) throw new Error(`confirmation answered ${confirm.status}`);
  return String(confirm.headers['location']);
}
