import net from 'node:net';
import type { Document } from 'bson';
import { MessageFramer } from './framing';
import { encodeOpMsgReply, encodeOpReply, parseMessage, ProtocolViolation } from './messages';
import { MAX_MESSAGE_SIZE, MsgFlags } from './opcodes';

export interface ConnectionInfo {
  readonly id: number;
  readonly remoteAddress: string;
  /** Aborted when the connection closes, so a command waiting for a change (awaitable hello) ends. */
  readonly closed: AbortSignal;
}

/** A hello that asks to wait for a topology change; with exhaustAllowed the server keeps answering it. */
function isAwaitableHello(command: Document): boolean {
  const name = Object.keys(command)[0];
  return (
    (name === 'hello' || name === 'isMaster' || name === 'ismaster') &&
    command.topologyVersion !== undefined &&
    command.maxAwaitTimeMS !== undefined
  );
}

/** Runs one command and produces its reply document; never rejects for a command failure. */
export type CommandHandler = (command: Document, connection: ConnectionInfo) => Promise<Document>;

export interface WireServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface WireServerOptions {
  host: string;
  port: number;
  handle: CommandHandler;
  log: (line: string) => void;
}

let nextConnectionId = 0;

function protocolErrorReply(error: ProtocolViolation): Document {
  const invalidBson = error.message.startsWith('invalid BSON');
  return {
    ok: 0,
    errmsg: error.message,
    code: invalidBson ? 22 : 17,
    codeName: invalidBson ? 'InvalidBSON' : 'ProtocolError',
  };
}

function encodeBounded(encode: (reply: Document) => Buffer, reply: Document): Buffer {
  try {
    const bytes = encode(reply);
    if (bytes.length <= MAX_MESSAGE_SIZE) return bytes;
  } catch {
    // An unserialisable reply falls through to the error below.
  }
  return encode({
    ok: 0,
    errmsg: 'reply exceeds the maximum BSON size',
    code: 10334,
    codeName: 'BSONObjectTooLarge',
  });
}

function serveConnection(socket: net.Socket, options: WireServerOptions): void {
  const closing = new AbortController();
  socket.once('close', () => closing.abort());
  const connection: ConnectionInfo = {
    id: ++nextConnectionId,
    remoteAddress: socket.remoteAddress ?? '',
    closed: closing.signal,
  };
  const framer = new MessageFramer();
  let queue: Promise<void> = Promise.resolve();
  socket.setNoDelay(true);

  const processMessage = async (raw: Buffer): Promise<void> => {
    let message;
    try {
      message = parseMessage(raw);
    } catch (error) {
      if (!(error instanceof ProtocolViolation)) throw error;
      options.log(`connection ${connection.id}: ${error.message}`);
      const isQuery = raw.readInt32LE(12) === 2004;
      const encode = isQuery ? encodeOpReply : encodeOpMsgReply;
      if (!socket.destroyed) socket.write(encode(error.requestId, protocolErrorReply(error)));
      return;
    }
    if (message.kind === 'query' && !('$db' in message.command)) {
      message.command.$db = message.collection.split('.')[0];
    }
    const reply = await options.handle(message.command, connection);
    if (socket.destroyed) return;
    if (message.kind === 'query') {
      socket.write(encodeBounded((r) => encodeOpReply(message.requestId, r), reply));
    } else if (message.flags & MsgFlags.exhaustAllowed && isAwaitableHello(message.command)) {
      await streamHello(message.requestId, message.command, reply);
    } else if (!(message.flags & MsgFlags.moreToCome)) {
      socket.write(encodeBounded((r) => encodeOpMsgReply(message.requestId, r), reply));
    }
  };

  // The streaming monitoring protocol: each answer says more is to come, and the next one follows when the
  // hello's wait ends, until the client closes the connection.
  const streamHello = async (requestId: number, command: Document, first: Document): Promise<void> => {
    let reply = first;
    let responseTo = requestId;
    while (!socket.destroyed) {
      const bytes = encodeBounded((r) => encodeOpMsgReply(responseTo, r, MsgFlags.moreToCome), reply);
      responseTo = bytes.readInt32LE(4);
      socket.write(bytes);
      if (reply.ok !== 1) return;
      reply = await options.handle(command, connection);
    }
  };

  let broken = false;
  socket.on('data', (chunk: Buffer) => {
    if (broken) return;
    const { messages, error } = framer.push(chunk);
    for (const raw of messages) {
      queue = queue
        .then(() => processMessage(raw))
        .catch((failure: unknown) => {
          options.log(`connection ${connection.id}: internal error ${String(failure)}`);
          socket.destroy();
        });
    }
    if (error) {
      options.log(`connection ${connection.id}: ${error}; closing`);
      broken = true;
      void queue.then(() => socket.destroy());
    }
  });
  socket.on('error', () => socket.destroy());
}

/** Listens for MongoDB wire-protocol clients; each connection's messages are answered in order. */
export function startWireServer(options: WireServerOptions): Promise<WireServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, options);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
