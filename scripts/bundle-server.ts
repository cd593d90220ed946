/**
 * Bundles the server into one file, dist/server-bundle.js, so a production start reads and compiles one file
 * instead of resolving and compiling hundreds across node_modules, and writes dist/server.js (what
 * `npm run serve` runs), which runs the bundle through V8's code cache (scripts/server-loader.ts), then
 * starts it once so that cache is there for the first start (scripts/prime-code-cache.ts). Run after
 * `tsc -p scripts/tsconfig.build.json` (it reads the compiled directory sources): npm run build
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { primeCodeCache } from './prime-code-cache';

const projectRoot = path.resolve(__dirname, '..');
const BUNDLE_FILE = 'server-bundle.js';

/**
 * Left as runtime requires from node_modules: a native addon (argon2), ESM-only packages the job queue loads
 * on first use, packages the server loads only when first needed (mail, uploads, feeds, two-factor, the
 * evidence checks' HTTP client, development log formatting), so the bundle does not carry them, and the
 * MongoDB driver's optional peers.
 */
const external = [
  'argon2',
  'agenda',
  '@agendajs/mongo-backend',
  'nodemailer',
  'multer',
  'feed',
  'qrcode',
  'otplib',
  'undici',
  'pino-pretty',
  '@zxcvbn-ts/language-common',
  'kerberos',
  'snappy',
  'socks',
  'aws4',
  'gcp-metadata',
  'mongodb-client-encryption',
  '@mongodb-js/zstd',
  '@aws-sdk/credential-providers',
];

/**
 * The saved directory copy's format is a hash of the compiled sources that read and index it, found next to
 * the compiled file at run time; a bundle has no such files beside it, so it gets the hash computed now from
 * the same compiled files, and a copy saved by `node dist/src/server.js` fits the bundle and back.
 */
function compiledSavedFormat(): string {
  const compiled = path.join(projectRoot, 'dist', 'src', 'features', 'directory', 'savedEntries.js');
  // In a child process: loading the compiled module registers its models with mongoose, which a benchmark
  // that already loaded the sources' models (to create accounts) would refuse as a second definition.
  const script = `process.stdout.write(require(${JSON.stringify(compiled)}).SAVED_FORMAT)`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}

export interface BundleOptions {
  /** dist/ unless given; anywhere under the project (the server finds views and locales from it). */
  outdir?: string;
  /** The compiled sources' saved-copy format unless given (the tests give the one of the sources they run). */
  savedFormat?: string;
}

/** Writes server-bundle.js and server.js, its loader, to the folder, and removes older builds' code caches. */
export async function bundleServer(options: BundleOptions = {}): Promise<void> {
  const outdir = options.outdir ?? path.join(projectRoot, 'dist');
  const bundle = path.join(outdir, BUNDLE_FILE);
  await build({
    entryPoints: [path.join(projectRoot, 'src', 'server.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    sourcesContent: false,
    external,
    define: { BUNDLED_SAVED_FORMAT: JSON.stringify(options.savedFormat ?? compiledSavedFormat()) },
    logLevel: 'warning',
  });
  for (const file of readdirSync(outdir)) {
    if (file.startsWith(`${BUNDLE_FILE}.`) && file.endsWith('.cache')) rmSync(path.join(outdir, file));
  }
  const hash = createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 16);
  await build({
    entryPoints: [path.join(projectRoot, 'scripts', 'server-loader.ts')],
    outfile: path.join(outdir, 'server.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    define: { SERVER_BUNDLE_FILE: JSON.stringify(BUNDLE_FILE), SERVER_BUNDLE_HASH: JSON.stringify(hash) },
    logLevel: 'warning',
  });
}

if (require.main === module) {
  bundleServer()
    .then(() => primeCodeCache(path.join(projectRoot, 'dist')))
    .catch((error: unknown) => {
      process.stderr.write(
        `bundling the server failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    });
}
