import { BSONRegExp, Double, Int32, Long, MongoServerError, type Db, type Document } from 'mongodb';
import { COLL, CURSOR, OPEN, OTHER, type ConformanceCase, type Expectation } from './case';

interface Names {
  coll: string;
  other: string;
}

const ENVELOPE_FIELDS = ['$clusterTime', 'operationTime'];
const CURSOR_ID_LISTS = ['cursorsKilled', 'cursorsNotFound', 'cursorsAlive', 'cursorsUnknown'];
/** Commands MongoDB accepts only on the admin database. */
const ADMIN_COMMANDS = ['renameCollection'];

export function isPlainObject(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Replaces the placeholders in a command or an expectation; BSON values are kept as they are. */
export function substitute(value: unknown, names: Names, cursor: Long | undefined): unknown {
  if (typeof value === 'string') {
    if (value === CURSOR && cursor) return cursor;
    return value.split(COLL).join(names.coll).split(OTHER).join(names.other);
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, names, cursor));
  if (isPlainObject(value)) {
    const out: Document = {};
    for (const [key, item] of Object.entries(value)) out[key] = substitute(item, names, cursor);
    return out;
  }
  return value;
}

function cursorIdOf(reply: Document): Long | undefined {
  const cursor: unknown = reply.cursor;
  if (!isPlainObject(cursor)) return undefined;
  return Long.isLong(cursor.id) ? cursor.id : undefined;
}

/** Int32 and Double come back from the driver as numbers (promoteValues), regular expressions as RegExp. */
export function promoteNumbers(value: unknown): unknown {
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options);
  if (Array.isArray(value)) return value.map(promoteNumbers);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, promoteNumbers(item)]));
  }
  return value;
}

/** Makes a reply comparable: no envelope fields, cursor ids as 0 or OPEN/CURSOR, no errmsg text. */
export function normaliseReply(reply: Document, lastCursor: Long | undefined): Document {
  const out: Document = { ...reply };
  for (const field of ENVELOPE_FIELDS) delete out[field];
  if (isPlainObject(out.cursor)) {
    const id: unknown = out.cursor.id;
    out.cursor = { ...out.cursor, id: Long.isLong(id) ? (id.isZero() ? 0 : OPEN) : id };
  }
  for (const field of CURSOR_ID_LISTS) {
    const ids: unknown = out[field];
    if (Array.isArray(ids)) {
      out[field] = ids.map((id: unknown) =>
        lastCursor && Long.isLong(id) && id.equals(lastCursor) ? CURSOR : id,
      );
    }
  }
  if (Array.isArray(out.writeErrors)) {
    out.writeErrors = out.writeErrors.map((error: Document) => {
      const { errmsg: _errmsg, ...rest } = error;
      return rest;
    });
  }
  return out;
}

type StepResult = { ok: true; reply: Document } | { ok: false; error: Document };

async function runCommand(db: Db, command: Document): Promise<StepResult> {
  const target = ADMIN_COMMANDS.includes(Object.keys(command)[0] ?? '') ? db.admin() : db;
  try {
    return { ok: true, reply: await target.command(command, { promoteLongs: false }) };
  } catch (error) {
    if (!(error instanceof MongoServerError)) throw error;
    const response: Document = { ...error.errorResponse, code: error.code, codeName: error.codeName };
    delete response.errmsg;
    for (const field of ENVELOPE_FIELDS) delete response[field];
    return { ok: false, error: response };
  }
}

/** Reads the rest of a cursor with getMore, as a driver does. */
async function drain(db: Db, reply: Document, collection: string): Promise<Document[]> {
  const cursor = reply.cursor as Document;
  const docs: Document[] = [...(cursor.firstBatch as Document[])];
  let id = cursorIdOf(reply);
  while (id && !id.isZero()) {
    const more = await db.command({ getMore: id, collection }, { promoteLongs: false });
    docs.push(...((more.cursor as Document).nextBatch as Document[]));
    id = cursorIdOf(more);
  }
  return docs;
}

/** The nested key order of a value, so that field order can be asserted as well as content. */
export function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (isPlainObject(value)) return Object.entries(value).map(([key, item]) => [key, keyOrder(item)]);
  return null;
}

function expectSameDocs(actual: unknown, expected: unknown, anyKeyOrder: boolean): void {
  expect(actual).toEqual(expected);
  if (!anyKeyOrder) expect(keyOrder(actual)).toEqual(keyOrder(expected));
}

function pick(doc: Document, keys: string[]): Document {
  return Object.fromEntries(keys.filter((key) => key in doc).map((key) => [key, doc[key]]));
}

