/**
 * Adds lock entries for optional platform binaries (other operating systems and CPUs) that npm left out
 * because the registry it used does not serve them. Without those entries `npm ci` refuses the lock
 * ("Missing: @swc/core-darwin-arm64@ from lock file"), here and on developers' machines of other kinds.
 * Run after any `npm install` that rewrites package-lock.json: npm run lockfile:complete
 */
import fs from 'node:fs';
import path from 'node:path';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const platformPattern =
  /(android|darwin|freebsd|linux|win32|openharmony|sunos|openbsd|netbsd|aix)-(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64)/;

function platformEntry(name: string, version: string, dev: boolean): LockEntry {
  const entry: LockEntry = { version, optional: true };
  if (dev) entry.dev = true;
  const platform = platformPattern.exec(name);
  if (platform) {
    entry.cpu = [platform[2]];
    entry.os = [platform[1]];
  }
  if (name.includes('musl')) entry.libc = ['musl'];
  else if (name.includes('gnu')) entry.libc = ['glibc'];
  return entry;
}

const lockPath = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockEntry> };
const packages = lock.packages;
const added: string[] = [];
for (const entry of Object.values({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || !/^\d+\.\d+\.\d+/.test(version)) continue;
    packages[key] = platformEntry(name, version, entry.dev === true);
    added.push(name);
  }
}
const sortedKeys = Object.keys(packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1));
lock.packages = Object.fromEntries(sortedKeys.map((key) => [key, packages[key]]));
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length ? `added ${added.length} platform entries: ${added.join(', ')}` : 'lock already complete',
);
