/**
 * The last step of `npm run build`: starts the freshly bundled server once, in production mode on an empty
 * embedded data directory, asks it for a few pages and stops it, so its loader saves the V8 code cache
 * beside the bundle. The first start after a deployment then reads the cache like any restart instead of
 * compiling the whole bundle.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { productionEnv } from './production-env';

/** What a first start asks for: the pages a load balancer and the first visitors reach. */
const PAGES = ['/', '/signatories', '/healthz', '/no-such-page'];
const START_TIMEOUT_MS = 60_000;

const cachesIn = (outdir: string): string[] =>
  readdirSync(outdir).filter((file) => /^server-bundle\.js\.[0-9a-f]+\.cache$/.test(file));

/** Starts `outdir`/server.js, loads PAGES, stops it, and checks that it left a code cache. */
export async function primeCodeCache(outdir: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-prime-'));
  const child = spawn(process.execPath, [path.join(outdir, 'server.js')], {
    env: productionEnv(dataDir, { SEED_DEMO_DATA: 'false', RUN_JOBS: 'false', LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error('the server did not start')), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /serving (http:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then((code) => reject(new Error(`the server exited (${code}) before serving: ${output}`)));
    });
    for (const page of PAGES) await (await fetch(`${baseUrl}${page}`)).arrayBuffer();
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (cachesIn(outdir).length !== 1) throw new Error('the server stopped without saving its code cache');
}