/** Every `stage` of the winning plan, with the indexName of each IXSCAN. */
function planStages(node: unknown, out: Document[] = []): Document[] {
  if (Array.isArray(node)) node.forEach((item) => planStages(item, out));
  else if (isPlainObject(node)) {
    if (typeof node.stage === 'string') out.push({ stage: node.stage, indexName: node.indexName });
    for (const value of Object.values(node)) planStages(value, out);
  }
  return out;
}

function sortKey(doc: Document): string {
  return JSON.stringify(doc);
}

async function prepare(db: Db, testCase: ConformanceCase, names: Names): Promise<void> {
  if (testCase.docs?.length) await db.command({ insert: names.coll, documents: testCase.docs });
  if (testCase.otherDocs?.length) await db.command({ insert: names.other, documents: testCase.otherDocs });
  if (testCase.indexes?.length) await db.command({ createIndexes: names.coll, indexes: testCase.indexes });
}

export async function runCase(db: Db, testCase: ConformanceCase, collection: string): Promise<void> {
  const names: Names = { coll: collection, other: `${collection}_other` };
  await prepare(db, testCase, names);
  const steps = Array.isArray(testCase.run) ? testCase.run : [testCase.run];
  const replies: Document[] = [];
  let lastCursor: Long | undefined;
  let lastResult: StepResult | undefined;
  for (const step of steps) {
    lastResult = await runCommand(db, substitute(step, names, lastCursor) as Document);
    if (lastResult.ok) {
      replies.push(normaliseReply(lastResult.reply, lastCursor));
      const id = cursorIdOf(lastResult.reply);
      if (id && !id.isZero()) lastCursor = id;
    } else {
      replies.push({ ok: 0, code: lastResult.error.code, codeName: lastResult.error.codeName });
    }
  }
  if (!lastResult) throw new Error(`case without a command: ${testCase.name}`);
  const expected = promoteNumbers(substitute(testCase.expect, names, undefined)) as Expectation;

  await checkExpectation(db, expected, lastResult, replies, names.coll, testCase.anyKeyOrder === true);
  if (testCase.after) {
    const found = await db.command({ find: names.coll, sort: { _id: 1 } }, { promoteLongs: false });
    const docs = await drain(db, found, names.coll);
    expectSameDocs(
      docs,
      promoteNumbers(substitute(testCase.after, names, undefined)),
      testCase.anyKeyOrder === true,
    );
  }
}

async function checkExpectation(
  db: Db,
  expected: Expectation,
  result: StepResult,
  replies: Document[],
  collection: string,
  anyKeyOrder: boolean,
): Promise<void> {
  if ('fails' in expected || 'error' in expected) {
    expect(result.ok ? { succeeded: result.reply } : { failed: true }).toEqual({ failed: true });
    if ('error' in expected && !result.ok)
      expect(pick(result.error, Object.keys(expected.error))).toEqual(expected.error);
    return;
  }
  if ('replies' in expected) {
    expect(replies).toEqual(expected.replies);
    return;
  }
  if (!result.ok) throw new Error(`command failed: ${JSON.stringify(result.error)}`);
  const reply = replies[replies.length - 1] as Document;
  if ('docs' in expected)
    expectSameDocs(await drain(db, result.reply, collection), expected.docs, anyKeyOrder);
  else if ('docsAnyOrder' in expected) {
    const byJson = (a: Document, b: Document): number => sortKey(a).localeCompare(sortKey(b));
    const docs = (await drain(db, result.reply, collection)).sort(byJson);
    expectSameDocs(docs, [...expected.docsAnyOrder].sort(byJson), anyKeyOrder);
  } else if ('reply' in expected) expect(reply).toEqual(expected.reply);
  else if ('replyContains' in expected)
    expect(pick(reply, Object.keys(expected.replyContains))).toEqual(expected.replyContains);
  else if ('writeErrors' in expected) {
    const errors = Array.isArray(reply.writeErrors) ? (reply.writeErrors as Document[]) : [];
    const picked = errors.map((error, index) => pick(error, Object.keys(expected.writeErrors[index] ?? {})));
    expect(picked).toEqual(expected.writeErrors);
    if (expected.n !== undefined) expect(reply.n).toBe(expected.n);
  } else if ('distinct' in expected) {
    const values = Array.isArray(reply.values) ? (reply.values as unknown[]) : [];
    const byJson = (a: unknown, b: unknown): number => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect([...values].sort(byJson)).toEqual([...expected.distinct].sort(byJson));
  } else {
    const winning: unknown = (result.reply.queryPlanner as Document | undefined)?.winningPlan;
    const stages = planStages(winning);
    const wanted = expected.plan.indexName
      ? expected.plan
      : { stage: expected.plan.stage, indexName: undefined };
    expect(stages).toContainEqual(wanted);
  }
}
