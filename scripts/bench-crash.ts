/**
 * Crash during writes, at length: the same members, burst and checks as test/security/crashDuringWrites.test.ts,
 * for ROUNDS rounds on one data directory, cycling through three kills: the site with its embedded engine
 * (both die), the site alone while the engine runs as its own process (transactions it left open must never
 * commit), and the engine process under the running site. After each restart every write sent so far is
 * checked; prints one line a round and the totals (acknowledged, found, lost, half), and exits 1 if any
 * acknowledged write was lost or anything was found half there.
 * Usage: npm run bench:crash [-- --rounds 9 --organisations 6 --acknowledged 40 --max-delay-ms 1000 --seed N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { CrashWrite } from './bench/crash-log';
import { createCrashAccounts, signInCrashMembers } from './bench/crash-members';
import {
  crashSiteEnv,
  killHard,
  ProcessGroup,
  startEngine,
  startSite,
  stopGently,
  type EngineProcess,
  type SiteProcess,
} from './bench/crash-processes';
import { burstThenKill, embeddedEngineUri } from './bench/crash-round';
import { verifyAfterCrash } from './bench/crash-verify';
import { formatTable } from './bench/report-table';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const KILLS = ['site with its engine', 'site alone', 'engine process'] as const;

function readArguments() {
  const text = { type: 'string' } as const;
  const options = { rounds: text, organisations: text, acknowledged: text, 'max-delay-ms': text, seed: text };
  return z
    .object({
      rounds: z.coerce.number().int().min(1).max(300).default(9),
      organisations: z.coerce.number().int().min(3).max(50).default(6),
      acknowledged: z.coerce.number().int().min(1).max(10_000).default(40),
      'max-delay-ms': z.coerce.number().int().min(0).max(60_000).default(1_000),
      seed: z.coerce
        .number()
        .int()
        .min(0)
        .default(Math.floor(Math.random() * 1_000_000)),
    })
    .parse(parseArgs({ options }).values);
}

/** Where the data directory is served from: the site's own engine, or an engine process beside it. */
class Topology {
  site!: SiteProcess;
  engine: EngineProcess | null = null;
  constructor(
    private readonly processes: ProcessGroup,
    private readonly dataDir: string,
  ) {}

  async startEmbedded(): Promise<void> {
    this.site = await startSite(this.processes, crashSiteEnv(this.dataDir, { embedded: true }));
  }
  async startSeparate(): Promise<void> {
    this.engine ??= await startEngine(this.processes, this.dataDir);
    this.site = await startSite(this.processes, crashSiteEnv(this.dataDir, { uri: this.engine.uri }));
  }
  async uri(): Promise<string> {
    return this.engine?.uri ?? embeddedEngineUri(this.dataDir);
  }
  /** Ready for the next kill: the engine inside the site for the first, beside it for the other two. */
  async prepareFor(kill: (typeof KILLS)[number]): Promise<void> {
    const wantSeparate = kill !== 'site with its engine';
    if (wantSeparate === (this.engine !== null)) return;
    await stopGently(this.site);
    if (this.engine) await stopGently(this.engine);
    this.engine = null;
    await (wantSeparate ? this.startSeparate() : this.startEmbedded());
  }
  /** SIGKILLs what the round names; the site comes back at once as it was, an engine process on its port. */
  async kill(kill: (typeof KILLS)[number]): Promise<void> {
    if (kill === 'engine process' && this.engine) {
      await killHard(this.engine);
      this.engine = await startEngine(this.processes, this.dataDir, this.engine.port);
      return;
    }
    await killHard(this.site);
    await (kill === 'site alone' ? this.startSeparate() : this.startEmbedded());
  }
}

async function main(): Promise<void> {
  const args = readArguments();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-bench-crash-'));
  const processes = new ProcessGroup();
  let failed = false;
  try {
    const topology = new Topology(processes, dataDir);
    await topology.startEmbedded();
    const accounts = await createCrashAccounts(await topology.uri(), args.organisations, 'bench');
    const members = await signInCrashMembers(topology.site.baseUrl, accounts);
    log(`${members.length} members of ${args.organisations} organisations signed in; seed ${args.seed}`);
    const writes: CrashWrite[] = [];
    const rows: (string | number)[][] = [];
    for (let round = 0; round < args.rounds; round += 1) {
      const kill = KILLS[round % KILLS.length]!;
      await topology.prepareFor(kill);
      const outcome = await burstThenKill({
        label: `r${round}`,
        baseUrl: topology.site.baseUrl,
        members,
        seed: args.seed + round * 1_000,
        acknowledgedBeforeKill: args.acknowledged,
        maxDelayMs: args['max-delay-ms'],
        kill: () => topology.kill(kill),
      });
      writes.push(...outcome.log.writes);
      const findings = await verifyAfterCrash(await topology.uri(), topology.site.baseUrl, writes, members);
      for (const line of [...findings.lost, ...findings.half]) log(`  round ${round}: ${line}`);
      failed ||= findings.lost.length + findings.half.length > 0;
      const { acknowledged, found, lost, half, unacknowledgedWhole, unacknowledgedAbsent } =
        findings.summary();
      rows.push([
        round,
        kill,
        outcome.log.writes.length,
        outcome.delayMs,
        acknowledged,
        found,
        lost,
        half,
        unacknowledgedWhole,
        unacknowledgedAbsent,
      ]);
      log(
        `round ${round} (${kill}) checked: ${acknowledged} acknowledged so far, lost ${lost}, half ${half}`,
      );
    }
    const header = [
      'round',
      'killed',
      'sent',
      'delay ms',
      'acknowledged',
      'found',
      'lost',
      'half',
      'unacked whole',
      'unacked absent',
    ];
    process.stdout.write(
      `${formatTable(header, rows)}\n(counts after a round cover every write sent since the start)\n`,
    );
  } finally {
    await processes.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:crash failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
