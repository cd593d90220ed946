import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/*
 * Why not proper-lockfile: it detects staleness by mtime (a lock from a SIGKILLed engine stays for its
 * whole stale timeout, 10 s by default, and needs a timer refreshing it) and records no pid to name in
 * the error. Here the lock file holds the owner's pid and host: a live pid refuses, a dead one is taken
 * over at once. The file is written aside then hard-linked into place, so it is never seen half written.
 */
export const LOCK_FILE_NAME = 'engine.lock';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

export interface DirectoryLock {
  release(): Promise<void>;
}

export async function acquireDirectoryLock(dir: string): Promise<DirectoryLock> {
  const lockPath = path.join(dir, LOCK_FILE_NAME);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(12).toString('hex') };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await tryCreate(lockPath, owner)) return { release: () => releaseLock(lockPath, owner.token) };
    const holder = await readOwner(lockPath);
    if (holder === 'missing') continue;
    if (holder !== 'unreadable') refuseIfAlive(dir, lockPath, holder);
    await takeOverStale(lockPath, holder === 'unreadable' ? undefined : holder.token);
  }
  throw new Error(`Could not lock data directory ${dir}: the lock file ${lockPath} keeps changing`);
}

async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  const staged = `${lockPath}.${owner.pid}.${owner.token}`;
  await writeFile(staged, JSON.stringify(owner));
  try {
    await link(staged, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(staged);
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isLockOwner(parsed)) return parsed;
  } catch {
    // Not JSON: fall through to "unreadable".
  }
  return 'unreadable';
}

function refuseIfAlive(dir: string, lockPath: string, holder: LockOwner): void {
  if (holder.host !== hostname()) {
    throw new Error(
      `Data directory ${dir} is locked by process ${holder.pid} on host ${holder.host}; ` +
        `if that engine is gone, delete ${lockPath}`,
    );
  }
  if (isProcessAlive(holder.pid)) {
    throw new Error(
      `Data directory ${dir} is already in use by process ${holder.pid} (lock file ${lockPath})`,
    );
  }
}

/** Moves the stale file aside first so that two engines taking over at once cannot both win. */
async function takeOverStale(lockPath: string, staleToken: string | undefined): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await readOwner(aside);
  const movedToken = typeof moved === 'object' ? moved.token : undefined;
  if (movedToken !== staleToken) {
    // Another engine locked the directory between our read and our rename: give its lock back.
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside);
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  const holder = await readOwner(lockPath);
  if (typeof holder !== 'object' || holder.token !== token) return;
  // Someone may have removed the whole directory while we closed; the lock is gone either way.
  await unlink(lockPath).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw error;
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function isLockOwner(value: unknown): value is LockOwner {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.pid === 'number' && typeof record.host === 'string' && typeof record.token === 'string'
  );
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
