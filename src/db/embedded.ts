import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEngine } from '../engine';

export interface EmbeddedEngine {
  readonly uri: string;
  /** True when another process (a running site) already serves this data directory and we connected to it. */
  readonly shared: boolean;
  stop(): Promise<void>;
}

const ADDRESS_FILE = 'engine.address.json';

interface EngineAddress {
  uri: string;
  pid: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The engine another process runs on this data directory, from the address it wrote there. */
async function runningEngineOn(dataDir: string): Promise<EngineAddress | null> {
  try {
    const address = JSON.parse(await readFile(path.join(dataDir, ADDRESS_FILE), 'utf8')) as EngineAddress;
    if (typeof address.uri !== 'string' || typeof address.pid !== 'number') return null;
    return address.pid !== process.pid && isAlive(address.pid) ? address : null;
  } catch {
    return null;
  }
}

/**
 * The only import of the engine from the application side. On a data directory another process already
 * serves (the site, while `npm run users` or `import` runs), connect to that engine instead of starting one:
 * only one process may own the directory.
 */
export async function startEmbeddedEngine(dataDir: string | undefined): Promise<EmbeddedEngine> {
  if (!dataDir) {
    const engine = await startEngine({});
    return { uri: engine.uri, shared: false, stop: () => engine.stop() };
  }
  const existing = await runningEngineOn(dataDir);
  if (existing) return { uri: existing.uri, shared: true, stop: () => Promise.resolve() };
  const engine = await startEngine({ dataDir }).catch(async (error: unknown) => {
    // Another process may be starting on the directory right now: use its engine once it says where it is.
    for (let waited = 0; waited < 5_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const started = await runningEngineOn(dataDir);
      if (started) return started;
    }
    throw error;
  });
  if (!('stop' in engine)) return { uri: engine.uri, shared: true, stop: () => Promise.resolve() };
  const addressFile = path.join(dataDir, ADDRESS_FILE);
  await writeFile(addressFile, JSON.stringify({ uri: engine.uri, pid: process.pid } satisfies EngineAddress));
  return {
    uri: engine.uri,
    shared: false,
    async stop() {
      await rm(addressFile, { force: true });
      await engine.stop();
    },
  };
}
