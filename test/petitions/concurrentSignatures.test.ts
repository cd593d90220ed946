import request from 'supertest';
import { PetitionTally } from '../../src/models/petitionTally';
import { Signature } from '../../src/models/signature';
import { startTestApp, type TestApp } from '../helpers/app';
import { serveApp } from '../helpers/server';
import { linkIn, recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { PETITION_PATH, seedPetition, shownTotal, signatureFields } from './support';

jest.setTimeout(900_000);

const SIGNERS = 200;
const COUNTRIES = ['FR', 'DE', 'US', 'BR', 'IN', 'JP', 'KE', 'CA'];

let smtp: TestSmtpServer;
let testApp: TestApp;
let server: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // Each signer comes from its own address (through one trusted proxy), as a real burst would: the per-IP
  // limits stay on and count each signer separately.
  testApp = await startTestApp({ mailer: smtp.mailer, runJobs: true, env: { TRUST_PROXY: '1', JOBS_CONCURRENCY: '20', JOBS_RETRY_DELAY_MS: '50' } });
  await seedPetition(testApp);
  server = await serveApp(testApp.app);
});
afterAll(async () => {
  await server.close();
  await testApp.stop();
  await smtp.stop();
});

const signer = (index: number) => ({
  ip: `10.20.${Math.floor(index / 250)}.${(index % 250) + 1}`,
  fields: signatureFields({ name: `Signer ${index}`, email: `signer${index}@burst.example`, country: COUNTRIES[index % COUNTRIES.length]!, showName: index % 2 ? 'yes' : '' }),
});

describe(`${SIGNERS} people sign and confirm at the same moment`, () => {
  it('loses no signature and counts each exactly once, even when every confirmation link is followed twice at once', async () => {
    const people = Array.from({ length: SIGNERS }, (_unused, index) => ({ ...signer(index), agent: request.agent(server.baseUrl) }));
    const tokens = await Promise.all(
      people.map(async ({ agent, ip }) => {
        const page = await agent.get(PETITION_PATH).set('X-Forwarded-For', ip);
        return /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      }),
    );

    const signed = await Promise.all(
      people.map(({ agent, ip, fields }, index) =>
        agent.post(PETITION_PATH).set('X-Forwarded-For', ip).type('form').send({ ...fields, _csrf: tokens[index] }),
      ),
    );
    expect(signed.map((response) => response.status)).toEqual(people.map(() => 200));
    expect(await Signature.countDocuments({ confirmedAt: null })).toBe(SIGNERS);
    expect(await shownTotal(request.agent(server.baseUrl))).toBe(0);

    const links = await Promise.all(
      people.map(async ({ fields }) => {
        const message = await smtp.waitFor((m) => recipientOf(m) === fields['email'], 600_000);
        return new URL(linkIn(message, `${PETITION_PATH}/confirm/`)).pathname;
      }),
    );
    const confirmations = await Promise.all(
      people.flatMap(({ agent, ip }, index) => [
        agent.get(links[index]!).set('X-Forwarded-For', ip),
        request(server.baseUrl).get(links[index]!).set('X-Forwarded-For', ip),
      ]),
    );
    const statuses = confirmations.map((response) => response.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(SIGNERS);
    expect(statuses.filter((status) => status === 404)).toHaveLength(SIGNERS);

    expect(await Signature.countDocuments({ confirmedAt: { $ne: null } })).toBe(SIGNERS);
    const tallies = await PetitionTally.find({}).lean();
    expect(tallies.reduce((sum, tally) => sum + tally.count, 0)).toBe(SIGNERS);
    expect(await shownTotal(request.agent(server.baseUrl))).toBe(SIGNERS);
    const json = await request(server.baseUrl).get(`${PETITION_PATH}/signatures.json`);
    const expected = COUNTRIES.map((country, index) => ({
      country,
      signatures: Array.from({ length: SIGNERS }, (_u, i) => i).filter((i) => i % COUNTRIES.length === index).length,
    }));
    expect(json.body.total).toBe(SIGNERS);
    expect([...json.body.byCountry].sort((a: { country: string }, b: { country: string }) => a.country.localeCompare(b.country))).toEqual(
      expected.sort((a, b) => a.country.localeCompare(b.country)),
    );
  });
});
