import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runMember } from './crash-burst';
import { seededRandom, WriteLog } from './crash-log';
import type { CrashMember } from './crash-members';

export interface CrashRound {
  /** Names this round's saves, so several rounds on one data directory never send the same statement. */
  label: string;
  baseUrl: string;
  members: CrashMember[];
  seed: number;
  /** The kill comes once this many writes were acknowledged… */
  acknowledgedBeforeKill: number;
  /** …and then after a delay drawn from the seed, below this. */
  maxDelayMs: number;
  kill(): Promise<void>;
}

export interface RoundOutcome {
  log: WriteLog;
  delayMs: number;
  /** Writes acknowledged when the kill was sent. */
  acknowledgedAtKill: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * All members write at once; once enough writes were acknowledged and a seeded delay has passed, `kill()`
 * runs. No new write starts after that; the ones in flight end with whatever answer (or none) they get.
 */
export async function burstThenKill(round: CrashRound): Promise<RoundOutcome> {
  const log = new WriteLog();
  const random = seededRandom(round.seed);
  let running = true;
  const writers = round.members.map((member) =>
    runMember(
      round.baseUrl,
      member,
      log,
      seededRandom(round.seed + member.index + 1),
      round.label,
      () => running,
    ),
  );
  let stopped = 0;
  for (const writer of writers)
    writer.then(
      () => (stopped += 1),
      () => (stopped += 1),
    );
  while (log.acknowledged() < round.acknowledgedBeforeKill) {
    if (stopped > 0) throw new Error(`a member stopped writing before the kill: ${log.stops.join('; ')}`);
    await sleep(10);
  }
  const delayMs = Math.floor(random() * round.maxDelayMs);
  await sleep(delayMs);
  const acknowledgedAtKill = log.acknowledged();
  running = false;
  await round.kill();
  await Promise.all(writers);
  return { log, delayMs, acknowledgedAtKill };
}

/** Where the engine inside a running site listens (it writes its address into the data directory). */
export async function embeddedEngineUri(dataDir: string): Promise<string> {
  const address = JSON.parse(await readFile(path.join(dataDir, 'engine.address.json'), 'utf8')) as {
    uri: string;
  };
  return address.uri;
}
