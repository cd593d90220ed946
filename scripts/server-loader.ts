/**
 * dist/server.js, what `npm run serve` runs: runs the server bundle beside it through V8's code cache. The
 * first start compiles the bundle and, once it has served a while or when it exits, saves the compiled code
 * (start-up functions included) beside the bundle; later starts reuse it instead of compiling again. The cache file is
 * named by the bundle's hash, so a rebuilt bundle never reads an older build's cache, and V8 itself rejects a
 * cache from another Node version or flags (the start then compiles as usual and saves a fresh one).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { limitHeapGrowth } from '../src/startup/heapGrowth';

/** Set when bundling: the bundle's file name and the hash of its content. */
declare const SERVER_BUNDLE_FILE: string;
declare const SERVER_BUNDLE_HASH: string;
/** Long enough for the start and its first answers to compile what they run, so the cache holds it. */
const SAVE_CACHE_AFTER_MS = 5_000;

const bundle = path.join(__dirname, SERVER_BUNDLE_FILE);
const cacheFile = `${bundle}.${SERVER_BUNDLE_HASH}.cache`;

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

let saved = false;

function saveCache(script: vm.Script): void {
  if (saved) return;
  saved = true;
  const partial = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // A read-only installation starts without the cache, as before it existed.
  }
}

// V8 accepts a code cache only under the flags it was made with, and the server changes one at start: set
// it before compiling, so the cache is made and read under the same flags.
limitHeapGrowth();
// The wrapper stays on the bundle's first line so stack traces keep the bundle's line numbers.
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`,
  // Read here rather than kept in a variable: the cache's bytes (megabytes) are garbage once compiled.
  { filename: bundle, cachedData: readCache() },
);
const compiledAfresh = script.cachedDataRejected !== false;
const runBundle = script.runInThisContext() as (...args: unknown[]) => void;
runBundle(exports, require, module, bundle, __dirname);
if (compiledAfresh) {
  setTimeout(() => saveCache(script), SAVE_CACHE_AFTER_MS).unref();
  process.once('exit', () => saveCache(script));
}
