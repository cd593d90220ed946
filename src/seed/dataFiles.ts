import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';

export const PARIS_CALL_FILE = 'paris-call-supporters.csv';
export const TECH_ACCORD_FILE = 'tech-accord-founders.csv';

/** SEED_DATA_DIR when set, else the shared data folder next to the project. */
export function seedDataDir(environment: NodeJS.ProcessEnv = process.env): string {
  const configured = environment.SEED_DATA_DIR?.trim();
  return configured ? path.resolve(configured) : path.resolve(projectRoot, '..', 'shared', 'data');
}

export function seedFile(dir: string, name: string): string | null {
  const file = path.join(dir, name);
  return existsSync(file) ? file : null;
}
