import { commitmentKey, type InitiativeDefinition } from '../../reference/initiatives';
import type { DirectorySnapshot } from '../directory/snapshot';
import { isoDate } from './presentOrganisation';
import type { PresentedInitiative } from './schemas';

/** An initiative with its texts in both languages and how many active signatories adopted each commitment. */
export function presentInitiative(
  initiative: InitiativeDefinition,
  snapshot: Pick<DirectorySnapshot, 'countsByInitiative' | 'countsByCommitment'>,
): PresentedInitiative {
  const counts: Record<string, number> = snapshot.countsByInitiative;
  return {
    slug: initiative.slug,
    name: { ...initiative.name },
    description: { ...initiative.description },
    website: initiative.website,
    launchedOn: isoDate(initiative.launchedAt) ?? '',
    signatoryCount: counts[initiative.slug] ?? 0,
    commitments: initiative.commitments.map((commitment) => ({
      code: commitment.code,
      title: { ...commitment.title },
      text: { ...commitment.text },
      adoptedBy: snapshot.countsByCommitment.get(commitmentKey(initiative.slug, commitment.code)) ?? 0,
    })),
  };
}
