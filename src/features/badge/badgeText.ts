import type { TFunction } from 'i18next';
import { INITIATIVE_SLUGS, type InitiativeSlug } from '../../reference/initiatives';

export interface DatedMembership {
  initiative: string;
  /** ms since the epoch, or null when the joining date is not known. */
  joinedAt: number | null;
}

export interface BadgeChoice {
  initiative: InitiativeSlug;
  year: number | null;
}

/** Active memberships only; the date of the earliest one when an initiative is listed twice. */
function joinedByInitiative(memberships: readonly DatedMembership[]): Map<InitiativeSlug, number | null> {
  const joined = new Map<InitiativeSlug, number | null>();
  for (const slug of INITIATIVE_SLUGS) {
    const dates = memberships.filter((membership) => membership.initiative === slug);
    if (dates.length === 0) continue;
    const known = dates.flatMap((membership) => (membership.joinedAt === null ? [] : [membership.joinedAt]));
    joined.set(slug, known.length > 0 ? Math.min(...known) : null);
  }
  return joined;
}

const choiceOf = (initiative: InitiativeSlug, joinedAt: number | null): BadgeChoice => ({
  initiative,
  year: joinedAt === null ? null : new Date(joinedAt).getUTCFullYear(),
});

/** Every initiative the organisation has signed, oldest membership first. */
export function badgeChoices(memberships: readonly DatedMembership[]): BadgeChoice[] {
  return [...joinedByInitiative(memberships)]
    .sort(([, a], [, b]) => (a ?? Infinity) - (b ?? Infinity))
    .map(([initiative, joinedAt]) => choiceOf(initiative, joinedAt));
}

/** The badge for one initiative, or by default the one signed first; null when it was not signed. */
export function badgeChoice(
  memberships: readonly DatedMembership[],
  initiative: InitiativeSlug | null,
): BadgeChoice | null {
  const choices = badgeChoices(memberships);
  return initiative
    ? (choices.find((choice) => choice.initiative === initiative) ?? null)
    : (choices[0] ?? null);
}

/** "Signatory of the Paris Call since 2019", in the reader's language. */
export function badgeText(choice: BadgeChoice, t: TFunction): string {
  return choice.year === null
    ? t(`badge:undated.${choice.initiative}`)
    : t(`badge:since.${choice.initiative}`, { year: choice.year });
}
