import { Writable } from 'node:stream';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';

describe('request logs', () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });
  afterAll(() => testApp.stop());

  it('logs one line per request with its id, and no cookies, tokens, passwords or query strings', async () => {
    const agent = testApp.agent();
    const token = await fetchCsrf(agent, '/language');
    const response = await agent
      .post('/language?resetToken=query-secret-123')
      .set('Authorization', 'Bearer header-secret-456')
      .type('form')
      .send({ lang: 'fr', _csrf: token, password: 'body-secret-789' });
    const requestId = String(response.headers['x-request-id']);

    const logged = lines.join('\n');
    const entry = lines
      .map((line) => JSON.parse(line) as { req?: { id?: string } })
      .find((e) => e.req?.id === requestId);
    expect(entry).toMatchObject({
      req: { id: requestId, method: 'POST', path: '/language' },
      res: { statusCode: 303 },
    });
    expect(logged).not.toContain('accord.sid');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain('query-secret-123');
    expect(logged).not.toContain('header-secret-456');
    expect(logged).not.toContain('body-secret-789');
  });
});
