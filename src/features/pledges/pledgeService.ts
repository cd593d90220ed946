import type { Actor } from '../../audit/actor';
import type { RecordChange } from '../../audit/recordChange';
import { recordPledgeVersion, type PledgeChange } from './pledgeVersions';

export interface SavedPledge {
  /** False when the pledge was already exactly this: no version, no audit event. */
  changed: boolean;
  version: number | null;
}

/** Pledges: each save that changes something is a new version, audited as `pledge.updated`. */
export function createPledgeService(deps: { recordChange: RecordChange }) {
  return {
    async savePledge(actor: Actor, change: PledgeChange): Promise<SavedPledge> {
      return deps.recordChange<SavedPledge>(actor, 'pledge.updated', async (tx) => {
        const outcome = await recordPledgeVersion(tx, change);
        if (!outcome) return { unchanged: true, result: { changed: false, version: null } };
        return {
          subject: { kind: 'pledge', id: outcome.id },
          organisation: change.organisation,
          before: outcome.before,
          after: { initiative: change.initiative, ...outcome.after },
          result: { changed: true, version: outcome.after.version },
        };
      });
    },
  };
}

export type PledgeService = ReturnType<typeof createPledgeService>;
