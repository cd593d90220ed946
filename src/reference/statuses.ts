export const ORGANISATION_STATES = ['active', 'lapsed', 'withdrawn', 'delisted'] as const;
export type OrganisationState = (typeof ORGANISATION_STATES)[number];

export const MEMBERSHIP_STATES = ['active', 'lapsed', 'withdrawn'] as const;
export type MembershipState = (typeof MEMBERSHIP_STATES)[number];

export const ORGANISATION_ORIGINS = ['import', 'application', 'manual', 'synthetic'] as const;
export type OrganisationOrigin = (typeof ORGANISATION_ORIGINS)[number];
