import { AuditEvent } from '../../src/models/auditEvent';
import { PetitionTally } from '../../src/models/petitionTally';
import { Signature } from '../../src/models/signature';
import { Token } from '../../src/models/token';
import { fixedClock } from '../../src/clock';
import { startTestApp, type TestApp } from '../helpers/app';
import { postForm } from '../helpers/csrf';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { confirmationMail, PETITION_PATH, seedPetition, sign, signAndConfirm, signatureFields, shownTotal } from './support';

jest.setTimeout(120_000);

let smtp: TestSmtpServer;
let testApp: TestApp;
const clock = fixedClock(new Date('2026-03-02T10:00:00Z'));

beforeAll(async () => {
  smtp = await startSmtpServer();
  testApp = await startTestApp({ mailer: smtp.mailer, runJobs: true, clock, env: { JOBS_RETRY_DELAY_MS: '50', JOBS_POLL_MS: '100' } });
  await seedPetition(testApp);
});
afterAll(async () => {
  await testApp.stop();
  await smtp.stop();
});

describe('signing Digital Peace Now', () => {
  it('shows the text in the page language, the total and a form with every field labelled', async () => {
    const en = await testApp.agent().get(PETITION_PATH);
    expect(en.status).toBe(200);
    expect(en.text).toContain('<h1>Digital Peace Now</h1>');
    expect(en.text).toContain('Microsoft');
    for (const label of ['Your name', 'Your email address', 'Country', 'Organisation (optional)']) {
      expect(en.text).toMatch(new RegExp(`<label[^>]*>${label.replace(/[()]/g, '\\$&')}</label>`));
    }
    expect(en.text).toContain('Show my name (and organisation) publicly');
    expect(en.text).toMatch(/<label for="field-consent">I agree/);
    expect(en.text).toContain('<strong id="petition-total">0</strong>');
    expect(en.text).toContain('class="world-map"');
    const fr = await testApp.agent().get(`${PETITION_PATH}?lang=fr`);
    expect(fr.text).toContain('<h1>La paix numérique maintenant</h1>');
    expect(fr.text).toContain('Signer la pétition');
    expect(testApp.missingTranslations).toEqual([]);
  });

  it('counts a signature only once its e-mail is confirmed, then shows it by country', async () => {
    const agent = testApp.agent();
    const signed = await sign(agent, signatureFields({ name: 'Ana Lima', email: 'Ana@Lima.example', country: 'BR' }));
    expect(signed.status).toBe(200);
    expect(signed.text).toContain('Check your email to confirm your signature');
    expect(signed.text).not.toContain('ana@lima.example');
    const { message, confirmPath, withdrawPath } = await confirmationMail(smtp, 'ana@lima.example');
    expect(message.subject).toBe('Confirm your signature: Digital Peace Now');
    expect(message.text).toContain('Withdraw my signature');
    expect(withdrawPath).toMatch(/\/withdraw\/[\w-]{43}$/);

    const stored = await Signature.findOne({ emailKey: 'ana@lima.example' }).lean();
    expect(stored).toMatchObject({ confirmedAt: null, country: 'BR', showName: true });
    expect(stored!.expiresAt!.getTime() - clock.now().getTime()).toBe(7 * 24 * 3600 * 1000);
    const token = await Token.findOne({ subject: stored!._id, purpose: 'confirm-signature' }).lean();
    expect(token!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(confirmPath).not.toContain(token!.hash);
    expect(await shownTotal(testApp.agent())).toBe(0);

    const confirmed = await agent.get(confirmPath);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers['location']).toBe(PETITION_PATH);
    const page = await agent.get(PETITION_PATH);
    expect(page.text).toContain('your signature is confirmed and counted');
    expect(page.text).toContain('<strong id="petition-total">1</strong>');
    expect(page.text).toMatch(/<tr id="country-BR"><th scope="row">Brazil<\/th><td class="numeric">1<\/td><\/tr>/);
    expect(page.text).toContain('Ana Lima');
    expect((await agent.get(confirmPath)).status).toBe(404);
    expect(await shownTotal(testApp.agent())).toBe(1);

    const json = await testApp.agent().get(`${PETITION_PATH}/signatures.json`);
    expect(json.body).toMatchObject({ petition: 'digital-peace-now', total: 1, byCountry: [{ country: 'BR', signatures: 1 }] });
    const csv = await testApp.agent().get(`${PETITION_PATH}/signatures.csv`);
    expect(csv.text).toBe('\ufeffcountry,signatures\r\nBR,1\r\n');
    const events = await AuditEvent.find({ 'subject.id': String(stored!._id) }).lean();
    expect(events.map((event) => event.action).sort()).toEqual(['petition.signature-confirmed', 'petition.signed']);
    expect(JSON.stringify(events)).not.toMatch(/lima\.example|Ana Lima/i);
  });

  it('refuses a second signature from the same address, however it is written, with a message next to the field', async () => {
    for (const email of ['ana@lima.example', ' ANA@LIMA.EXAMPLE ', 'ana+petition@lima.example']) {
      const response = await sign(testApp.agent(), signatureFields({ name: 'Someone Else', email, country: 'PT' }));
      expect(response.status).toBe(409);
      expect(response.text).toMatch(/<p class="field__error" id="field-email-error">This email address has already been used to sign this petition/);
    }
    expect(await Signature.countDocuments({ emailKey: 'ana@lima.example' })).toBe(1);
    // A pending (unconfirmed) signature holds the address too.
    await sign(testApp.agent(), signatureFields({ name: 'Pending Person', email: 'pending@wait.example', country: 'DE' }));
    const again = await sign(testApp.agent(), signatureFields({ name: 'Pending Person', email: 'pending@wait.example', country: 'DE' }));
    expect(again.status).toBe(409);
  });

  it('shows every mistake next to its field, keeps the input and stores nothing', async () => {
    const before = await Signature.countDocuments();
    const response = await sign(testApp.agent(), { name: '', email: 'not-an-address', country: 'XX', organisation: 'A'.repeat(300), consent: '' });
    expect(response.status).toBe(400);
    for (const text of ['Enter your name', 'Enter an email address', 'Choose your country', 'Enter at most 200 characters', 'Tick the box to agree']) {
      expect(response.text).toContain(text);
    }
    expect(response.text).toContain('value="not-an-address"');
    expect(await Signature.countDocuments()).toBe(before);
  });

  it('stores nothing and sends nothing when the hidden field is filled', async () => {
    const before = await Signature.countDocuments();
    const response = await sign(testApp.agent(), signatureFields({ email: 'robot@spam.example', nickname: 'filled by a robot' }));
    expect(response.status).toBe(200);
    expect(response.text).toContain('Check your email');
    expect(await Signature.countDocuments()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.some((m) => m.text?.includes('robot@spam.example') || JSON.stringify(m.to).includes('robot@spam.example'))).toBe(false);
  });

  it('withdraws through the link in the e-mail: the signature and its personal data are deleted and the count goes down', async () => {
    const agent = testApp.agent();
    const withdrawPath = await signAndConfirm(agent, smtp, signatureFields({ name: 'Kofi Mensah', email: 'kofi@mensah.example', country: 'GH' }));
    const total = await shownTotal(agent);
    const stored = await Signature.findOne({ emailKey: 'kofi@mensah.example' }).lean();
    expect(stored!.confirmedAt).toBeInstanceOf(Date);

    const confirmPage = await agent.get(withdrawPath);
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain('Withdraw my signature and delete my details');
    expect(await Signature.exists({ _id: stored!._id })).not.toBeNull();
    const done = await postForm(agent, withdrawPath, withdrawPath, {});
    expect(done.status).toBe(303);
    expect(await Signature.exists({ _id: stored!._id })).toBeNull();
    expect(await Signature.countDocuments({ name: 'Kofi Mensah' })).toBe(0);
    expect(await Token.countDocuments({ subject: stored!._id })).toBe(0);
    expect(await shownTotal(agent)).toBe(total - 1);
    const tallies = await PetitionTally.find({ country: 'GH' }).lean();
    expect(tallies.reduce((sum, tally) => sum + tally.count, 0)).toBe(0);
    expect((await agent.get(PETITION_PATH)).text).not.toContain('Kofi Mensah');
    expect((await agent.get(withdrawPath)).status).toBe(404);
    const withdrawn = await AuditEvent.findOne({ action: 'petition.signature-withdrawn', 'subject.id': String(stored!._id) }).lean();
    expect(withdrawn).toMatchObject({ before: { country: 'GH', confirmed: true }, ip: null });
    // The address is free again.
    expect((await sign(testApp.agent(), signatureFields({ name: 'Kofi Mensah', email: 'kofi@mensah.example', country: 'GH' }))).status).toBe(200);
  });

  it('never counts a signature whose link expired after 7 days', async () => {
    const agent = testApp.agent();
    await sign(agent, signatureFields({ name: 'Late Reader', email: 'late@reader.example', country: 'JP' }));
    const { confirmPath } = await confirmationMail(smtp, 'late@reader.example');
    const total = await shownTotal(agent);
    clock.advance(7 * 24 * 3600 * 1000 + 1000);
    try {
      const response = await agent.get(confirmPath);
      expect(response.status).toBe(404);
      expect(response.text).toContain('This link cannot be used');
      expect(await shownTotal(agent)).toBe(total);
      expect((await Signature.findOne({ emailKey: 'late@reader.example' }).lean())!.confirmedAt).toBeNull();
      // An expired, unconfirmed signature no longer holds the address.
      expect((await sign(testApp.agent(), signatureFields({ name: 'Late Reader', email: 'late@reader.example', country: 'JP' }))).status).toBe(200);
    } finally {
      clock.advance(-(7 * 24 * 3600 * 1000 + 1000));
    }
  });

  it('answers unknown petitions and malformed links with 404 pages, never 5xx', async () => {
    for (const path of ['/petitions/no-such-petition', '/petitions/no-such/signatures.csv', `${PETITION_PATH}/confirm/short`, `${PETITION_PATH}/withdraw/${'a'.repeat(43)}`]) {
      const response = await testApp.agent().get(path);
      expect([path, response.status]).toEqual([path, 404]);
    }
    expect((await testApp.agent().get(`${PETITION_PATH}/withdraw/%E0%A4%A`)).status).toBe(400);
  });
});
