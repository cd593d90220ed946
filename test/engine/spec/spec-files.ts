import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BSON } from 'mongodb';
import type { SpecFile } from './run-test';

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * MongoDB's specification tests live beside the clone, in ../shared/mongodb-specifications (CI checks
 * shared/ out next to the repository); MONGODB_SPECIFICATIONS_DIR points elsewhere for a local checkout.
 */
export function specificationsDir(environment: NodeJS.ProcessEnv = process.env): string {
  const configured = environment.MONGODB_SPECIFICATIONS_DIR?.trim();
  const dir = configured
    ? path.resolve(configured)
    : path.resolve(repositoryRoot, '..', 'shared', 'mongodb-specifications');
  if (!existsSync(dir)) {
    throw new Error(
      `MongoDB's specification tests are missing: expected them in ${dir} (shared/mongodb-specifications beside ` +
        'the repository, or set MONGODB_SPECIFICATIONS_DIR)',
    );
  }
  return dir;
}

export interface LoadedSpec {
  /** "area/file" without .json, as the expectation lists name it. */
  name: string;
  spec: SpecFile;
}

export function loadArea(area: string): LoadedSpec[] {
  const dir = path.join(specificationsDir(), area);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: `${area}/${file.slice(0, -'.json'.length)}`,
      spec: BSON.EJSON.parse(readFileSync(path.join(dir, file), 'utf8')) as SpecFile,
    }));
}
