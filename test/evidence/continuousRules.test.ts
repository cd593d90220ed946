import {
  recordInHistory,
  MAX_HISTORY_ENTRIES,
  type HistoryEntry,
} from '../../src/features/evidence/continuous/history';
import {
  lapseDecision,
  EVIDENCE_LAPSE_REASON,
  type EvidenceForLapse,
} from '../../src/features/evidence/continuous/lapseRule';
import { nextCheckAt, nextVerificationState } from '../../src/features/evidence/continuous/verificationRules';

const day = 86_400_000;
const at = (days: number) => new Date(Date.UTC(2026, 0, 1) + days * day);

describe('history compaction', () => {
  const none = { level: 'none', findings: [{ code: 'dmarc.policyNone' }], status: 'failing' as const };
  const reject = { level: 'reject', findings: [], status: 'verified' as const };

  it('keeps one entry "unchanged from … to …" while the result repeats, and opens one on any change', () => {
    let history: HistoryEntry[] = [];
    const changes: boolean[] = [];
    for (const [result, when] of [
      [none, 0],
      [none, 1],
      [none, 2],
      [reject, 3],
      [reject, 4],
      [none, 5],
    ] as const) {
      const next = recordInHistory(history, result, at(when));
      history = next.history;
      changes.push(next.changed);
    }
    expect(changes).toEqual([true, false, false, true, false, true]);
    expect(history.map(({ level, checkedAt, until }) => [level, checkedAt, until])).toEqual([
      ['none', at(0), at(2)],
      ['reject', at(3), at(4)],
      ['none', at(5), at(5)],
    ]);
  });

  it('opens an entry when only the problems change, and keeps at most the newest entries', () => {
    const other = {
      ...none,
      findings: [{ code: 'dmarc.policyNone' }, { code: 'dmarc.partialPct', params: { pct: 50 } }],
    };
    expect(recordInHistory(recordInHistory([], none, at(0)).history, other, at(1)).history).toHaveLength(2);
    let history: HistoryEntry[] = [];
    for (let i = 0; i < MAX_HISTORY_ENTRIES + 5; i++)
      history = recordInHistory(history, i % 2 ? none : reject, at(i)).history;
    expect(history).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(history[history.length - 1]?.checkedAt).toEqual(at(MAX_HISTORY_ENTRIES + 4));
  });
});

describe('verification status', () => {
  const staleAfter = 30 * day;
  it('is verified when passing, failing from the first failure, stale after the period, verified again on recovery', () => {
    let state = nextVerificationState(
      { status: 'pending-review', failingSince: null },
      'dmarc',
      'reject',
      at(0),
      staleAfter,
    );
    expect(state).toEqual({ status: 'verified', failingSince: null });
    state = nextVerificationState(state, 'dmarc', 'none', at(1), staleAfter);
    expect(state).toEqual({ status: 'failing', failingSince: at(1) });
    state = nextVerificationState(state, 'dmarc', 'missing', at(30), staleAfter);
    expect(state).toEqual({ status: 'failing', failingSince: at(1) });
    state = nextVerificationState(state, 'dmarc', 'missing', at(31), staleAfter);
    expect(state).toEqual({ status: 'stale', failingSince: at(1) });
    expect(nextVerificationState(state, 'dmarc', 'quarantine', at(32), staleAfter).status).toBe('verified');
  });

  it.each([
    ['spf', 'softfail', 'verified'],
    ['spf', 'pass-all', 'failing'],
    ['mta-sts', 'testing', 'verified'],
    ['mta-sts', 'none', 'failing'],
    ['security-txt', 'expired', 'failing'],
    ['security-txt', 'valid', 'verified'],
  ] as const)('%s at %s is %s', (check, level, status) => {
    expect(
      nextVerificationState({ status: 'verified', failingSince: null }, check, level, at(0), staleAfter)
        .status,
    ).toBe(status);
  });
});

describe('when to check again', () => {
  const settings = { periodMs: day, jitter: 0.1, retryBaseMs: 60_000, retryMaxMs: 3_600_000 };
  it('waits the period with jitter after a definite answer', () => {
    expect(nextCheckAt(at(0), settings, 0, () => 0)).toEqual(new Date(at(0).getTime() + 0.9 * day));
    expect(nextCheckAt(at(0), settings, 0, () => 1)).toEqual(new Date(at(0).getTime() + 1.1 * day));
  });
  it('backs off exponentially after errors, up to a ceiling', () => {
    const delays = [1, 2, 3, 8].map(
      (errors) => nextCheckAt(at(0), settings, errors).getTime() - at(0).getTime(),
    );
    expect(delays).toEqual([60_000, 120_000, 240_000, 3_600_000]);
  });
});

describe('the lapse rule', () => {
  const lapseAfter = 60 * day;
  const stale = (commitment: string, since: Date): EvidenceForLapse => ({
    commitment,
    status: 'stale',
    staleSince: since,
  });
  const verified = (commitment: string): EvidenceForLapse => ({
    commitment,
    status: 'verified',
    staleSince: null,
  });
  const base = {
    commitments: ['tech-accord:stronger-defence', 'tech-accord:no-offence'],
    lapseAfterMs: lapseAfter,
  };

  it('lapses an active organisation when all evidence for one commitment has been stale for the period', () => {
    const evidence = [
      stale('tech-accord:stronger-defence', at(0)),
      stale('tech-accord:stronger-defence', at(10)),
    ];
    const input = { ...base, state: 'active', reason: null, evidence };
    expect(lapseDecision({ ...input, now: at(69) })).toBe('keep');
    expect(lapseDecision({ ...input, now: at(70) })).toBe('lapse');
  });

  it('keeps it while any evidence for that commitment holds, or when the commitment has no evidence', () => {
    const evidence = [stale('tech-accord:stronger-defence', at(0)), verified('tech-accord:stronger-defence')];
    expect(lapseDecision({ ...base, state: 'active', reason: null, evidence, now: at(200) })).toBe('keep');
    expect(lapseDecision({ ...base, state: 'active', reason: null, evidence: [], now: at(200) })).toBe(
      'keep',
    );
  });

  it('restores on recovery only an organisation it lapsed itself', () => {
    const evidence = [verified('tech-accord:stronger-defence')];
    expect(
      lapseDecision({ ...base, state: 'lapsed', reason: EVIDENCE_LAPSE_REASON, evidence, now: at(0) }),
    ).toBe('restore');
    expect(lapseDecision({ ...base, state: 'lapsed', reason: 'dues unpaid', evidence, now: at(0) })).toBe(
      'keep',
    );
    expect(lapseDecision({ ...base, state: 'withdrawn', reason: null, evidence, now: at(0) })).toBe('keep');
  });
});
