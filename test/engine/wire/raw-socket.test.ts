import net from 'node:net';
import { Binary, deserialize, serialize, UUID, type Document } from 'bson';
import { startEngine, type RunningEngine } from '../../../src/engine/index';

let engine: RunningEngine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

function opMsg(command: Document, opCode = 2013): Buffer {
  const body = Buffer.from(serialize(command));
  const head = Buffer.alloc(21);
  head.writeInt32LE(21 + body.length, 0);
  head.writeInt32LE(1, 4);
  head.writeInt32LE(opCode, 12);
  return Buffer.concat([head, body]);
}

function opQuery(command: Document): Buffer {
  const name = Buffer.from('admin.$cmd\0');
  const body = Buffer.from(serialize(command));
  const head = Buffer.alloc(20);
  const tail = Buffer.alloc(8);
  tail.writeInt32LE(-1, 4);
  head.writeInt32LE(20 + name.length + 8 + body.length, 0);
  head.writeInt32LE(9, 4);
  head.writeInt32LE(2004, 12);
  return Buffer.concat([head, name, tail, body]);
}

interface Outcome {
  replies: Buffer[];
  closed: boolean;
}

/** Sends bytes on a fresh connection and collects replies until `expected` arrive or the server closes. */
function exchange(bytes: Buffer, expected = 1): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(engine.port, '127.0.0.1');
    const replies: Buffer[] = [];
    let pending = Buffer.alloc(0);
    const finish = (closed: boolean) => {
      socket.destroy();
      resolve({ replies, closed });
    };
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        replies.push(pending.subarray(0, pending.readInt32LE(0)));
        pending = pending.subarray(pending.readInt32LE(0));
      }
      if (replies.length >= expected) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(bytes);
  });
}

function msgBody(reply: Buffer): Document {
  return deserialize(reply.subarray(21));
}

async function stillServes(): Promise<void> {
  const { replies } = await exchange(opMsg({ ping: 1, $db: 'admin' }));
  expect(msgBody(replies[0])).toMatchObject({ ok: 1 });
}

describe('wire protocol over a raw socket', () => {
  it('answers the legacy OP_QUERY handshake with OP_REPLY', async () => {
    const { replies } = await exchange(opQuery({ ismaster: 1, helloOk: true }));
    expect(replies[0].readInt32LE(12)).toBe(1);
    expect(replies[0].readInt32LE(8)).toBe(9);
    const reply = deserialize(replies[0].subarray(36));
    expect(reply).toMatchObject({ ismaster: true, maxWireVersion: 21, ok: 1 });
  });

  it('answers pipelined OP_MSG commands in order', async () => {
    const { replies } = await exchange(
      Buffer.concat([opMsg({ ping: 1, $db: 'admin' }), opMsg({ buildInfo: 1, $db: 'admin' })]),
      2,
    );
    expect(msgBody(replies[0])).toMatchObject({ ok: 1 });
    expect(msgBody(replies[1]).version).toBe('7.0.0');
  });

  it('closes a connection that sends garbage or a huge length, and keeps serving others', async () => {
    const garbage = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect((await exchange(garbage)).closed).toBe(true);
    const huge = Buffer.alloc(16);
    huge.writeInt32LE(0x7fffffff, 0);
    expect((await exchange(huge)).closed).toBe(true);
    await stillServes();
  });

  it('replies with an error to invalid BSON, unknown opcodes and OP_COMPRESSED', async () => {
    const invalid = opMsg({ ping: 1, $db: 'admin' });
    invalid[25] = 0x7a;
    expect(msgBody((await exchange(invalid)).replies[0])).toMatchObject({ ok: 0, code: 22 });
    const unknown = opMsg({ ping: 1 }, 4242);
    expect(msgBody((await exchange(unknown)).replies[0])).toMatchObject({ ok: 0, code: 17 });
    const compressed = opMsg({ ping: 1 }, 2012);
    expect(msgBody((await exchange(compressed)).replies[0])).toMatchObject({ ok: 0, errmsg: /compression/ });
    await stillServes();
  });

  it('does not reply when moreToCome is set', async () => {
    const quiet = opMsg({ ping: 1, $db: 'admin' });
    quiet.writeUInt32LE(2, 16);
    const { replies } = await exchange(Buffer.concat([quiet, opMsg({ buildInfo: 1, $db: 'admin' })]), 1);
    expect(msgBody(replies[0]).version).toBe('7.0.0');
  });

  it('aborts the older transaction when a newer txnNumber starts one', async () => {
    const lsid = { id: new Binary(new UUID().toBinary().buffer, 4) };
    const txn = (n: number, extra: Document) => ({ lsid, txnNumber: n, autocommit: false, ...extra });
    const run = async (command: Document) => msgBody((await exchange(opMsg(command))).replies[0]);
    await run({ insert: 'older', documents: [{ a: 1 }], $db: 'raw', ...txn(1, { startTransaction: true }) });
    await run({ insert: 'older', documents: [{ a: 2 }], $db: 'raw', ...txn(2, { startTransaction: true }) });
    expect(await run({ commitTransaction: 1, $db: 'admin', ...txn(1, {}) })).toMatchObject({
      ok: 0,
      code: 225,
    });
    expect(await run({ commitTransaction: 1, $db: 'admin', ...txn(2, {}) })).toMatchObject({ ok: 1 });
    expect(await run({ commitTransaction: 1, $db: 'admin', ...txn(2, {}) })).toMatchObject({ ok: 1 });
    expect(await run({ abortTransaction: 1, $db: 'admin', ...txn(2, {}) })).toMatchObject({
      ok: 0,
      code: 256,
    });
    expect(await run({ insert: 'older', documents: [{}], $db: 'raw', ...txn(3, {}) })).toMatchObject({
      ok: 0,
      code: 251,
      errorLabels: ['TransientTransactionError'],
    });
    const found = await run({ find: 'older', projection: { _id: 0 }, $db: 'raw' });
    expect(found.cursor.firstBatch).toEqual([{ a: 2 }]);
  });

  it('accepts documents in a kind-1 document sequence', async () => {
    const body = Buffer.from(serialize({ insert: 'seq', $db: 'raw' }));
    const docs = [{ _id: 1 }, { _id: 2 }].map((doc) => Buffer.from(serialize(doc)));
    const payload = Buffer.concat([Buffer.from('documents\0'), ...docs]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    const head = Buffer.alloc(21);
    const length = 21 + body.length + 1 + 4 + payload.length;
    head.writeInt32LE(length, 0);
    head.writeInt32LE(2013, 12);
    const message = Buffer.concat([head, body, Buffer.from([1]), size, payload]);
    expect(msgBody((await exchange(message)).replies[0])).toMatchObject({ n: 2, ok: 1 });
  });
});
