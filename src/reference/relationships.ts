/** How one organisation relates to another; each kind reads one way from the first and another from the second. */
export const RELATIONSHIP_KINDS = ['funds', 'partners-with', 'founding-member-of', 'member-of'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];
