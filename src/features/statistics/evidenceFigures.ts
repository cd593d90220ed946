import type { EvidenceResult, StatisticsOrganisation } from './statisticsInput';
import {
  DMARC_LEVELS,
  SECURITY_TXT_LEVELS,
  type DmarcLevel,
  type SecurityTxtLevel,
  type Statistics,
} from './statisticsSchema';

/** A security.txt subject may be the URL it is fetched from; figures are per domain. */
function domainOf(subject: string): string {
  const text = subject.trim().toLowerCase();
  if (!/^https?:\/\//.test(text)) return text.replace(/\.$/, '');
  try {
    return new URL(text).hostname;
  } catch {
    return text;
  }
}

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T =>
  value !== null && (values as readonly string[]).includes(value);

function dmarcLevelOf(result: EvidenceResult): DmarcLevel | null {
  return isOneOf(DMARC_LEVELS, result.level) ? result.level : null;
}

// Entries recorded before the checker named levels carry only a status: a verified one was found valid.
function securityTxtLevelOf(result: EvidenceResult): SecurityTxtLevel | null {
  if (isOneOf(SECURITY_TXT_LEVELS, result.level)) return result.level;
  return result.level === null && result.status === 'verified' ? 'valid' : null;
}

/** Per domain, the level of its most recently checked result (an `error` or unknown level counts as none). */
function levelsByDomain<Level extends string>(
  results: readonly EvidenceResult[],
  levelOf: (result: EvidenceResult) => Level | null,
): Map<string, Level> {
  const latest = new Map<string, { level: Level; checkedAt: number }>();
  for (const result of results) {
    const level = levelOf(result);
    if (level === null) continue;
    const domain = domainOf(result.subject);
    const checkedAt = result.checkedAt ?? 0;
    const previous = latest.get(domain);
    if (!previous || checkedAt > previous.checkedAt) latest.set(domain, { level, checkedAt });
  }
  return new Map([...latest].map(([domain, { level }]) => [domain, level]));
}

function tallyLevels<Level extends string>(
  domains: ReadonlySet<string>,
  levels: ReadonlyMap<string, Level>,
  vocabulary: readonly Level[],
) {
  const counts = new Map<Level, number>(vocabulary.map((level) => [level, 0]));
  let unchecked = 0;
  for (const domain of domains) {
    const level = levels.get(domain);
    if (level === undefined) unchecked += 1;
    else counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return { unchecked, levels: vocabulary.map((level) => ({ level, count: counts.get(level) ?? 0 })) };
}

/** The organisations' own domains plus every subject checked for one kind of evidence. */
function domainsChecked(
  organisations: readonly StatisticsOrganisation[],
  results: readonly EvidenceResult[],
): Set<string> {
  const domains = new Set<string>();
  for (const organisation of organisations)
    for (const domain of organisation.domains) domains.add(domainOf(domain));
  for (const result of results) domains.add(domainOf(result.subject));
  domains.delete('');
  return domains;
}

/** DMARC and security.txt across the distinct domains of the given organisations. */
export function evidenceFigures(
  organisations: readonly StatisticsOrganisation[],
  evidence: readonly EvidenceResult[],
): Statistics['evidence'] {
  const slugs = new Set(organisations.map((organisation) => organisation.slug));
  const ofKind = (kind: EvidenceResult['kind']) =>
    evidence.filter((result) => result.kind === kind && slugs.has(result.organisation));
  const dmarcResults = ofKind('dmarc');
  const dmarcDomains = domainsChecked(organisations, dmarcResults);
  const securityTxtResults = ofKind('security-txt');
  const securityTxtDomains = domainsChecked(organisations, securityTxtResults);
  const dmarc = tallyLevels(dmarcDomains, levelsByDomain(dmarcResults, dmarcLevelOf), DMARC_LEVELS);
  const securityTxt = tallyLevels(
    securityTxtDomains,
    levelsByDomain(securityTxtResults, securityTxtLevelOf),
    SECURITY_TXT_LEVELS,
  );
  const countOf = (level: SecurityTxtLevel) =>
    securityTxt.levels.find((entry) => entry.level === level)?.count ?? 0;
  return {
    dmarc: { domains: dmarcDomains.size, ...dmarc },
    securityTxt: {
      domains: securityTxtDomains.size,
      unchecked: securityTxt.unchecked,
      present: countOf('valid') + countOf('expired') + countOf('invalid'),
      valid: countOf('valid'),
      levels: securityTxt.levels,
    },
  };
}
