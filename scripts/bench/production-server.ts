import { closeSync, cpSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compiledBenchScript } from './bench-data-dir';
import { startHttpServerProcess, type HttpServerProcess } from './http-server-process';
import { productionEnv } from '../production-env';

export interface ProductionServerOptions {
  /** Names the work directory (server log, static copy, data when none is given). */
  name: string;
  /** The compiled child script under dist/scripts/bench/. */
  child: string;
  /** The data directory used in place; else a copy of `copyDataFrom`, else a fresh one, in the work directory. */
  dataDir?: string;
  copyDataFrom?: string;
  /** The file the child serves at /bench/static, in the work directory. */
  staticFileName: string;
  env?: NodeJS.ProcessEnv;
  nodeFlags?: string[];
}

export interface ProductionServer {
  server: HttpServerProcess;
  env: NodeJS.ProcessEnv;
  workDir: string;
  staticFile: string;
  /** Stops the server and removes the work directory. */
  stop(): Promise<void>;
}

/** The compiled production server as a child process, its access log written to a file, not to us. */
export async function startProductionServer(options: ProductionServerOptions): Promise<ProductionServer> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), `accord-bench-${options.name}-`));
  const logFd = openSync(path.join(workDir, 'server.log'), 'a');
  const staticFile = path.join(workDir, options.staticFileName);
  const dataDir = options.dataDir ?? path.join(workDir, 'db');
  if (options.copyDataFrom) cpSync(options.copyDataFrom, dataDir, { recursive: true });
  const env = productionEnv(dataDir, options.env);
  const cleanUp = () => {
    closeSync(logFd);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const server = await startHttpServerProcess(compiledBenchScript(options.child), {
      args: [staticFile],
      env,
      compiled: true,
      stdout: logFd,
      nodeFlags: options.nodeFlags,
    });
    return {
      server,
      env,
      workDir,
      staticFile,
      async stop() {
        try {
          await server.stop();
        } finally {
          cleanUp();
        }
      },
    };
  } catch (error) {
    cleanUp();
    throw error;
  }
}
