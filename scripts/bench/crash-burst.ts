import { request } from 'undici';
import { findInitiative } from '../../src/reference/initiatives';
import { CRASH_INITIATIVE, type CrashMember } from './crash-members';
import type { CrashWrite, EvidenceAdd, EvidenceRemove, Outcome, PledgeSave, WriteLog } from './crash-log';
import { cookieHeader, keepCookies } from './soak-members';

const CODES = findInitiative(CRASH_INITIATIVE)?.commitments.map((commitment) => commitment.code) ?? [];
const EVIDENCE_KINDS = ['dmarc', 'spf', 'mta-sts', 'security-txt', 'vdp-url'] as const;
const FILLER = 'We publish what we pledge and we keep our word on it. ';

async function send(
  baseUrl: string,
  member: CrashMember,
  method: 'GET' | 'POST',
  path: string,
  form?: [string, string][],
) {
  const headers: Record<string, string> = { cookie: cookieHeader(member.cookies), accept: 'text/html' };
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const answer = await request(`${baseUrl}${path}`, {
    method,
    headers,
    body: form ? new URLSearchParams([['_csrf', member.token], ...form]).toString() : undefined,
    // A new connection for each request: a kept-alive one the server has just closed would fail a write
    // that never reached it, and be mistaken for one the crash interrupted.
    reset: true,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  keepCookies(member.cookies, answer.headers['set-cookie']);
  const location = answer.headers['location'];
  return {
    status: answer.statusCode,
    location: typeof location === 'string' ? location : null,
    text: await answer.body.text(),
  };
}

/** Posts one logged write: acknowledged only by a 303 to the page the form belongs to. False when no answer came. */
async function post(
  baseUrl: string,
  member: CrashMember,
  write: CrashWrite,
  path: string,
  form: [string, string][],
  successLocation: string,
): Promise<boolean> {
  try {
    const { status, location } = await send(baseUrl, member, 'POST', path, form);
    write.status = status;
    write.outcome = status === 303 && location === successLocation ? 'acknowledged' : 'answered';
    return true;
  } catch (error) {
    write.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return false;
  }
}

/** The ids of the entries on the member's evidence page, by subject (the last word of each button's hidden label); null when the page did not answer 200. */
async function evidenceIds(baseUrl: string, member: CrashMember): Promise<Map<string, string> | null> {
  const page = await send(baseUrl, member, 'GET', `/account/organisations/${member.slug}/evidence`);
  if (page.status !== 200) return null;
  const ids = new Map<string, string>();
  for (const match of page.text.matchAll(
    /\/evidence\/([0-9a-f]{24})\/remove"[\s\S]*?visually-hidden">[^<]* ([^\s<]+)<\/span>/g,
  ))
    ids.set(match[2]!, match[1]!);
  return ids;
}

/** What one member does, drawn from its own seeded generator; each step returns why the member stops, if it does. */
function memberSteps(
  baseUrl: string,
  member: CrashMember,
  log: WriteLog,
  random: () => number,
  label: string,
) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const ownSubjects: string[] = [];
  const base = `/account/organisations/${member.slug}`;
  const sent = () => ({
    member: member.index,
    slug: member.slug,
    outcome: 'no-answer' as Outcome,
    status: null,
  });
  const noAnswer = (write: CrashWrite) => `no answer to a ${write.kind}: ${write.error}`;
  return {
    hasEvidence: () => ownSubjects.length > 0,
    async savePledge(n: number): Promise<string | null> {
      const commitments = CODES.filter(() => random() < 0.5);
      const statement =
        `Save ${label}/${member.index}.${n}. ${FILLER.repeat(1 + Math.floor(random() * 60))}`.trim();
      const write: PledgeSave = { ...sent(), kind: 'pledge', statement, commitments };
      log.writes.push(write);
      const path = `${base}/pledges/${CRASH_INITIATIVE}`;
      const form = commitments.map((code): [string, string] => ['commitments', code]);
      const answered = await post(baseUrl, member, write, path, [['statement', statement], ...form], path);
      return answered ? null : noAnswer(write);
    },
    async addEvidence(n: number): Promise<string | null> {
      const evidenceKind = pick(EVIDENCE_KINDS);
      const host = `${label}-m${member.index}-${n}.crash.example`;
      const subject = evidenceKind === 'vdp-url' ? `https://${host}/disclosure` : host;
      const commitment = random() < 0.5 ? null : `${CRASH_INITIATIVE}:${pick(CODES)}`;
      const write: EvidenceAdd = { ...sent(), kind: 'evidence-add', evidenceKind, subject, commitment };
      log.writes.push(write);
      const form: [string, string][] = [
        ['kind', evidenceKind],
        ['subject', subject],
        ['commitment', commitment ?? ''],
      ];
      const answered = await post(baseUrl, member, write, `${base}/evidence`, form, `${base}/evidence`);
      if (write.outcome === 'acknowledged') ownSubjects.push(subject);
      return answered ? null : noAnswer(write);
    },
    async removeEvidence(): Promise<string | null> {
      const [subject] = ownSubjects.splice(Math.floor(random() * ownSubjects.length), 1);
      const ids = await evidenceIds(baseUrl, member).catch(() => undefined);
      if (ids === undefined) return 'no answer from the evidence page';
      if (ids === null || !subject) return null;
      const evidenceId = ids.get(subject);
      if (!evidenceId) return `the acknowledged evidence ${subject} is not on the evidence page`;
      const write: EvidenceRemove = { ...sent(), kind: 'evidence-remove', evidenceId, subject };
      log.writes.push(write);
      const answered = await post(
        baseUrl,
        member,
        write,
        `${base}/evidence/${evidenceId}/remove`,
        [],
        `${base}/evidence`,
      );
      return answered ? null : noAnswer(write);
    },
  };
}

/**
 * One signed-in member saving, one request at a time, until `running()` turns false or the site stops
 * answering: mostly pledge saves (a new statement of up to a few kB and a random choice of commitments each
 * time), evidence added, and now and then one of its own acknowledged entries removed.
 */
export async function runMember(
  baseUrl: string,
  member: CrashMember,
  log: WriteLog,
  random: () => number,
  label: string,
  running: () => boolean,
): Promise<void> {
  const steps = memberSteps(baseUrl, member, log, random, label);
  for (let n = 0; running(); n += 1) {
    const roll = random();
    const stop =
      roll < 0.6
        ? await steps.savePledge(n)
        : roll < 0.9 || !steps.hasEvidence()
          ? await steps.addEvidence(n)
          : await steps.removeEvidence();
    if (stop) {
      log.stops.push(`member ${member.index}: ${stop}`);
      return;
    }
  }
}
