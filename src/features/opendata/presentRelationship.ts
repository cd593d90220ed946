import type { ProfileRelationship, RelatedParty } from '../relationships/profileRelationships';
import { isoDate, type PresenterContext } from './presentOrganisation';
import type { PresentedRelationship } from './schemas';

function presentParty(party: RelatedParty, context: PresenterContext) {
  return {
    name: party.name,
    slug: party.slug,
    profileUrl: party.slug ? `${context.baseUrl ?? ''}/signatories/${party.slug}` : null,
    website: party.url,
  };
}

/** A relationship as the API, the profile download and the relationships download show it. */
export function presentRelationship(relationship: ProfileRelationship, context: PresenterContext): PresentedRelationship {
  return {
    kind: relationship.kind,
    from: presentParty(relationship.from, context),
    to: presentParty(relationship.to, context),
    since: isoDate(relationship.since),
    until: isoDate(relationship.until),
    sourceUrl: relationship.sourceUrl,
  };
}
