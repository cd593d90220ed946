import type { ObjectId } from 'mongodb';

/** What the checks after a crash found: counts and, for anything wrong, a sentence saying what. */
export class Findings {
  acknowledged = 0;
  /** Acknowledged writes found whole. */
  found = 0;
  /** Acknowledged writes not there. */
  readonly lost: string[] = [];
  /** Anything half there: data without its audit event or the reverse, fields that disagree, gaps. */
  readonly half: string[] = [];
  /** Writes without a success answer found whole, and found absent (both are allowed). */
  unacknowledgedWhole = 0;
  unacknowledgedAbsent = 0;

  summary() {
    return {
      acknowledged: this.acknowledged,
      found: this.found,
      lost: this.lost.length,
      half: this.half.length,
      unacknowledgedWhole: this.unacknowledgedWhole,
      unacknowledgedAbsent: this.unacknowledgedAbsent,
    };
  }
}

/** The documents of one organisation the checks read, straight from the database. */
export interface StoredOrganisation {
  _id: ObjectId;
  slug: string;
  commitments: string[];
  evidenceLevel: string;
}

export interface StoredPledge {
  _id: ObjectId;
  initiative: string;
  version: number;
  commitments: string[];
  statement: string;
  changedBy: string;
}

export interface StoredEvidence {
  _id: ObjectId;
  kind: string;
  subject: string;
  commitment: string | null;
  status: string;
}

export interface StoredEvent {
  action: string;
  actor: { kind: string; label: string };
  subject: { kind: string; id: string };
  before: unknown;
  after: unknown;
}

/** Same members regardless of order. */
export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
