import { deserialize, serialize, type Document } from 'bson';
import { crc32c } from './crc32c';
import { HEADER_SIZE, MsgFlags, OpCode } from './opcodes';

export type IncomingMessage =
  | { kind: 'msg'; requestId: number; flags: number; command: Document }
  | { kind: 'query'; requestId: number; collection: string; command: Document };

/** A message the engine cannot understand; the connection answers with an error or closes. */
export class ProtocolViolation extends Error {
  constructor(
    message: string,
    readonly requestId: number,
  ) {
    super(message);
    this.name = 'ProtocolViolation';
  }
}

const DESERIALIZE_OPTIONS = { promoteLongs: false } as const;

function readDocument(buf: Buffer, offset: number, end: number, requestId: number): [Document, number] {
  if (offset + 5 > end) throw new ProtocolViolation('truncated BSON document', requestId);
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolViolation('invalid BSON document length', requestId);
  try {
    return [deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTIONS), offset + size];
  } catch (error) {
    throw new ProtocolViolation(`invalid BSON: ${(error as Error).message}`, requestId);
  }
}

function readCString(buf: Buffer, offset: number, end: number, requestId: number): [string, number] {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolViolation('unterminated string', requestId);
  return [buf.toString('utf8', offset, zero), zero + 1];
}

function parseOpMsg(buf: Buffer, requestId: number): IncomingMessage {
  const flags = buf.readUInt32LE(HEADER_SIZE);
  let end = buf.length;
  if (flags & MsgFlags.checksumPresent) {
    end -= 4;
    if (end < HEADER_SIZE + 4) throw new ProtocolViolation('message too short for its checksum', requestId);
    if (crc32c(buf, 0, end) !== buf.readUInt32LE(end))
      throw new ProtocolViolation('checksum mismatch', requestId);
  }
  // Bits 0-15 are required: an unknown one must make the server reject the message.
  if (flags & 0xfffc) throw new ProtocolViolation(`unsupported OP_MSG flags ${flags}`, requestId);
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = buf[offset++];
    if (kind === 0) {
      if (body) throw new ProtocolViolation('OP_MSG with more than one body section', requestId);
      [body, offset] = readDocument(buf, offset, end, requestId);
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolViolation('truncated document sequence', requestId);
      const sectionEnd = offset + buf.readInt32LE(offset);
      if (sectionEnd > end || sectionEnd < offset + 5)
        throw new ProtocolViolation('invalid section size', requestId);
      let name: string;
      [name, offset] = readCString(buf, offset + 4, sectionEnd, requestId);
      const docs: Document[] = [];
      while (offset < sectionEnd) {
        let doc: Document;
        [doc, offset] = readDocument(buf, offset, sectionEnd, requestId);
        docs.push(doc);
      }
      sequences.push([name, docs]);
    } else {
      throw new ProtocolViolation(`unknown OP_MSG section kind ${kind}`, requestId);
    }
  }
  if (!body) throw new ProtocolViolation('OP_MSG without a body section', requestId);
  for (const [name, docs] of sequences) {
    if (name in body) throw new ProtocolViolation(`duplicate field ${name} in body and sequence`, requestId);
    body[name] = docs;
  }
  return { kind: 'msg', requestId, flags, command: body };
}

function parseOpQuery(buf: Buffer, requestId: number): IncomingMessage {
  let offset = HEADER_SIZE + 4;
  const [collection, afterName] = readCString(buf, offset, buf.length, requestId);
  offset = afterName + 8; // numberToSkip, numberToReturn
  const [query] = readDocument(buf, offset, buf.length, requestId);
  const command = '$query' in query && typeof query.$query === 'object' ? (query.$query as Document) : query;
  return { kind: 'query', requestId, collection, command };
}

/** Parses one framed message; throws ProtocolViolation for anything the engine will not process. */
export function parseMessage(buf: Buffer): IncomingMessage {
  const requestId = buf.readInt32LE(4);
  const opCode = buf.readInt32LE(12);
  if (opCode === OpCode.MSG && buf.length >= HEADER_SIZE + 5) return parseOpMsg(buf, requestId);
  if (opCode === OpCode.QUERY && buf.length >= HEADER_SIZE + 14) return parseOpQuery(buf, requestId);
  if (opCode === OpCode.COMPRESSED) throw new ProtocolViolation('compression is not supported', requestId);
  throw new ProtocolViolation(`unsupported opCode ${opCode}`, requestId);
}

const SERIALIZE_OPTIONS = { checkKeys: false, ignoreUndefined: true } as const;

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.allocUnsafe(HEADER_SIZE);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

let nextRequestId = 1;
function newRequestId(): number {
  nextRequestId = (nextRequestId + 1) & 0x7fffffff;
  return nextRequestId;
}

export function encodeOpMsgReply(responseTo: number, reply: Document, flags = 0): Buffer {
  const body = serialize(reply, SERIALIZE_OPTIONS);
  const length = HEADER_SIZE + 4 + 1 + body.length;
  const prefix = Buffer.allocUnsafe(5);
  prefix.writeUInt32LE(flags, 0);
  prefix[4] = 0;
  return Buffer.concat([header(length, newRequestId(), responseTo, OpCode.MSG), prefix, body], length);
}

export function encodeOpReply(responseTo: number, reply: Document): Buffer {
  const body = serialize(reply, SERIALIZE_OPTIONS);
  const length = HEADER_SIZE + 20 + body.length;
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16); // responseFlags 0, cursorId 0, startingFrom 0, numberReturned 1
  return Buffer.concat([header(length, newRequestId(), responseTo, OpCode.REPLY), fields, body], length);
}
