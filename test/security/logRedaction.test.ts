import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

describe('no personal data or tokens in the logs', () => {
  it('replaces e-mail addresses in any line, messages and errors included, and redacts token fields', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ logLevel: 'info', env: 'test' }, destination);
    logger.error(
      { err: new Error('550 <ada.visser@harbour-labs.example> mailbox unavailable') },
      'mail to Bob.O+x@example.org failed',
    );
    logger.warn(
      { user: { email: 'carol@sub.example.co.uk' }, token: 'secret-token-value' },
      'sign-in refused',
    );
    const logged = lines.join('\n');
    expect(logged).not.toMatch(/ada\.visser|harbour-labs\.example|Bob\.O|carol@|secret-token-value/);
    expect(logged).toContain('550 <[email]> mailbox unavailable');
    expect(logged).toContain('mail to [email] failed');
    expect(JSON.parse(lines[1]!)).toMatchObject({ user: { email: '[email]' }, token: '[redacted]' });
    expect(logged).toContain('"stack"');
  });

  describe('access lines', () => {
    const { lines, destination } = capture();
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
    });
    afterAll(() => testApp.stop());

    it('log token links by their route, never the token', async () => {
      const tokens = [0, 1, 2, 3].map(() => randomBytes(32).toString('base64url'));
      const paths = [
        `/account/reset-password/${tokens[0]}`,
        `/account/invitation/${tokens[1]}`,
        `/apply/confirm/${tokens[2]}`,
        `/apply/status/${tokens[3]}`,
      ];
      for (const path of paths) await testApp.agent().get(path);
      await testApp.agent().get('/signatories/organisation-0a7ddab0-fdc0083e');
      const logged = lines.join('\n');
      for (const token of tokens) expect(logged).not.toContain(token);
      expect(logged).toContain('"path":"/account/reset-password/[token]"');
      expect(logged).toContain('"path":"/apply/status/[token]"');
      expect(logged).toContain('"path":"/signatories/organisation-0a7ddab0-fdc0083e"');
    });
  });
});
