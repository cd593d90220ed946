import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleServer } from '../bundle-server';
import { primeCodeCache } from '../prime-code-cache';

const projectRoot = path.resolve(__dirname, '..', '..');

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with code ${code}`)),
    );
  });
}

/**
 * A data directory holding the demo registry and COUNT synthetic organisations, seeded by `npm run seed`
 * once and reused by later runs (a file beside it records what it holds); `dir` chooses where.
 */
export async function prepareDataDir(count: number, dir?: string): Promise<string> {
  const dataDir = dir ?? path.join(os.tmpdir(), `accord-bench-data-${count}`);
  const marker = `${dataDir}.seeded.json`;
  const seeded = existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { count?: number }).count;
  if (seeded === count && existsSync(dataDir)) return dataDir;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  delete env.MONGODB_URI;
  await run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--synthetic', String(count)], env);
  writeFileSync(marker, JSON.stringify({ count, seededAt: new Date().toISOString() }));
  return dataDir;
}

/** A benchmark child script as compiled to dist/ by buildCompiled. */
export function compiledBenchScript(name: string): string {
  return path.join(projectRoot, 'dist', 'scripts', 'bench', name);
}

/**
 * Compiles src/ and the benchmark's server child to dist/, as `npm run build` compiles src/, then bundles the
 * server and primes its code cache as `npm run build` does.
 */
export async function buildCompiled(): Promise<void> {
  await run(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'scripts/tsconfig.bench.json'],
    process.env,
  );
  await bundleServer();
  await primeCodeCache(path.join(projectRoot, 'dist'));
}
