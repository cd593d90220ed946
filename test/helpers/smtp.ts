import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { smtpMailer, type Mailer } from '../../src/mail/mailer';

export interface TestSmtpServer {
  port: number;
  url: string;
  /** A mailer of the app's own kind (nodemailer over SMTP) pointed at this server. */
  mailer: Mailer;
  messages: ParsedMail[];
  /** Answers the next `count` messages with a temporary failure (451), as a busy server would. */
  refuseNext(count: number): void;
  refused: number;
  /** The first message (already received or arriving within the timeout) that satisfies `match`. */
  waitFor(match: (message: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  let toRefuse = 0;
  const state = { refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (toRefuse > 0) {
        toRefuse -= 1;
        state.refused += 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (parsed) => {
          messages.push(parsed);
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `smtp://127.0.0.1:${port}`;
  return {
    port,
    url,
    mailer: smtpMailer(url, 'Accord Registry <registry@example.test>'),
    messages,
    refuseNext(count) {
      toRefuse = count;
    },
    get refused() {
      return state.refused;
    },
    async waitFor(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      // Messages only ever append: each waiter looks at every message once, however many wait at once.
      let checked = 0;
      for (;;) {
        for (; checked < messages.length; checked += 1) if (match(messages[checked]!)) return messages[checked]!;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms (${messages.length} received)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 200));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const recipientOf = (message: ParsedMail): string =>
  (Array.isArray(message.to) ? message.to[0] : message.to)?.value[0]?.address ?? '';

/** The first link in a message's text that starts with `base` (the site's address). */
export function linkIn(message: ParsedMail, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[/.]/g, '\\$&')}[^\\s]*`).exec(message.text ?? '');
  if (!match) throw new Error(`no link to ${pathPrefix} in: ${message.text}`);
  return match[0];
}
