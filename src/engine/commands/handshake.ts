import type { Document } from 'bson';
import { MAX_BSON_SIZE, MAX_MESSAGE_SIZE } from '../wire/opcodes';
import type { CommandCall, CommandSpec, CommandTable } from './types';

export const SERVER_VERSION = '7.0.0';

function helloReply(call: CommandCall): Document {
  const legacy = call.name !== 'hello';
  return {
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: call.connection.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

const hello: CommandSpec = { access: 'none', run: helloReply };

const constant = (reply: Document): CommandSpec => ({ access: 'none', run: () => ({ ...reply, ok: 1 }) });

const buildInfo: CommandSpec = constant({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_SIZE,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'none' },
});

const serverStatus: CommandSpec = {
  access: 'none',
  run(call) {
    const uptimeMs = Date.now() - call.state.startedAt;
    return {
      host: 'localhost',
      version: SERVER_VERSION,
      process: 'accord-engine',
      pid: process.pid,
      uptime: Math.floor(uptimeMs / 1000),
      uptimeMillis: uptimeMs,
      localTime: new Date(),
      connections: { current: 0, available: 1000 },
      metrics: { cursor: { open: { total: call.state.cursors.size } } },
      ok: 1,
    };
  },
};

const getParameter: CommandSpec = {
  access: 'none',
  run(call) {
    const reply: Document = { ok: 1 };
    if ('featureCompatibilityVersion' in call.body || call.body.getParameter === '*') {
      reply.featureCompatibilityVersion = { version: '7.0' };
    }
    return reply;
  },
};

const connectionStatus = constant({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } });

export const handshakeCommands: CommandTable = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: constant({}),
  buildInfo,
  buildinfo: buildInfo,
  serverStatus,
  getParameter,
  connectionStatus,
  hostInfo: constant({ system: { hostname: 'localhost' }, os: { type: process.platform } }),
  getCmdLineOpts: constant({ argv: [], parsed: {} }),
  getLog: constant({ totalLinesWritten: 0, log: [] }),
  whatsmyuri: { access: 'none', run: (call) => ({ you: call.connection.remoteAddress, ok: 1 }) },
  logout: constant({}),
};
