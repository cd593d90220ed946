import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutboxEntry } from './mailer';

const ID = /^[0-9]+-[0-9]+-[0-9]+$/;

/** The development outbox, newest first. */
export async function listOutbox(dir: string, limit = 100): Promise<OutboxEntry[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const ids = files
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -5))
    .filter((id) => ID.test(id))
    .sort((a, b) => Number(b.split('-')[0]) - Number(a.split('-')[0]) || b.localeCompare(a))
    .slice(0, limit);
  const entries = await Promise.all(ids.map((id) => readOutboxEntry(dir, id)));
  return entries.filter((entry): entry is OutboxEntry => entry !== null);
}

export async function readOutboxEntry(dir: string, id: string): Promise<OutboxEntry | null> {
  if (!ID.test(id)) return null;
  try {
    return JSON.parse(await readFile(path.join(dir, `${id}.json`), 'utf8')) as OutboxEntry;
  } catch {
    return null;
  }
}
