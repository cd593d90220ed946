import { MongoClient, type Db } from 'mongodb';
import { startEngine } from '../../../src/engine/index';
import { DB, type ConformanceCase } from './case';
import { runCase } from './runner';

/**
 * One engine per test file, one fresh collection per case. Cases in `knownGaps` are behaviours the
 * engine does not have yet: they run with test.failing, so the day one starts to pass the suite says so.
 */
export function describeConformance(
  area: string,
  cases: ConformanceCase[],
  knownGaps: ConformanceCase[] = [],
): void {
  describe(`conformance: ${area}`, () => {
    let engine: Awaited<ReturnType<typeof startEngine>>;
    let client: MongoClient;
    let db: Db;

    beforeAll(async () => {
      engine = await startEngine();
      client = await MongoClient.connect(engine.uri, { directConnection: true });
      db = client.db(DB);
    });

    afterAll(async () => {
      await client?.close();
      await engine?.stop();
    });

    const slug = area.replace(/[^a-z]/gi, '').toLowerCase();
    cases.forEach((testCase, index) => {
      test(testCase.name, () => runCase(db, testCase, `${slug}_${index}`));
    });
    knownGaps.forEach((testCase, index) => {
      test.failing(`KNOWN GAP: ${testCase.name}`, () => runCase(db, testCase, `${slug}_gap_${index}`));
    });
  });
}
