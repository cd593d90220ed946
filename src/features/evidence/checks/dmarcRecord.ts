import { problem, type Problem } from './types';
import { parseTagList } from './tagList';

export const DMARC_POLICIES = ['none', 'quarantine', 'reject'] as const;
export type DmarcPolicy = (typeof DMARC_POLICIES)[number];

export interface DmarcRecord {
  p: DmarcPolicy | null;
  sp: DmarcPolicy | null;
  np: DmarcPolicy | null;
  pct: number | null;
  testing: boolean;
  rua: string[];
  ruf: string[];
  adkim: string | null;
  aspf: string | null;
  psd: string | null;
}

export interface ParsedDmarc {
  record: DmarcRecord;
  /** Errors make the record invalid; the rest are advice. */
  errors: Problem[];
}

const isPolicy = (value: string): value is DmarcPolicy =>
  (DMARC_POLICIES as readonly string[]).includes(value);
const isReportUri = (uri: string): boolean =>
  /^mailto:[^@\s]+@[^@\s]+$/i.test(uri.replace(/!\d+[kmgt]?$/i, ''));
const uriList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter(Boolean);

function policyTag(tags: Map<string, string>, name: string, errors: Problem[]): DmarcPolicy | null {
  const value = tags.get(name)?.toLowerCase();
  if (value === undefined) return null;
  if (isPolicy(value)) return value;
  errors.push(problem('dmarc.badPolicy', { tag: name, value }));
  return null;
}

function alignmentTag(tags: Map<string, string>, name: string, errors: Problem[]): string | null {
  const value = tags.get(name)?.toLowerCase();
  if (value === undefined || value === 'r' || value === 's') return value ?? null;
  errors.push(problem('dmarc.badAlignment', { tag: name, value }));
  return null;
}

function percentage(value: string | undefined, errors: Problem[]): number | null {
  if (value === undefined) return null;
  if (/^\d{1,3}$/.test(value) && Number(value) <= 100) return Number(value);
  errors.push(problem('dmarc.badPct', { value }));
  return null;
}

/** Reads one record already known to start with v=DMARC1; unknown tags are ignored (RFC 9989). */
export function parseDmarcRecord(text: string): ParsedDmarc {
  const { tags } = parseTagList(text);
  const errors: Problem[] = [];
  const rua = uriList(tags.get('rua'));
  const ruf = uriList(tags.get('ruf'));
  for (const uri of [...rua, ...ruf]) {
    if (!isReportUri(uri)) errors.push(problem('dmarc.badReportUri', { uri }));
  }
  const t = tags.get('t')?.toLowerCase();
  if (t !== undefined && t !== 'y' && t !== 'n') errors.push(problem('dmarc.badTestingFlag', { value: t }));
  const record: DmarcRecord = {
    p: policyTag(tags, 'p', errors),
    sp: policyTag(tags, 'sp', errors),
    np: policyTag(tags, 'np', errors),
    pct: percentage(tags.get('pct'), errors),
    testing: t === 'y',
    rua,
    ruf,
    adkim: alignmentTag(tags, 'adkim', errors),
    aspf: alignmentTag(tags, 'aspf', errors),
    psd: tags.get('psd')?.toLowerCase() ?? null,
  };
  return { record, errors };
}
