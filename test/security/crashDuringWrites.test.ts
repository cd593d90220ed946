import { mkdtemp, rm } from 'node:fs/promises';
import { MongoClient, type ObjectId } from 'mongodb';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CrashWrite } from '../../scripts/bench/crash-log';
import { createCrashAccounts, signInCrashMembers, type CrashMember } from '../../scripts/bench/crash-members';
import {
  crashSiteEnv,
  killHard,
  ProcessGroup,
  startEngine,
  startSite,
  type EngineProcess,
  type SiteProcess,
} from '../../scripts/bench/crash-processes';
import { burstThenKill, embeddedEngineUri, type RoundOutcome } from '../../scripts/bench/crash-round';
import { verifyAfterCrash } from '../../scripts/bench/crash-verify';

/*
 * SIGKILL during a burst of pledge saves and evidence changes by four members of three organisations, signed
 * in over HTTP with real sessions and CSRF tokens: (a) the site with its embedded engine (both die at once),
 * (b) the engine running as its own process while the site keeps running. Afterwards every acknowledged
 * write must be there whole with its audit event, and nothing else half there.
 */
jest.setTimeout(300_000);

const seed = Number(process.env['CRASH_SEED'] ?? Math.floor(Math.random() * 1_000_000));
const processes = new ProcessGroup();
let dataDir: string;
let members: CrashMember[];
let site: SiteProcess;
let engine: EngineProcess;
const writes: CrashWrite[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'accord-crash-'));
  site = await startSite(processes, crashSiteEnv(dataDir, { embedded: true }));
  const accounts = await createCrashAccounts(await embeddedEngineUri(dataDir), 3, 'run');
  members = await signInCrashMembers(site.baseUrl, accounts);
});

afterAll(async () => {
  await processes.killAll();
  await rm(dataDir, { recursive: true, force: true });
});

function describeRound(name: string, outcome: RoundOutcome): string {
  const sent = outcome.log.writes.length;
  return `${name}: seed ${seed}, ${sent} writes sent, ${outcome.acknowledgedAtKill} acknowledged when killed ${outcome.delayMs} ms after the threshold`;
}

async function expectEverythingWhole(uri: string, baseUrl: string) {
  const findings = await verifyAfterCrash(uri, baseUrl, writes, members);
  expect({ lost: findings.lost, half: findings.half }).toEqual({ lost: [], half: [] });
  expect(findings.found).toBe(findings.acknowledged);
  return findings.summary();
}

describe('crash during writes', () => {
  it('(a) SIGKILL of the site with its embedded engine: after restart every acknowledged write is whole', async () => {
    const outcome = await burstThenKill({
      label: 'a',
      baseUrl: site.baseUrl,
      members,
      seed,
      acknowledgedBeforeKill: 8,
      maxDelayMs: 400,
      kill: () => killHard(site),
    });
    writes.push(...outcome.log.writes);
    engine = await startEngine(processes, dataDir);
    site = await startSite(processes, crashSiteEnv(dataDir, { uri: engine.uri }));
    const summary = await expectEverythingWhole(engine.uri, site.baseUrl);
    console.log(`${describeRound('site killed', outcome)}; after restart ${JSON.stringify(summary)}`);
  });

  it('(b) SIGKILL of the engine process under the running site: after its restart every acknowledged write is whole', async () => {
    const killed = engine;
    if (!killed) throw new Error('(b) runs on the engine process (a) started');
    const outcome = await burstThenKill({
      label: 'b',
      baseUrl: site.baseUrl,
      members,
      seed: seed + 100,
      acknowledgedBeforeKill: 8,
      maxDelayMs: 400,
      kill: async () => {
        await killHard(killed);
        engine = await startEngine(processes, dataDir, killed.port);
      },
    });
    writes.push(...outcome.log.writes);
    const summary = await expectEverythingWhole(engine.uri, site.baseUrl);
    console.log(`${describeRound('engine killed', outcome)}; after restart ${JSON.stringify(summary)}`);
  });

  it('the checks themselves see a version without its audit event and an acknowledged save that is not there', async () => {
    const [member] = members;
    if (!member) throw new Error('no member');
    const client = await new MongoClient(engine.uri).connect();
    let version: number;
    try {
      const db = client.db();
      const organisation = await db
        .collection<{ _id: ObjectId }>('organisations')
        .findOne({ slug: member.slug });
      version = 1 + (await db.collection('pledges').countDocuments({ organisation: organisation?._id }));
      await db.collection('pledges').insertOne({
        organisation: organisation?._id,
        initiative: 'tech-accord',
        version,
        commitments: [],
        statement: 'Stored without a change',
        changedBy: member.email,
        changedAt: new Date(),
        demo: false,
      });
    } finally {
      await client.close();
    }
    const neverStored: CrashWrite = {
      kind: 'pledge',
      member: 0,
      slug: member.slug,
      outcome: 'acknowledged',
      status: 303,
      statement: 'Acknowledged and never stored',
      commitments: [],
    };
    const findings = await verifyAfterCrash(engine.uri, null, [...writes, neverStored], members);
    expect(findings.lost).toEqual([
      `${member.slug}: the acknowledged pledge save "Acknowledged and never stored" is not there`,
    ]);
    expect(findings.half).toEqual(
      expect.arrayContaining([
        `${member.slug}: pledge version ${version} has 0 audit events`,
        `${member.slug}: pledge version ${version} was never sent`,
      ]),
    );
  });
});
