import type { TFunction } from 'i18next';
import type { Types } from 'mongoose';
import type { Language } from '../../middleware/i18n';
import { Organisation } from '../../models/organisation';
import { relationshipsInvolving, sidesOf, type StoredParty } from '../../models/relationship';
import type { RelationshipKind } from '../../reference/relationships';
import { formatDate } from '../directory/labels';

/** A side of a relationship as every format shows it: the registry's profile, or the outside name and address. */
export interface RelatedParty {
  name: string;
  slug: string | null;
  url: string | null;
}

export interface ProfileRelationship {
  kind: RelationshipKind;
  from: RelatedParty;
  to: RelatedParty;
  since: Date | null;
  until: Date | null;
  sourceUrl: string;
}

/** The relationships an organisation is on either side of, with each registry side's current name and slug. */
export async function loadRelationships(organisation: Types.ObjectId): Promise<ProfileRelationship[]> {
  const stored = await relationshipsInvolving(organisation).sort({ _id: 1 }).lean();
  const ids = stored.flatMap((item) => [sidesOf(item).from.organisation, sidesOf(item).to.organisation]).filter((id) => id != null);
  const organisations = await Organisation.find({ _id: { $in: ids } }, { slug: 1, name: 1 }).lean();
  const byId = new Map(organisations.map((item) => [String(item._id), item]));
  const party = (side: StoredParty): RelatedParty => {
    const known = side.organisation ? byId.get(String(side.organisation)) : undefined;
    if (known) return { name: known.name, slug: known.slug, url: null };
    return { name: side.name, slug: null, url: side.url ?? null };
  };
  return stored.map((item) => ({
    kind: item.kind,
    from: party(sidesOf(item).from),
    to: party(sidesOf(item).to),
    since: item.since ?? null,
    until: item.until ?? null,
    sourceUrl: item.sourceUrl,
  }));
}

/**
 * Groups read from the profile's side: "Funds CyberPeace Institute" on the funder, "Funded by Microsoft,
 * Hewlett Foundation…" on the one funded. One group per kind and direction, in a fixed order.
 */
export function relationshipGroups(relationships: ProfileRelationship[], slug: string, lang: Language, t: TFunction) {
  const groups = new Map<string, { label: string; parties: { name: string; href: string | null; dates: string; sourceUrl: string }[] }>();
  for (const relationship of relationships) {
    const outgoing = relationship.from.slug === slug;
    const other = outgoing ? relationship.to : relationship.from;
    const key = `${outgoing ? 'outgoing' : 'incoming'}.${relationship.kind}`;
    const group = groups.get(key) ?? { label: t(`relationships:profile.${key}`), parties: [] };
    const since = formatDate(relationship.since, lang);
    const until = formatDate(relationship.until, lang);
    group.parties.push({
      name: other.name,
      href: other.slug ? `/signatories/${other.slug}` : other.url && /^https?:\/\//i.test(other.url) ? other.url : null,
      dates: [since && t('relationships:profile.since', { date: since }), until && t('relationships:profile.until', { date: until })]
        .filter(Boolean)
        .join(', '),
      sourceUrl: relationship.sourceUrl,
    });
    groups.set(key, group);
  }
  return [...groups.values()];
}
