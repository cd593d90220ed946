import { createRequire } from 'node:module';

const load = createRequire(__filename);

/**
 * A package loaded the first time it is asked for instead of when the file naming it loads: for packages the
 * first answer after start does not need (the job queue's scheduler, development-only log formatting), so
 * the server starts without compiling them. Give a package name (relative paths would resolve from here)
 * and its type as `typeof import('name')`, which loads nothing.
 */
export function lazyModule<T>(packageName: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(packageName) as T);
}
