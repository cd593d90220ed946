import { problem, type Problem } from './types';

export const MTA_STS_MODES = ['enforce', 'testing', 'none'] as const;
export type MtaStsMode = (typeof MTA_STS_MODES)[number];
export const MAX_MTA_STS_AGE = 31_557_600;

export interface MtaStsPolicy {
  version: string | null;
  mode: MtaStsMode | null;
  mx: string[];
  maxAge: number | null;
}

const isMode = (value: string): value is MtaStsMode => (MTA_STS_MODES as readonly string[]).includes(value);

/** RFC 8461 §3.2: `key: value` lines; version, mode and max_age once each, one or more mx. */
export function parseMtaStsPolicy(text: string): { policy: MtaStsPolicy; errors: Problem[] } {
  const values = new Map<string, string[]>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    const key = match[1].toLowerCase();
    values.set(key, [...(values.get(key) ?? []), match[2]]);
  }
  const errors: Problem[] = [];
  const single = (key: string): string | null => {
    const found = values.get(key) ?? [];
    if (found.length === 0) errors.push(problem('mtaSts.policyFieldMissing', { field: key }));
    if (found.length > 1) errors.push(problem('mtaSts.policyFieldRepeated', { field: key }));
    return found[0] ?? null;
  };
  const version = single('version');
  const mode = single('mode');
  const maxAge = single('max_age');
  const mx = values.get('mx') ?? [];
  if (version !== null && version !== 'STSv1')
    errors.push(problem('mtaSts.policyVersion', { value: version }));
  if (mode !== null && !isMode(mode)) errors.push(problem('mtaSts.policyMode', { value: mode }));
  if (mx.length === 0) errors.push(problem('mtaSts.policyFieldMissing', { field: 'mx' }));
  const age = maxAge !== null && /^\d{1,10}$/.test(maxAge) ? Number(maxAge) : null;
  if (maxAge !== null && (age === null || age > MAX_MTA_STS_AGE)) {
    errors.push(problem('mtaSts.policyMaxAge', { value: maxAge, max: MAX_MTA_STS_AGE }));
  }
  const policy = { version, mode: mode !== null && isMode(mode) ? mode : null, mx, maxAge: age };
  return { policy, errors };
}
