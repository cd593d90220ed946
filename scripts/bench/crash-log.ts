/** acknowledged: the success answer (303 to the form's page) came back; answered: any other answer; no-answer: none came. */
export type Outcome = 'acknowledged' | 'answered' | 'no-answer';

interface Sent {
  member: number;
  slug: string;
  outcome: Outcome;
  status: number | null;
  /** Why no answer came. */
  error?: string;
}
export type PledgeSave = Sent & { kind: 'pledge'; statement: string; commitments: string[] };
export type EvidenceAdd = Sent & {
  kind: 'evidence-add';
  evidenceKind: string;
  subject: string;
  commitment: string | null;
};
export type EvidenceRemove = Sent & { kind: 'evidence-remove'; evidenceId: string; subject: string };
export type CrashWrite = PledgeSave | EvidenceAdd | EvidenceRemove;

/** Every write sent, logged before it leaves, its outcome filled in when (if) the answer arrives. */
export class WriteLog {
  readonly writes: CrashWrite[] = [];
  /** Why each member that stopped on its own stopped. */
  readonly stops: string[] = [];
  acknowledged(): number {
    return this.writes.filter((write) => write.outcome === 'acknowledged').length;
  }
}

/** A small seeded generator (mulberry32), so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
