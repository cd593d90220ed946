import { MongoClient } from 'mongodb';
import { startEngine, type RunningEngine } from '../../../src/engine/index';
import { KNOWN_FAILURES } from './known-failures';
import { runSpecTest } from './run-test';
import { skipReason } from './skips';
import { loadArea } from './spec-files';

const tally = new Map<string, { pass: number; known: number; skip: number; fail: number }>();

function count(area: string, outcome: 'pass' | 'known' | 'skip' | 'fail'): void {
  const row = tally.get(area) ?? { pass: 0, known: 0, skip: 0, fail: 0 };
  row[outcome]++;
  tally.set(area, row);
}

/**
 * One Jest test per specification test of these areas, all on one engine (started once per Jest file).
 * SPEC_SUMMARY=1 prints the per-area table at the end; SPEC_VERBOSE=1 how each known failure fails.
 */
export function describeSpecAreas(areas: string[]): void {
  let engine: RunningEngine;
  let internal: MongoClient;
  beforeAll(async () => {
    engine = await startEngine();
    internal = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 5000 });
    await internal.connect();
  });
  afterAll(async () => {
    await internal?.close();
    await engine?.stop();
    if (process.env.SPEC_SUMMARY) {
      const rows = [...tally].map(([area, r]) => `${area}\t${r.pass}\t${r.known}\t${r.skip}\t${r.fail}`);
      process.stdout.write(`area\tpass\tknown failure\tskip\tunexpected failure\n${rows.join('\n')}\n`);
    }
  });

  const seen = new Set<string>();
  for (const area of areas) {
    for (const { name, spec } of loadArea(area)) {
      describe(name, () => {
        for (const test of spec.tests) {
          const id = `${name}: ${String(test.description)}`;
          seen.add(id);
          const skip = skipReason(spec, test);
          if (skip) {
            count(area, 'skip');
            it.skip(`${String(test.description)} (skipped: ${skip})`, () => undefined);
            continue;
          }
          const known = KNOWN_FAILURES[id];
          it(String(test.description), async () => {
            let failure: unknown;
            await runSpecTest(spec, test, engine.uri, internal).catch((error: unknown) => (failure = error));
            if (known !== undefined) {
              count(area, failure ? 'known' : 'fail');
              if (failure && process.env.SPEC_VERBOSE) {
                process.stdout.write(`known failure ${id}: ${String((failure as Error).message)}\n`);
              }
              if (!failure) throw new Error(`"${id}" is listed as a known failure (${known}) but passes`);
              return;
            }
            count(area, failure ? 'fail' : 'pass');
            if (failure) throw failure;
          });
        }
      });
    }
  }

  it('lists no known failure that names a missing test', () => {
    const stale = Object.keys(KNOWN_FAILURES).filter(
      (id) => areas.some((area) => id.startsWith(`${area}/`)) && !seen.has(id),
    );
    expect(stale).toEqual([]);
  });
}
