/**
 * Bundles the compiled server into one file, dist/server.js (what `npm run serve` runs), so a production
 * start reads and compiles one file instead of resolving and compiling hundreds across node_modules. Run
 * after `tsc -p scripts/tsconfig.build.json` (it reads the compiled directory sources): npm run build
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const projectRoot = path.resolve(__dirname, '..');
export const bundledServer = path.join(projectRoot, 'dist', 'server.js');

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
  return (createRequire(__filename)(compiled) as { SAVED_FORMAT: string }).SAVED_FORMAT;
}

export interface BundleOptions {
  /** dist/server.js unless given; anywhere under the project (the server finds views and locales from it). */
  outfile?: string;
  /** The compiled sources' saved-copy format unless given (the tests give the one of the sources they run). */
  savedFormat?: string;
}

export async function bundleServer(options: BundleOptions = {}): Promise<void> {
  await build({
    entryPoints: [path.join(projectRoot, 'src', 'server.ts')],
    outfile: options.outfile ?? bundledServer,
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
}

if (require.main === module) {
  bundleServer().catch((error: unknown) => {
    process.stderr.write(
      `bundling the server failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
