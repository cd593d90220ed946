import { serialize } from 'bson';
import { crc32c } from '../../../src/engine/wire/crc32c';
import { MessageFramer } from '../../../src/engine/wire/framing';
import { encodeOpMsgReply, parseMessage, ProtocolViolation } from '../../../src/engine/wire/messages';

function opMsg(
  command: object,
  options: { flags?: number; sequence?: [string, object[]]; checksum?: boolean } = {},
): Buffer {
  const sections: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(command))];
  if (options.sequence) {
    const [name, docs] = options.sequence;
    const payload = Buffer.concat([
      Buffer.from(`${name}\0`),
      ...docs.map((doc) => Buffer.from(serialize(doc))),
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    sections.push(Buffer.from([1]), size, payload);
  }
  const flags = (options.flags ?? 0) | (options.checksum ? 1 : 0);
  const head = Buffer.alloc(20);
  const body = Buffer.concat(sections);
  const length = 20 + body.length + (options.checksum ? 4 : 0);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(7, 4);
  head.writeInt32LE(2013, 12);
  head.writeUInt32LE(flags, 16);
  const message = Buffer.concat([head, body]);
  if (!options.checksum) return message;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32c(message));
  return Buffer.concat([message, crc]);
}

describe('CRC-32C', () => {
  it('matches the published check value for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });
});

describe('MessageFramer', () => {
  it('reassembles messages split across chunks and splits coalesced ones', () => {
    const one = opMsg({ ping: 1, $db: 'admin' });
    const two = opMsg({ hello: 1, $db: 'admin' });
    const both = Buffer.concat([one, two]);
    const framer = new MessageFramer();
    const seen: Buffer[] = [];
    for (let i = 0; i < both.length; i += 3) seen.push(...framer.push(both.subarray(i, i + 3)).messages);
    expect(seen.map((m) => m.length)).toEqual([one.length, two.length]);
    expect(seen[1].equals(two)).toBe(true);
  });

  it('reports lengths below the header size or above 48,000,000 bytes', () => {
    const tooBig = Buffer.alloc(16);
    tooBig.writeInt32LE(48_000_001);
    expect(new MessageFramer().push(tooBig).error).toMatch(/invalid message length/);
    const negative = Buffer.alloc(4);
    negative.writeInt32LE(-5);
    expect(new MessageFramer().push(negative).error).toMatch(/invalid message length/);
  });
});

describe('parseMessage', () => {
  it('merges kind-1 document sequences into the command as arrays', () => {
    const message = parseMessage(
      opMsg({ insert: 'c', $db: 'x' }, { sequence: ['documents', [{ a: 1 }, { a: 2 }]] }),
    );
    expect(message.kind).toBe('msg');
    expect(message.command).toEqual({ insert: 'c', $db: 'x', documents: [{ a: 1 }, { a: 2 }] });
  });

  it('verifies a checksum when the flag is set', () => {
    const good = opMsg({ ping: 1 }, { checksum: true });
    expect(parseMessage(good).command).toEqual({ ping: 1 });
    const bad = Buffer.from(good);
    bad[bad.length - 1] ^= 0xff;
    expect(() => parseMessage(bad)).toThrow(/checksum mismatch/);
  });

  it('rejects OP_COMPRESSED, unknown opcodes, unknown required flags and invalid BSON', () => {
    const compressed = opMsg({ ping: 1 });
    compressed.writeInt32LE(2012, 12);
    expect(() => parseMessage(compressed)).toThrow(/compression is not supported/);
    const unknown = opMsg({ ping: 1 });
    unknown.writeInt32LE(9999, 12);
    expect(() => parseMessage(unknown)).toThrow(ProtocolViolation);
    expect(() => parseMessage(opMsg({ ping: 1 }, { flags: 1 << 4 }))).toThrow(/unsupported OP_MSG flags/);
    const corrupt = opMsg({ ping: 1 });
    corrupt.writeInt32LE(1000, 21);
    expect(() => parseMessage(corrupt)).toThrow(/invalid BSON document length/);
    const badType = opMsg({ ping: 1 });
    badType[25] = 0x7a;
    expect(() => parseMessage(badType)).toThrow(/invalid BSON/);
  });

  it('encodes replies that parse back with responseTo set', () => {
    const reply = encodeOpMsgReply(42, { ok: 1 });
    expect(reply.readInt32LE(0)).toBe(reply.length);
    expect(reply.readInt32LE(8)).toBe(42);
    expect(parseMessage(reply).command).toEqual({ ok: 1 });
  });
});
