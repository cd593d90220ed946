import { systemActor } from '../../src/audit/actor';
import { startTestApp, type TestApp } from '../helpers/app';
import { recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';

let smtp: TestSmtpServer;
let testApp: TestApp;

beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ mailer: smtp.mailer, runJobs: true, env: { JOBS_RETRY_DELAY_MS: '50' } });
});
afterAll(async () => {
  await testApp.stop();
  await smtp.stop();
});

async function sendPasswordChanged(to: string, language: 'en' | 'fr') {
  await testApp.services.recordChange(systemActor('test'), 'user.password-changed', async (tx) => {
    tx.enqueue('mail.send', { to, language, template: 'password-changed', params: { at: '1 December 2026' } });
    return { subject: { kind: 'user', id: to }, result: null };
  });
}

describe('the mail job', () => {
  it('sends the message after the change commits, in plain text and HTML, in the recipient language', async () => {
    await sendPasswordChanged('fr-reader@example.test', 'fr');
    const message = await smtp.waitFor((m) => recipientOf(m) === 'fr-reader@example.test');
    expect(message.subject).toBe('Votre mot de passe Accord Registry a été modifié');
    expect(message.text).toContain('1 December 2026');
    expect(message.html).toContain('<p>Le mot de passe de votre compte');
  });

  it('is retried with backoff when the SMTP server refuses it, and then succeeds', async () => {
    smtp.refuseNext(2);
    const refusedBefore = smtp.refused;
    await sendPasswordChanged('retry@example.test', 'en');
    const message = await smtp.waitFor((m) => recipientOf(m) === 'retry@example.test', 20_000);
    expect(message.subject).toBe('Your Accord Registry password was changed');
    expect(smtp.refused - refusedBefore).toBe(2);
    expect(smtp.messages.filter((m) => recipientOf(m) === 'retry@example.test')).toHaveLength(1);
  });
});
