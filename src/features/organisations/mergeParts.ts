import type { ClientSession, Types } from 'mongoose';
import { Pledge } from '../../models/pledge';
import type { MembershipLike } from '../../registry/derivedFields';
import type { MembershipState } from '../../reference/statuses';

const STATE_RANK: Record<MembershipState, number> = { active: 0, lapsed: 1, withdrawn: 2 };

const earliest = (a: Date | null | undefined, b: Date | null | undefined): Date | null => {
  if (!a) return b ?? null;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
};

/** One membership per initiative: the earliest known joined date, and the more current of the two states. */
export function mergeMemberships(
  kept: readonly MembershipLike[],
  removed: readonly MembershipLike[],
): MembershipLike[] {
  const byInitiative = new Map<string, MembershipLike>();
  for (const membership of [...kept, ...removed]) {
    const held = byInitiative.get(membership.initiative);
    if (!held) {
      byInitiative.set(membership.initiative, { ...membership, joinedAt: membership.joinedAt ?? null });
      continue;
    }
    byInitiative.set(membership.initiative, {
      initiative: membership.initiative,
      joinedAt: earliest(held.joinedAt, membership.joinedAt),
      status: STATE_RANK[membership.status] < STATE_RANK[held.status] ? membership.status : held.status,
    });
  }
  return [...byInitiative.values()];
}

// Versions are renumbered through this offset first, so no step ever collides on the unique index.
const TEMPORARY_OFFSET = 1_000_000;

/**
 * The duplicate's pledge versions join the kept organisation. Where both pledged to one initiative, the
 * two histories are interleaved by date and numbered again from 1, so the latest pledge of either is
 * current; elsewhere versions keep their numbers. Returns how many versions moved.
 */
export async function mergePledges(
  session: ClientSession,
  kept: Types.ObjectId,
  removed: Types.ObjectId,
): Promise<number> {
  const versions = await Pledge.find(
    { organisation: { $in: [kept, removed] } },
    { organisation: 1, initiative: 1, version: 1, changedAt: 1 },
  )
    .session(session)
    .lean();
  const moved = versions.filter((version) => version.organisation.equals(removed)).length;
  const byInitiative = new Map<string, typeof versions>();
  for (const version of versions)
    byInitiative.set(version.initiative, [...(byInitiative.get(version.initiative) ?? []), version]);
  const renumbered: { id: Types.ObjectId; version: number }[] = [];
  for (const history of byInitiative.values()) {
    const shared =
      history.some((v) => v.organisation.equals(kept)) && history.some((v) => v.organisation.equals(removed));
    if (!shared) continue;
    history
      .sort(
        (a, b) =>
          a.changedAt.getTime() - b.changedAt.getTime() ||
          Number(a.organisation.equals(removed)) - Number(b.organisation.equals(removed)) ||
          a.version - b.version,
      )
      .forEach((version, index) => renumbered.push({ id: version._id, version: index + 1 }));
  }
  for (const { id, version } of renumbered) {
    await Pledge.updateOne(
      { _id: id },
      { $set: { organisation: kept, version: version + TEMPORARY_OFFSET } },
      { session },
    );
  }
  for (const { id, version } of renumbered)
    await Pledge.updateOne({ _id: id }, { $set: { version } }, { session });
  await Pledge.updateMany({ organisation: removed }, { $set: { organisation: kept } }, { session });
  return moved;
}
