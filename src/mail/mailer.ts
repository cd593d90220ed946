import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config';
import type { ComposedMessage } from './messages';

export interface Mailer {
  /** Where messages go, for the start-up log: an SMTP server or the development outbox. */
  readonly description: string;
  send(message: ComposedMessage): Promise<void>;
}

export const outboxDirOf = (dataDir: string): string => path.resolve(dataDir, 'outbox');

/** Nodemailer over SMTP_URL; with none (development), each message is written to `<DATA_DIR>/outbox/`. */
export function createMailer(config: Pick<Config, 'mail' | 'dataDir'>): Mailer {
  if (config.mail.smtpUrl) return smtpMailer(config.mail.smtpUrl, config.mail.from);
  return outboxMailer(outboxDirOf(config.dataDir), config.mail.from);
}

/** Nodemailer is loaded with the first message, not at start: most requests never send one. */
function lazyTransport(options: string | Record<string, unknown>): () => Promise<Transporter> {
  let transport: Promise<Transporter> | null = null;
  return () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(options));
    return transport;
  };
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = lazyTransport(smtpUrl);
  return {
    description: `SMTP ${new URL(smtpUrl).host}`,
    async send(message) {
      await (await transport()).sendMail({ from, ...message });
    },
  };
}

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

export function outboxMailer(dir: string, from: string): Mailer {
  const transport = lazyTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let sequence = 0;
  return {
    description: `development outbox ${dir}`,
    async send(message) {
      const info = await (await transport()).sendMail({ from, ...message });
      const sentAt = new Date();
      const id = `${sentAt.getTime()}-${process.pid}-${(sequence += 1)}`;
      const entry: OutboxEntry = { id, ...message, sentAt: sentAt.toISOString() };
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `${id}.eml`), info.message as Buffer);
      await writeFile(path.join(dir, `${id}.json`), JSON.stringify(entry, null, 2));
    },
  };
}
