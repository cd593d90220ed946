import type { TFunction } from 'i18next';
import { codeLabel } from '../directory/labels';
import { badgeChoices, badgeText } from './badgeText';
import { BADGE_HEIGHT, badgeWidth } from './badgeSvg';

interface StoredMembership {
  initiative: string;
  joinedAt?: Date | null;
  status: string;
}

export interface BadgeEmbed {
  initiative: string;
  /** Same-origin, for the preview on the profile page. */
  previewSrc: string;
  src: string;
  alt: string;
  width: number;
  height: number;
  /** The HTML a signatory copies into its own site. */
  snippet: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );

/**
 * One badge per initiative an active organisation has signed. The snippet's addresses are absolute when
 * the deployment knows its public address (BASE_URL), so it works on another site.
 */
export function badgeEmbeds(
  organisation: { slug: string; status: { state: string }; memberships: readonly StoredMembership[] },
  baseUrl: string | undefined,
  lang: string,
  t: TFunction,
): BadgeEmbed[] {
  if (organisation.status.state !== 'active') return [];
  const memberships = organisation.memberships
    .filter((membership) => membership.status === 'active')
    .map((membership) => ({
      initiative: membership.initiative,
      joinedAt: membership.joinedAt instanceof Date ? membership.joinedAt.getTime() : null,
    }));
  const profilePath = `/signatories/${organisation.slug}`;
  const profileUrl = `${baseUrl ?? ''}${profilePath}`;
  const choices = badgeChoices(memberships);
  return choices.map((choice, index) => {
    const alt = badgeText(choice, t);
    // The first badge is the default one, so its address needs no initiative; the language matches `alt`.
    const query = `${index === 0 ? '' : `initiative=${choice.initiative}&`}lang=${lang}`;
    const src = `${profileUrl}/badge.svg?${query}`;
    const width = badgeWidth(alt);
    return {
      initiative: codeLabel('initiative', choice.initiative, t),
      previewSrc: `${profilePath}/badge.svg?${query}`,
      src,
      alt,
      width,
      height: BADGE_HEIGHT,
      snippet: `<a href="${escapeHtml(profileUrl)}"><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" width="${width}" height="${BADGE_HEIGHT}"></a>`,
    };
  });
}
